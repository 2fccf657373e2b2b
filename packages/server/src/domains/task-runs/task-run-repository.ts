import {
  type State,
  type StateType,
  type TaskRun,
  type TaskRunFilter,
  TaskRunInput,
  TaskRunPolicy,
  type TaskRunSort,
} from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database, TaskRunRow } from '../../db/database';
import {
  combine,
  dateConditions,
  enumConditions,
  idConditions,
  stringConditions,
  tagsConditions,
} from '../../db/filters';
import { estimatedRunTime, type StateRowLike, toState } from '../../db/state-rows';

type Db = Kysely<Database>;

/** A task run row with its current state row (as JSON) joined. */
export type TaskRunWithStateRow = TaskRunRow & { state_json: StateRowLike | null };

const TaskInputs = z.record(z.string(), z.array(TaskRunInput));

/** A task run row as the API type, derived fields computed at `now`. */
export function toTaskRun(row: TaskRunWithStateRow, now: Date): TaskRun {
  const state: State | null = row.state_json ? toState(row.state_json) : null;
  return {
    id: row.id,
    name: row.name,
    flowRunId: row.flow_run_id,
    taskKey: row.task_key,
    dynamicKey: row.dynamic_key,
    taskVersion: row.task_version,
    cacheKey: row.cache_key,
    cacheExpiration: row.cache_expiration,
    tags: row.tags,
    taskInputs: TaskInputs.parse(row.task_inputs),
    empiricalPolicy: TaskRunPolicy.parse(row.empirical_policy),
    runCount: row.run_count,
    flowRunRunCount: row.flow_run_run_count,
    expectedStartTime: row.expected_start_time,
    startTime: row.start_time,
    endTime: row.end_time,
    totalRunTime: row.total_run_time,
    estimatedRunTime: estimatedRunTime(row, now),
    stateId: row.state_id,
    stateType: row.state_type as StateType | null,
    stateName: row.state_name,
    state,
    subflowRunId: row.subflow_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectTaskRuns(db: Db) {
  return db
    .selectFrom('task_run')
    .leftJoin('task_run_state', 'task_run_state.id', 'task_run.state_id')
    .selectAll('task_run')
    .select(sql<StateRowLike | null>`to_jsonb(task_run_state)`.as('state_json'));
}

/** A task run by id, or undefined. */
export function findTaskRun(db: Db, id: string): Promise<TaskRunWithStateRow | undefined> {
  return selectTaskRuns(db).where('task_run.id', '=', id).executeTakeFirst();
}

/** The task run of a (flowRunId, taskKey, dynamicKey) key, or undefined. */
export function findTaskRunByKey(
  db: Db,
  key: { flowRunId: string | null; taskKey: string; dynamicKey: string },
): Promise<TaskRunWithStateRow | undefined> {
  return selectTaskRuns(db)
    .where(sql<boolean>`task_run.flow_run_id is not distinct from ${key.flowRunId}::uuid`)
    .where('task_run.task_key', '=', key.taskKey)
    .where('task_run.dynamic_key', '=', key.dynamicKey)
    .executeTakeFirst();
}

/** The SQL condition of a task run filter over table `task_run`. */
export function taskRunFilterCondition(filter: TaskRunFilter | undefined) {
  if (!filter) return combine([]);
  const subflow = filter.subflowRuns
    ? [
        filter.subflowRuns.exists
          ? sql<boolean>`task_run.subflow_run_id is not null`
          : sql<boolean>`task_run.subflow_run_id is null`,
      ]
    : [];
  return combine(
    [
      ...idConditions('task_run.id', filter.id),
      ...stringConditions('task_run.name', filter.name),
      ...tagsConditions('task_run.tags', filter.tags),
      ...idConditions('task_run.flow_run_id', filter.flowRunId),
      ...stringConditions('task_run.task_key', filter.taskKey),
      ...enumConditions('task_run.state_type', filter.stateType),
      ...stringConditions('task_run.state_name', filter.stateName),
      ...dateConditions('task_run.start_time', filter.startTime),
      ...dateConditions('task_run.expected_start_time', filter.expectedStartTime),
      ...subflow,
    ],
    filter.operator,
  );
}

const TASK_RUN_ORDER: Record<TaskRunSort, string> = {
  ID_DESC: 'task_run.id desc',
  EXPECTED_START_TIME_ASC: 'task_run.expected_start_time asc nulls last, task_run.id asc',
  EXPECTED_START_TIME_DESC: 'task_run.expected_start_time desc nulls last, task_run.id desc',
  NAME_ASC: 'task_run.name asc, task_run.id asc',
  NAME_DESC: 'task_run.name desc, task_run.id desc',
  END_TIME_DESC: 'task_run.end_time desc nulls last, task_run.id desc',
};

/** Task runs matching a filter, sorted and paged. */
export function listTaskRuns(
  db: Db,
  input: { filter?: TaskRunFilter; sort: TaskRunSort; limit: number; offset: number },
): Promise<TaskRunWithStateRow[]> {
  return selectTaskRuns(db)
    .where(taskRunFilterCondition(input.filter))
    .orderBy(sql.raw(TASK_RUN_ORDER[input.sort]))
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many task runs match a filter. */
export async function countTaskRuns(db: Db, filter: TaskRunFilter | undefined): Promise<number> {
  const row = await db
    .selectFrom('task_run')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(taskRunFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}

/** A task run's states, oldest first. */
export async function listTaskRunStates(db: Db, taskRunId: string): Promise<State[]> {
  const rows = await db
    .selectFrom('task_run_state')
    .selectAll()
    .where('task_run_id', '=', taskRunId)
    .orderBy('timestamp', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toState);
}
