import {
  type FlowRunGraph,
  type FlowRunGraphInput,
  type FlowRunGraphNode,
  MAX_GRAPH_NODES,
  type StateType,
  TaskRunInput,
} from '@weft/schemas';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { NotFoundError, ValidationError } from '../../errors';
import { listFlowRunStates } from './flow-run-repository';

const TaskInputs = z.record(z.string(), z.array(TaskRunInput));

/** A task run of the graph, with its subflow run's fields when it tracks one. */
interface GraphRow {
  id: string;
  name: string;
  state_type: string | null;
  state_name: string | null;
  state_timestamp: Date | null;
  expected_start_time: Date | null;
  start_time: Date | null;
  end_time: Date | null;
  task_inputs: unknown;
  subflow_run_id: string | null;
  sub?: SubflowRow;
}

interface SubflowRow {
  id: string;
  name: string;
  state_type: string | null;
  state_name: string | null;
  state_timestamp: Date | null;
  start_time: Date | null;
  end_time: Date | null;
}

const byTime = (a: Date | null, b: Date | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.getTime() - b.getTime();

/**
 * Up to `limit` task runs of the flow run with their subflow runs, by start time (nulls last),
 * then expected start time, then id. Two lookups by key, not a join: with a join, Postgres
 * hashes every flow run to find the few subflows (40 ms at 50k runs).
 */
async function loadGraphRows(db: Kysely<Database>, flowRunId: string, limit: number): Promise<GraphRow[]> {
  const rows: GraphRow[] = await db
    .selectFrom('task_run')
    .select([
      'id',
      'name',
      'state_type',
      'state_name',
      'state_timestamp',
      'expected_start_time',
      'start_time',
      'end_time',
      'task_inputs',
      'subflow_run_id',
    ])
    .where('flow_run_id', '=', flowRunId)
    .limit(limit)
    .execute();
  const subflowIds = rows.flatMap((row) => (row.subflow_run_id ? [row.subflow_run_id] : []));
  if (subflowIds.length > 0) {
    const subflows = await db
      .selectFrom('flow_run')
      .select(['id', 'name', 'state_type', 'state_name', 'state_timestamp', 'start_time', 'end_time'])
      .where('id', 'in', subflowIds)
      .execute();
    const byId = new Map(subflows.map((sub) => [sub.id, sub]));
    for (const row of rows) if (row.subflow_run_id) row.sub = byId.get(row.subflow_run_id);
  }
  return rows.sort(
    (a, b) =>
      byTime(a.sub?.start_time ?? a.start_time, b.sub?.start_time ?? b.start_time) ||
      byTime(a.expected_start_time, b.expected_start_time) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function toNode(row: GraphRow): FlowRunGraphNode {
  const { sub } = row;
  const source = sub ?? row;
  return {
    kind: sub ? 'flow-run' : 'task-run',
    id: source.id,
    label: source.name,
    stateType: source.state_type as StateType | null,
    stateName: source.state_name,
    startTime: source.start_time,
    endTime: source.end_time,
    parents: [],
    children: [],
  };
}

/** Whether a node started, ended or changed state at or after `since`. */
function changedSince(row: GraphRow, since: Date): boolean {
  const times = [row.start_time, row.end_time, row.state_timestamp];
  if (row.sub) times.push(row.sub.start_time, row.sub.end_time, row.sub.state_timestamp);
  return times.some((time) => time !== null && time >= since);
}

/**
 * A flow run's task runs and subflow runs as a DAG (reference §9.3 graph-v2). A task run that
 * tracks a subflow becomes a `flow-run` node with the child run's id. Edges come from each task
 * run's `taskInputs` (every `task_run` / `flow_run` input: arguments, `wait_for`, `__parents__`)
 * whose run is a node of this graph. `since` keeps the nodes that started, ended or changed state
 * at or after it (edges and roots are computed over the whole graph first). A run with more than
 * `maxNodes` task runs answers VALIDATION (BAD_REQUEST); an unknown run NOT_FOUND.
 */
export async function buildFlowRunGraph(
  db: Kysely<Database>,
  input: z.output<typeof FlowRunGraphInput>,
  maxNodes: number = MAX_GRAPH_NODES,
): Promise<FlowRunGraph> {
  const run = await db
    .selectFrom('flow_run')
    .select(['start_time', 'end_time'])
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!run) throw new NotFoundError('Flow run', input.id);
  const rows = await loadGraphRows(db, input.id, maxNodes + 1);
  if (rows.length > maxNodes) {
    const { count } = await db
      .selectFrom('task_run')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('flow_run_id', '=', input.id)
      .executeTakeFirstOrThrow();
    throw new ValidationError(
      `flow run ${input.id} has ${Number(count)} task runs; the graph shows at most ${maxNodes}`,
      { path: 'id' },
    );
  }
  const nodes = rows.map(toNode);
  // A tracking task run's id stands for its subflow node (a task may take a subflow's result).
  const nodeIdOf = new Map<string, FlowRunGraphNode>();
  rows.forEach((row, i) => {
    const node = nodes[i]!;
    nodeIdOf.set(row.id, node);
    nodeIdOf.set(node.id, node);
  });
  rows.forEach((row, i) => {
    const child = nodes[i]!;
    const seen = new Set<string>();
    const parsed = TaskInputs.safeParse(row.task_inputs ?? {});
    // Inputs the engine did not write in the current shape give no edges rather than an error.
    for (const inputs of Object.values(parsed.success ? parsed.data : {})) {
      for (const upstream of inputs) {
        if (upstream.inputType !== 'task_run' && upstream.inputType !== 'flow_run') continue;
        const parent = nodeIdOf.get(upstream.id);
        if (!parent || parent === child || seen.has(parent.id)) continue;
        seen.add(parent.id);
        child.parents.push({ id: parent.id });
        parent.children.push({ id: child.id });
      }
    }
  });
  const kept = input.since ? nodes.filter((_, i) => changedSince(rows[i]!, input.since!)) : nodes;
  return {
    startTime: run.start_time,
    endTime: run.end_time,
    rootNodeIds: kept.filter((node) => node.parents.length === 0).map((node) => node.id),
    nodes: kept,
    states: await listFlowRunStates(db, input.id),
  };
}
