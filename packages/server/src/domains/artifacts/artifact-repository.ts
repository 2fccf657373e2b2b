import {
  type Artifact,
  type ArtifactFilter,
  type ArtifactMetadata,
  type ArtifactSort,
  type ArtifactType,
  uuid7,
} from '@weft/schemas';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { ArtifactRow, Database } from '../../db/database';
import { combine, enumConditions, idConditions, stringConditions } from '../../db/filters';

type Db = Kysely<Database>;

/** An artifact row as the API type. */
export function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    key: row.key,
    type: row.type as ArtifactType,
    description: row.description,
    data: row.data as Artifact['data'],
    metadata: row.metadata,
    flowRunId: row.flow_run_id,
    taskRunId: row.task_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Insert an artifact. */
export function insertArtifact(
  db: Db,
  input: {
    key: string | null;
    type: ArtifactType;
    description: string | null;
    data: unknown;
    metadata: ArtifactMetadata;
    flowRunId: string | null;
    taskRunId: string | null;
    now: Date;
  },
): Promise<ArtifactRow> {
  return db
    .insertInto('artifact')
    .values({
      id: uuid7(input.now.getTime()),
      key: input.key,
      type: input.type,
      description: input.description,
      data: JSON.stringify(input.data),
      metadata: JSON.stringify(input.metadata),
      flow_run_id: input.flowRunId,
      task_run_id: input.taskRunId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An artifact by id, or undefined; `lock` takes its row lock. */
export function findArtifact(db: Db, id: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('artifact').selectAll().where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The newest artifact of a key, or undefined. */
export function findLatestArtifact(db: Db, key: string): Promise<ArtifactRow | undefined> {
  return db
    .selectFrom('artifact')
    .selectAll()
    .where('key', '=', key)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Change an artifact's data, description or metadata; undefined when there is none. */
export function updateArtifact(
  db: Db,
  input: {
    id: string;
    data?: unknown;
    description?: string | null | undefined;
    metadata?: ArtifactMetadata | undefined;
    now: Date;
  },
): Promise<ArtifactRow | undefined> {
  return db
    .updateTable('artifact')
    .set({
      ...(input.data !== undefined && { data: JSON.stringify(input.data) }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.metadata !== undefined && { metadata: JSON.stringify(input.metadata) }),
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirst();
}

/** Delete an artifact; the deleted row, or undefined. */
export function deleteArtifact(db: Db, id: string): Promise<ArtifactRow | undefined> {
  return db.deleteFrom('artifact').where('id', '=', id).returningAll().executeTakeFirst();
}

function artifactFilterCondition(filter: ArtifactFilter | undefined) {
  if (!filter) return combine([]);
  return combine(
    [
      ...idConditions('artifact.id', filter.id),
      ...stringConditions('artifact.key', filter.key),
      ...enumConditions('artifact.type', filter.type),
      ...idConditions('artifact.flow_run_id', filter.flowRunId),
      ...idConditions('artifact.task_run_id', filter.taskRunId),
    ],
    filter.operator,
  );
}

type ArtifactQuery = SelectQueryBuilder<Database, 'artifact', ArtifactRow>;

function sorted(query: ArtifactQuery, sort: ArtifactSort): ArtifactQuery {
  if (sort === 'OLDEST') return query.orderBy('seq', 'asc');
  if (sort === 'KEY_ASC') return query.orderBy(sql`key asc nulls last`).orderBy('seq', 'desc');
  return query.orderBy('seq', 'desc');
}

/**
 * Every artifact (`latest: false`), or the newest of each key (`latest: true`): the newest is
 * picked first, then filtered, so a filter never surfaces an older version.
 */
function artifacts(db: Db, latest: boolean): ArtifactQuery {
  if (!latest) return db.selectFrom('artifact').selectAll();
  const newest = db
    .selectFrom('artifact')
    .distinctOn('key')
    .selectAll()
    .where('key', 'is not', null)
    .orderBy('key')
    .orderBy('seq', 'desc');
  return db.selectFrom(newest.as('artifact')).selectAll() as unknown as ArtifactQuery;
}

/** Artifacts (or the newest of each key) matching a filter, sorted and paged. */
export function listArtifacts(
  db: Db,
  input: { filter?: ArtifactFilter | undefined; sort: ArtifactSort; limit: number; offset: number },
  options: { latest: boolean },
): Promise<ArtifactRow[]> {
  return sorted(artifacts(db, options.latest).where(artifactFilterCondition(input.filter)), input.sort)
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many artifacts (or keys, with `latest`) match a filter. */
export async function countArtifacts(
  db: Db,
  filter: ArtifactFilter | undefined,
  options: { latest: boolean },
): Promise<number> {
  const row = await artifacts(db, options.latest)
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('count'))
    .where(artifactFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}
