import type { Flow, FlowFilter, FlowSort } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, FlowRow } from '../../db/database';
import { combine, idConditions, stringConditions, tagsConditions } from '../../db/filters';

type Db = Kysely<Database>;

/** A flow row as the API type. */
export function toFlow(row: FlowRow): Flow {
  return { id: row.id, name: row.name, tags: row.tags, createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * The flow of that name, inserted first when there is none. Most calls name an existing flow,
 * so the read comes first: one statement and no write for them.
 */
export async function upsertFlowByName(
  db: Db,
  input: { id: string; name: string; tags: string[]; now: Date },
): Promise<FlowRow> {
  const existing = await findFlowByName(db, input.name);
  if (existing) return existing;
  const inserted = await db
    .insertInto('flow')
    .values({
      id: input.id,
      name: input.name,
      tags: input.tags,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  // Another caller inserted it between the read and the insert.
  return (
    inserted ?? db.selectFrom('flow').selectAll().where('name', '=', input.name).executeTakeFirstOrThrow()
  );
}

/** A flow by id, or undefined. */
export function findFlowById(db: Db, id: string): Promise<FlowRow | undefined> {
  return db.selectFrom('flow').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A flow by name, or undefined. */
export function findFlowByName(db: Db, name: string): Promise<FlowRow | undefined> {
  return db.selectFrom('flow').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The SQL condition of a flow filter over table alias `flow`. */
export function flowFilterCondition(filter: FlowFilter | undefined) {
  if (!filter) return combine([]);
  return combine(
    [
      ...idConditions('flow.id', filter.id),
      ...stringConditions('flow.name', filter.name),
      ...tagsConditions('flow.tags', filter.tags),
    ],
    filter.operator,
  );
}

const FLOW_ORDER: Record<FlowSort, string> = {
  CREATED_DESC: 'flow.created_at desc, flow.id desc',
  UPDATED_DESC: 'flow.updated_at desc, flow.id desc',
  NAME_ASC: 'flow.name asc',
  NAME_DESC: 'flow.name desc',
};

/** Flows matching a filter, sorted and paged. */
export function listFlows(
  db: Db,
  input: { filter?: FlowFilter; sort: FlowSort; limit: number; offset: number },
): Promise<FlowRow[]> {
  return db
    .selectFrom('flow')
    .selectAll()
    .where(flowFilterCondition(input.filter))
    .orderBy(sql.raw(FLOW_ORDER[input.sort]))
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many flows match a filter. */
export async function countFlows(db: Db, filter: FlowFilter | undefined): Promise<number> {
  const row = await db
    .selectFrom('flow')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(flowFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}
