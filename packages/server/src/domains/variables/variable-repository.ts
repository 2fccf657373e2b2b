import { uuid7, type Variable, type VariableFilter, type VariableSort } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, VariableRow } from '../../db/database';
import { combine, idConditions, stringConditions, tagsConditions } from '../../db/filters';

type Db = Kysely<Database>;

/** A variable row as the API type. */
export function toVariable(row: VariableRow): Variable {
  return {
    id: row.id,
    name: row.name,
    value: row.value as Variable['value'],
    tags: row.tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A variable by name, or undefined. */
export function findVariableByName(db: Db, name: string): Promise<VariableRow | undefined> {
  return db.selectFrom('variable').selectAll().where('name', '=', name).executeTakeFirst();
}

/** A variable by id, or undefined. */
export function findVariableById(db: Db, id: string): Promise<VariableRow | undefined> {
  return db.selectFrom('variable').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Insert a variable; undefined, writing nothing, when the name is taken. */
export function insertVariable(
  db: Db,
  input: { name: string; value: unknown; tags: string[]; now: Date },
): Promise<VariableRow | undefined> {
  return db
    .insertInto('variable')
    .values({
      id: uuid7(input.now.getTime()),
      name: input.name,
      value: JSON.stringify(input.value),
      tags: input.tags,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Insert a variable or replace the value (and tags, when given) of the one of that name. */
export function upsertVariable(
  db: Db,
  input: { name: string; value: unknown; tags?: string[] | undefined; now: Date },
): Promise<VariableRow> {
  const value = JSON.stringify(input.value);
  return db
    .insertInto('variable')
    .values({
      id: uuid7(input.now.getTime()),
      name: input.name,
      value,
      tags: input.tags ?? [],
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        value,
        ...(input.tags !== undefined && { tags: input.tags }),
        updated_at: input.now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Change a variable's fields; undefined when there is no such variable. */
export function updateVariable(
  db: Db,
  input: {
    name: string;
    newName?: string | undefined;
    value?: unknown;
    tags?: string[] | undefined;
    now: Date;
  },
): Promise<VariableRow | undefined> {
  return db
    .updateTable('variable')
    .set({
      ...(input.newName !== undefined && { name: input.newName }),
      ...(input.value !== undefined && { value: JSON.stringify(input.value) }),
      ...(input.tags !== undefined && { tags: input.tags }),
      updated_at: input.now,
    })
    .where('name', '=', input.name)
    .returningAll()
    .executeTakeFirst();
}

/** Delete a variable by name; the deleted row, or undefined. */
export function deleteVariable(db: Db, name: string): Promise<VariableRow | undefined> {
  return db.deleteFrom('variable').where('name', '=', name).returningAll().executeTakeFirst();
}

function variableFilterCondition(filter: VariableFilter | undefined) {
  if (!filter) return combine([]);
  return combine(
    [
      ...idConditions('variable.id', filter.id),
      ...stringConditions('variable.name', filter.name),
      ...tagsConditions('variable.tags', filter.tags),
    ],
    filter.operator,
  );
}

const ORDER: Record<VariableSort, [column: 'name' | 'created_at' | 'updated_at', 'asc' | 'desc']> = {
  NAME_ASC: ['name', 'asc'],
  NAME_DESC: ['name', 'desc'],
  CREATED_DESC: ['created_at', 'desc'],
  UPDATED_DESC: ['updated_at', 'desc'],
};

/** Variables matching a filter, sorted and paged (ties broken by name). */
export function listVariables(
  db: Db,
  input: { filter?: VariableFilter | undefined; sort: VariableSort; limit: number; offset: number },
): Promise<VariableRow[]> {
  const [column, direction] = ORDER[input.sort];
  return db
    .selectFrom('variable')
    .selectAll()
    .where(variableFilterCondition(input.filter))
    .orderBy(column, direction)
    .orderBy('name', 'asc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many variables match a filter. */
export async function countVariables(db: Db, filter: VariableFilter | undefined): Promise<number> {
  const row = await db
    .selectFrom('variable')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(variableFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}
