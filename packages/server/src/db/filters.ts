import type { DateFilter, FilterOperator, IdFilter, StringFilter, TagsFilter } from '@weft/schemas';
import { type RawBuilder, sql } from 'kysely';

// Filters are built with `sql` over column references: the same operators apply to many columns
// of several tables, which kysely's typed builder can only express per table. Every value is a
// bound parameter; column names come from our own code.

/** One SQL condition. */
export type Condition = RawBuilder<boolean>;

/** Combine conditions with AND (default) or OR; no conditions means "everything". */
export function combine(conditions: Condition[], operator: FilterOperator = 'and'): Condition {
  if (conditions.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(conditions, sql.raw(operator === 'or' ? ' or ' : ' and '))})`;
}

/** Conditions of an id (uuid) filter. */
export function idConditions(column: string, filter: IdFilter | undefined): Condition[] {
  if (!filter) return [];
  const ref = sql.ref(column);
  const out: Condition[] = [];
  // One id as `= $1`, not `= any($1)`: with an array Postgres can't walk a composite index that
  // starts with the column in order (one flow run's task runs: 0.7 ms against 600 ms at 500k rows).
  if (filter.any?.length === 1) out.push(sql<boolean>`${ref} = ${filter.any[0]}::uuid`);
  else if (filter.any) out.push(sql<boolean>`${ref} = any(${filter.any}::uuid[])`);
  if (filter.notAny) out.push(sql<boolean>`not coalesce(${ref} = any(${filter.notAny}::uuid[]), false)`);
  if (filter.isNull !== undefined) out.push(isNull(ref, filter.isNull));
  return out;
}

/** Conditions of a text filter: any / notAny / like (ILIKE %x%) / startsWith / isNull. */
export function stringConditions(column: string, filter: StringFilter | undefined): Condition[] {
  if (!filter) return [];
  const ref = sql.ref(column);
  const out: Condition[] = [];
  if (filter.any) out.push(sql<boolean>`${ref} = any(${filter.any}::text[])`);
  if (filter.notAny) out.push(sql<boolean>`not coalesce(${ref} = any(${filter.notAny}::text[]), false)`);
  if (filter.like !== undefined) out.push(sql<boolean>`${ref} ilike ${`%${escapeLike(filter.like)}%`}`);
  if (filter.startsWith !== undefined)
    out.push(sql<boolean>`${ref} like ${`${escapeLike(filter.startsWith)}%`}`);
  if (filter.isNull !== undefined) out.push(isNull(ref, filter.isNull));
  return out;
}

/** Conditions of an enumerated text filter: any / notAny. */
export function enumConditions(column: string, filter: { any?: string[]; notAny?: string[] } | undefined) {
  return stringConditions(column, filter && { any: filter.any, notAny: filter.notAny });
}

/** Conditions of a time filter: before / after (both inclusive) / isNull. */
export function dateConditions(column: string, filter: DateFilter | undefined): Condition[] {
  if (!filter) return [];
  const ref = sql.ref(column);
  const out: Condition[] = [];
  if (filter.before) out.push(sql<boolean>`${ref} <= ${filter.before}`);
  if (filter.after) out.push(sql<boolean>`${ref} >= ${filter.after}`);
  if (filter.isNull !== undefined) out.push(isNull(ref, filter.isNull));
  return out;
}

/** Conditions of a tags filter: all (`@>`) / any (`&&`) / isNull (no tags). */
export function tagsConditions(column: string, filter: TagsFilter | undefined): Condition[] {
  if (!filter) return [];
  const ref = sql.ref(column);
  const out: Condition[] = [];
  if (filter.all) out.push(sql<boolean>`${ref} @> ${filter.all}::text[]`);
  if (filter.any) out.push(sql<boolean>`${ref} && ${filter.any}::text[]`);
  if (filter.isNull !== undefined) {
    out.push(filter.isNull ? sql<boolean>`cardinality(${ref}) = 0` : sql<boolean>`cardinality(${ref}) > 0`);
  }
  return out;
}

function isNull(ref: RawBuilder<unknown> | ReturnType<typeof sql.ref>, wanted: boolean): Condition {
  return wanted ? sql<boolean>`${ref} is null` : sql<boolean>`${ref} is not null`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
