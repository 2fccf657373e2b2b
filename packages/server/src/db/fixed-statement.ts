import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database';

// The hottest statements (a flow run's create and its state changes, a task run batch) have a
// text that never changes, so it is written out once instead of built by kysely on every call
// (about half a millisecond of CPU per flow run), and on Postgres the named ones are prepared
// once per connection: parsed and planned once, then sent as their parameters alone.

/** Statement texts prepared on each Postgres connection, and the name each is prepared under. */
const preparedNames = new Map<string, string>();

/**
 * The name a statement's text is prepared under on a Postgres connection, if it is one of the
 * named {@link FixedStatement}s. @internal
 */
export function preparedName(text: string): string | undefined {
  return preparedNames.get(text);
}

/**
 * Runs a statement on a pooled connection of its own: a statement's text, its parameters and the
 * name it is prepared under (if any).
 */
export type DirectQuery = (
  text: string,
  parameters: unknown[],
  preparedAs: string | undefined,
) => Promise<{ rows: unknown[] }>;

const directQueries = new WeakMap<Kysely<Database>, DirectQuery>();

/**
 * Let {@link FixedStatement}s run on `db` itself (not on a transaction of it) go straight to its
 * pool. Through kysely, a statement also passes its executor, connection provider, driver and
 * pool wrapper, each a promise or two: about 8% of the CPU of a flow run (bench/). The
 * statements are single, fixed texts with no plugin to apply, so nothing is lost.
 * @internal
 */
export function runFixedStatementsDirectly(db: Kysely<Database>, query: DirectQuery): void {
  directQueries.set(db, query);
}

/**
 * The parameters with each `Date` of years 1 to 9999 as its ISO text (`toISOString()`), which
 * Postgres reads as the same instant. `pg` would format it in local time, field by field: about
 * 2% of the CPU of a flow run while V8 has not optimised it yet (bench/). Other values, and dates
 * outside those years (which ISO writes with six digits), are left to `pg`. @internal
 */
export function datesAsText(parameters: unknown[]): unknown[] {
  let values = parameters;
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    if (!(value instanceof Date)) continue;
    const year = value.getUTCFullYear();
    if (!(year >= 1 && year <= 9999)) continue; // NaN too: an invalid date
    if (values === parameters) values = parameters.slice();
    values[i] = value.toISOString();
  }
  return values;
}

/**
 * A statement with a fixed text and positional parameters (`$1`, `$2`, ...).
 * @internal
 */
export class FixedStatement<Row> {
  readonly text: string;

  /**
   * @param prepareAs Prepare it under this name on each Postgres connection. Only for statements
   * whose plan does not depend on their parameters' sizes: a prepared statement may be run with a
   * generic plan, made without looking at the values.
   */
  constructor(text: string, options: { prepareAs?: string } = {}) {
    this.text = text;
    if (options.prepareAs !== undefined) {
      const taken = [...preparedNames].find(([other, name]) => name === options.prepareAs && other !== text);
      if (taken) throw new Error(`Prepared statement name ${options.prepareAs} is used twice`);
      preparedNames.set(text, options.prepareAs);
    }
  }

  /** Run it on `db`, or on the transaction `db` is. */
  execute(db: Kysely<Database>, parameters: readonly unknown[]): Promise<{ rows: Row[] }> {
    const direct = directQueries.get(db);
    if (direct) {
      return direct(this.text, parameters as unknown[], preparedNames.get(this.text)) as Promise<{
        rows: Row[];
      }>;
    }
    return db.executeQuery<Row>(CompiledQuery.raw(this.text, parameters as unknown[]));
  }
}

/**
 * Numbered placeholders with their casts, from `$from`: `placeholders(['uuid', 'text'], 3)` is
 * `$3::uuid, $4::text` (an empty cast leaves the type to Postgres).
 */
export function placeholders(casts: readonly string[], from: number): string {
  return casts.map((cast, i) => `$${from + i}${cast ? `::${cast}` : ''}`).join(', ');
}

/**
 * A Postgres array literal of uuids or numbers (null as NULL), for a `::uuid[]` or `::float8[]`
 * parameter: none of their elements needs quoting, so one join replaces the driver's escaping of
 * each element.
 */
export function plainArrayLiteral(values: ReadonlyArray<string | number | null>): string {
  const parts = new Array<string | number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? 'NULL' : value;
  }
  return `{${parts.join(',')}}`;
}

/** An element Postgres reads unquoted in an array literal: no space, brace, quote, comma or backslash. */
const PLAIN_ELEMENT = /^[\w.:+\-/@=]+$/;
const NULL_WORD = /^null$/i;

/**
 * A Postgres array literal of text (null as NULL), for a `::text[]` parameter. An element that
 * needs no quotes (a state type, a task key) goes as it is, others quoted with `"` and `\`
 * escaped; an element equal to the one before reuses its quoted form (the same JSON default on
 * every row). The driver's own conversion quotes and escapes every element, about 3 kB of
 * short-lived strings per task run in a batch.
 */
export function textArrayLiteral(values: ReadonlyArray<string | number | null>): string {
  const parts = new Array<string>(values.length);
  let lastValue: string | undefined;
  let lastPart = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      parts[i] = 'NULL';
      continue;
    }
    const text = String(value);
    if (text !== lastValue) {
      lastValue = text;
      lastPart =
        PLAIN_ELEMENT.test(text) && !NULL_WORD.test(text) ? text : `"${text.replace(/[\\"]/g, '\\$&')}"`;
    }
    parts[i] = lastPart;
  }
  return `{${parts.join(',')}}`;
}

/** Columns that travel as one typed array parameter each: `[name, element type]`. */
export type UnnestColumns = ReadonlyArray<readonly [string, string]>;

/**
 * An `unnest` over one typed array parameter per column, numbered from `$from`, as rows of alias
 * `x`: `unnestRows([['id', 'uuid'], ['name', 'text']], 3)` is
 * `unnest($3::uuid[], $4::text[]) as x(id, name)`.
 */
export function unnestRows(columns: UnnestColumns, from: number): string {
  const arrays = placeholders(
    columns.map(([, type]) => `${type}[]`),
    from,
  );
  return `unnest(${arrays}) as x(${columns.map(([name]) => name).join(', ')})`;
}

/**
 * The parameters of {@link unnestRows}, in order, from the arrays by column name: text arrays as
 * {@link textArrayLiteral}s, the others as {@link plainArrayLiteral}s.
 */
export function unnestParameters<C extends UnnestColumns>(
  columns: C,
  values: Record<C[number][0], ReadonlyArray<string | number | null>>,
): unknown[] {
  return columns.map(([name, type]) => {
    const column = values[name as C[number][0]];
    return type === 'text' ? textArrayLiteral(column) : plainArrayLiteral(column);
  });
}
