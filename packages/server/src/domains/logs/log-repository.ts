import type { Log, LogFilter, LogSort } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, LogRow } from '../../db/database';
import { combine, dateConditions, idConditions } from '../../db/filters';

type Db = Kysely<Database>;

/** A log row as the API type. */
export function toLog(
  row: Pick<LogRow, 'id' | 'name' | 'level' | 'message' | 'timestamp' | 'flow_run_id' | 'task_run_id'>,
): Log {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    message: row.message,
    timestamp: row.timestamp,
    flowRunId: row.flow_run_id,
    taskRunId: row.task_run_id,
  };
}

/**
 * Insert logs in one statement; a log whose id exists is skipped (a retried batch). Returns the
 * logs inserted.
 */
export async function insertLogs(db: Db, logs: Log[]): Promise<Log[]> {
  if (logs.length === 0) return [];
  const records = logs.map((log) => ({
    id: log.id,
    name: log.name,
    level: log.level,
    message: log.message,
    timestamp: log.timestamp,
    flow_run_id: log.flowRunId,
    task_run_id: log.taskRunId,
  }));
  // One JSON parameter expanded by jsonb_to_recordset: one statement for up to 10,000 logs.
  const result = await sql<{ id: string }>`
    insert into log (id, name, level, message, timestamp, flow_run_id, task_run_id)
    select id, name, level, message, timestamp, flow_run_id, task_run_id
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id uuid, name text, level integer,
      message text, timestamp timestamptz, flow_run_id uuid, task_run_id uuid)
    on conflict (id) do nothing
    returning id`.execute(db);
  // Only the ids come back: reading 1,000 whole rows (dates parsed) cost as much as writing them.
  if (result.rows.length === logs.length) return logs;
  const inserted = new Set(result.rows.map((row) => row.id));
  return logs.filter((log) => inserted.has(log.id));
}

function logFilterCondition(filter: LogFilter | undefined) {
  if (!filter) return combine([]);
  return combine([
    ...idConditions('log.flow_run_id', filter.flowRunId),
    ...idConditions('log.task_run_id', filter.taskRunId),
    ...(filter.level?.ge !== undefined ? [sql<boolean>`log.level >= ${filter.level.ge}`] : []),
    ...(filter.level?.le !== undefined ? [sql<boolean>`log.level <= ${filter.level.le}`] : []),
    ...dateConditions('log.timestamp', filter.timestamp),
    ...(filter.text !== undefined
      ? [sql<boolean>`log.message ilike ${`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`]
      : []),
  ]);
}

/** Logs matching a filter, sorted by time and paged. */
export async function listLogs(
  db: Db,
  input: { filter?: LogFilter; sort: LogSort; limit: number; offset: number },
): Promise<Log[]> {
  const direction = input.sort === 'TIMESTAMP_DESC' ? 'desc' : 'asc';
  const rows = await db
    .selectFrom('log')
    .selectAll()
    .where(logFilterCondition(input.filter))
    .orderBy('timestamp', direction)
    .orderBy('id', direction)
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map(toLog);
}
