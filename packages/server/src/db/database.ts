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
  work_queue_name: string | null;
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

/** The Kysely view of the Weft schema (snake_case, as stored). */
export interface Database {
  flow: FlowTable;
  flow_run: FlowRunTable;
  flow_run_state: FlowRunStateTable;
  task_run: TaskRunTable;
  task_run_state: TaskRunStateTable;
  log: LogTable;
}

export type FlowRow = Selectable<FlowTable>;
export type FlowRunRow = Selectable<FlowRunTable>;
export type FlowRunStateRow = Selectable<FlowRunStateTable>;
export type TaskRunRow = Selectable<TaskRunTable>;
export type TaskRunStateRow = Selectable<TaskRunStateTable>;
export type LogRow = Selectable<LogTable>;
export type NewFlowRun = Insertable<FlowRunTable>;
