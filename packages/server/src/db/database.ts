import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A `timestamptz` column: read as `Date`, written as `Date` or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A `jsonb` column: written as a JSON string (`JSON.stringify`) so pg and PGlite agree. */
type Jsonb<T> = ColumnType<T, string, string>;
/** A column with a database default. */
type Defaulted<T, W = T> = ColumnType<T, W | undefined, W>;

/** Table `flow`. */
export interface FlowTable {
  id: string;
  name: string;
  tags: Defaulted<string[]>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Columns a run shares with task runs: times, counts and the denormalised current state. */
interface RunColumns {
  run_count: Defaulted<number>;
  expected_start_time: Timestamp | null;
  start_time: Timestamp | null;
  end_time: Timestamp | null;
  total_run_time: Defaulted<number>;
  state_id: string | null;
  state_type: string | null;
  state_name: string | null;
  state_timestamp: Timestamp | null;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `flow_run`. */
export interface FlowRunTable extends RunColumns {
  id: string;
  name: string;
  flow_id: string;
  flow_version: string | null;
  deployment_id: string | null;
  deployment_version: string | null;
  work_pool_name: string | null;
  work_queue_name: string | null;
  work_queue_id: string | null;
  job_variables: Defaulted<Record<string, unknown>, string>;
  auto_scheduled: Defaulted<boolean>;
  created_by: Jsonb<{ id: string | null; type: string; displayValue: string | null }> | null;
  parent_task_run_id: string | null;
  idempotency_key: string | null;
  parameters: Jsonb<Record<string, unknown>>;
  tags: Defaulted<string[]>;
  next_scheduled_start_time: Timestamp | null;
  empirical_policy: Jsonb<Record<string, unknown>>;
  infrastructure_pid: string | null;
}

/** Columns of `flow_run_state` and `task_run_state`. */
interface StateColumns {
  id: string;
  type: string;
  name: string;
  timestamp: Timestamp;
  message: string | null;
  state_details: Jsonb<Record<string, unknown>>;
  data: Jsonb<unknown> | null;
  created_at: Defaulted<Date, Date | string>;
}

/** Table `flow_run_state`. */
export interface FlowRunStateTable extends StateColumns {
  flow_run_id: string;
}

/** Table `task_run`. */
export interface TaskRunTable extends RunColumns {
  id: string;
  name: string;
  flow_run_id: string | null;
  task_key: string;
  dynamic_key: string;
  task_version: string | null;
  cache_key: string | null;
  cache_expiration: Timestamp | null;
  tags: Defaulted<string[]>;
  task_inputs: Jsonb<Record<string, unknown>>;
  empirical_policy: Jsonb<Record<string, unknown>>;
  flow_run_run_count: Defaulted<number>;
  subflow_run_id: string | null;
}

/** Table `task_run_state`. */
export interface TaskRunStateTable extends StateColumns {
  task_run_id: string;
}

/** Table `log`. No foreign keys: the engine may log before the run is recorded. */
export interface LogTable {
  id: string;
  name: string;
  level: number;
  message: string;
  timestamp: Timestamp;
  flow_run_id: string | null;
  task_run_id: string | null;
  created_at: Defaulted<Date, Date | string>;
}

/** Table `work_pool`. */
export interface WorkPoolTable {
  id: string;
  name: string;
  description: string | null;
  type: string;
  base_job_template: Jsonb<Record<string, unknown>>;
  is_paused: Defaulted<boolean>;
  concurrency_limit: number | null;
  status: Defaulted<string>;
  default_queue_id: string | null;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `work_queue`. */
export interface WorkQueueTable {
  id: string;
  work_pool_id: string;
  name: string;
  description: string | null;
  is_paused: Defaulted<boolean>;
  concurrency_limit: number | null;
  priority: number;
  last_polled: Timestamp | null;
  status: Defaulted<string>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `worker`. */
export interface WorkerTable {
  id: string;
  work_pool_id: string;
  name: string;
  last_heartbeat_time: Timestamp;
  heartbeat_interval_seconds: number | null;
  status: Defaulted<string>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `deployment`. */
export interface DeploymentTable {
  id: string;
  name: string;
  flow_id: string;
  version: string | null;
  description: string | null;
  tags: Defaulted<string[]>;
  parameters: Jsonb<Record<string, unknown>>;
  parameter_schema: Jsonb<Record<string, unknown>> | null;
  enforce_parameter_schema: Defaulted<boolean>;
  job_variables: Jsonb<Record<string, unknown>>;
  work_queue_id: string | null;
  work_pool_name: string | null;
  work_queue_name: string | null;
  entrypoint: string | null;
  path: string | null;
  pull_steps: Jsonb<unknown[]>;
  paused: Defaulted<boolean>;
  status: Defaulted<string>;
  last_polled: Timestamp | null;
  concurrency_limit: number | null;
  concurrency_options: Jsonb<Record<string, unknown>> | null;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `artifact`. `seq` orders versions of a key (set by the database). */
export interface ArtifactTable {
  id: string;
  seq: ColumnType<string, never, never>;
  key: string | null;
  type: string;
  description: string | null;
  data: Jsonb<unknown>;
  metadata: Jsonb<Record<string, string>>;
  flow_run_id: string | null;
  task_run_id: string | null;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `variable`. */
export interface VariableTable {
  id: string;
  name: string;
  value: Jsonb<unknown>;
  tags: Defaulted<string[]>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `deployment_schedule`. */
export interface DeploymentScheduleTable {
  id: string;
  deployment_id: string;
  schedule: Jsonb<Record<string, unknown>>;
  active: Defaulted<boolean>;
  parameters: Jsonb<Record<string, unknown>>;
  slug: string | null;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `concurrency_lease`: a held slot of a limit (`resource`), freed when it expires unrenewed. */
export interface ConcurrencyLeaseTable {
  id: string;
  resource: string;
  slots: Defaulted<number>;
  flow_run_id: string | null;
  holder: Jsonb<Record<string, unknown>>;
  expires_at: Timestamp;
  created_at: Defaulted<Date, Date | string>;
  /** A global concurrency limit lease: shared by the rows of one acquisition over several limits. */
  lease_id: Defaulted<string | null>;
}

/** Table `concurrency_limit`: a global concurrency or rate limit (leases: `limit:<id>`). */
export interface ConcurrencyLimitTable {
  id: string;
  name: string;
  limit: number;
  active: Defaulted<boolean>;
  slot_decay_per_second: Defaulted<number>;
  rate_slots: Defaulted<number>;
  denied_slots: Defaulted<number>;
  decayed_at: Defaulted<Date, Date | string>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `block_type`. */
export interface BlockTypeTable {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  logo_url: string | null;
  documentation_url: string | null;
  code_example: string | null;
  is_protected: Defaulted<boolean>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `block_schema`: one version of a block type's fields, unique by checksum within the type. */
export interface BlockSchemaTable {
  id: string;
  block_type_id: string;
  checksum: string;
  version: string;
  capabilities: Defaulted<string[]>;
  secret_fields: Defaulted<string[]>;
  fields: Jsonb<Record<string, unknown>>;
  created_at: Defaulted<Date, Date | string>;
}

/** Table `block_document`: `data` without its secret fields, which are in `encrypted_secrets`. */
export interface BlockDocumentTable {
  id: string;
  name: string;
  block_type_id: string;
  block_schema_id: string;
  data: Jsonb<Record<string, unknown>>;
  /** AES-256-GCM ciphertext of the secret fields' values by path (`secrets/secret-box.ts`). */
  encrypted_secrets: string | null;
  is_anonymous: Defaulted<boolean>;
  created_at: Defaulted<Date, Date | string>;
  updated_at: Defaulted<Date, Date | string>;
}

/** Table `block_document_reference`: a nested block, by the field path holding its `$ref`. */
export interface BlockDocumentReferenceTable {
  parent_block_document_id: string;
  reference_block_document_id: string;
  path: string;
}

/** The Kysely view of the Weft schema (snake_case, as stored). */
export interface Database {
  block_type: BlockTypeTable;
  block_schema: BlockSchemaTable;
  block_document: BlockDocumentTable;
  block_document_reference: BlockDocumentReferenceTable;
  flow: FlowTable;
  flow_run: FlowRunTable;
  flow_run_state: FlowRunStateTable;
  task_run: TaskRunTable;
  task_run_state: TaskRunStateTable;
  log: LogTable;
  work_pool: WorkPoolTable;
  work_queue: WorkQueueTable;
  worker: WorkerTable;
  deployment: DeploymentTable;
  deployment_schedule: DeploymentScheduleTable;
  concurrency_lease: ConcurrencyLeaseTable;
  variable: VariableTable;
  artifact: ArtifactTable;
  concurrency_limit: ConcurrencyLimitTable;
}

export type BlockTypeRow = Selectable<BlockTypeTable>;
export type BlockSchemaRow = Selectable<BlockSchemaTable>;
export type BlockDocumentRow = Selectable<BlockDocumentTable>;
export type FlowRow = Selectable<FlowTable>;
export type FlowRunRow = Selectable<FlowRunTable>;
export type FlowRunStateRow = Selectable<FlowRunStateTable>;
export type TaskRunRow = Selectable<TaskRunTable>;
export type TaskRunStateRow = Selectable<TaskRunStateTable>;
export type LogRow = Selectable<LogTable>;
export type NewFlowRun = Insertable<FlowRunTable>;
export type WorkPoolRow = Selectable<WorkPoolTable>;
export type WorkQueueRow = Selectable<WorkQueueTable>;
export type WorkerRow = Selectable<WorkerTable>;
export type DeploymentRow = Selectable<DeploymentTable>;
export type DeploymentScheduleRow = Selectable<DeploymentScheduleTable>;
export type ConcurrencyLeaseRow = Selectable<ConcurrencyLeaseTable>;
export type VariableRow = Selectable<VariableTable>;
export type ArtifactRow = Selectable<ArtifactTable>;
export type ConcurrencyLimitRow = Selectable<ConcurrencyLimitTable>;
