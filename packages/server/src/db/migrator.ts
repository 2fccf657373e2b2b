import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  sql,
} from 'kysely';
import type { Database } from './database';
import * as init from './migrations/2026-11-21-001-init';
import * as deployments from './migrations/2026-11-21-002-deployments';
import * as variables from './migrations/2026-11-21-003-variables';
import * as artifacts from './migrations/2026-11-21-004-artifacts';
import * as concurrencyLimits from './migrations/2026-11-21-005-concurrency-limits';
import * as blocks from './migrations/2026-11-21-006-blocks';
import * as uiIndexes from './migrations/2026-11-21-007-ui-indexes';
import * as partialRunIndexes from './migrations/2026-11-21-008-partial-run-indexes';
import * as taskRunFlowRunKey from './migrations/2026-11-21-009-task-run-flow-run-key';

/** Every migration, by name, in order. A static map so bundlers keep them (style.md G7). */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-21-001-init': init,
  '2026-11-21-002-deployments': deployments,
  '2026-11-21-003-variables': variables,
  '2026-11-21-004-artifacts': artifacts,
  '2026-11-21-005-concurrency-limits': concurrencyLimits,
  '2026-11-21-006-blocks': blocks,
  '2026-11-21-007-ui-indexes': uiIndexes,
  '2026-11-21-008-partial-run-indexes': partialRunIndexes,
  '2026-11-21-009-task-run-flow-run-key': taskRunFlowRunKey,
};

/** Kysely's bookkeeping tables, dropped by a reset. */
const MIGRATION_TABLES = ['weft_migration', 'weft_migration_lock'] as const;

/** Weft's tables, dropped by a reset. */
const WEFT_TABLES = [
  'variable',
  'artifact',
  'block_document_reference',
  'block_document',
  'block_schema',
  'block_type',
  'concurrency_limit',
  'concurrency_lease',
  'deployment_schedule',
  'worker',
  'log',
  'task_run_state',
  'task_run',
  'flow_run_state',
  'flow_run',
  'deployment',
  'work_queue',
  'work_pool',
  'flow',
] as const;

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLES[0],
    migrationLockTableName: MIGRATION_TABLES[1],
  });
}

/**
 * Apply every pending migration. Throws the first failure (with the result set as `cause`).
 * @internal
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const resultSet = await createMigrator(db).migrateToLatest();
  if (resultSet.error) {
    throw new Error('Database migration failed', { cause: resultSet.error });
  }
  return resultSet;
}

/**
 * Drop every Weft table and the migration bookkeeping. The caller migrates again.
 * @internal
 */
export async function dropAllTables(db: Kysely<Database>): Promise<void> {
  for (const table of [...WEFT_TABLES, ...MIGRATION_TABLES]) {
    // Raw SQL: kysely's schema builder has no `drop … cascade` for a list; names are constants.
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
