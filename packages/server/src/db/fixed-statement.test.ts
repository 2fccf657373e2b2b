import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import {
  datesAsText,
  FixedStatement,
  placeholders,
  plainArrayLiteral,
  textArrayLiteral,
  unnestParameters,
  unnestRows,
} from './fixed-statement';

describe('placeholders', () => {
  it('numbers from where it is told, each with its cast', () => {
    expect(placeholders(['uuid', '', 'text'], 3)).toBe('$3::uuid, $4, $5::text');
    const columns = [
      ['id', 'uuid'],
      ['name', 'text'],
      ['ms', 'float8'],
    ] as const;
    expect(unnestRows(columns, 2)).toBe('unnest($2::uuid[], $3::text[], $4::float8[]) as x(id, name, ms)');
    // Every column as an array literal, text quoted where it must be, in the columns' order.
    const names = ['a,"b"', null];
    expect(unnestParameters(columns, { ms: [1.5, null], name: names, id: ['u1', 'u2'] })).toEqual([
      '{u1,u2}',
      '{"a,\\"b\\"",NULL}',
      '{1.5,NULL}',
    ]);
  });
});

describe('a fixed statement', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(() => t?.close());

  it('passes uuids and numbers as array literals the database reads back exactly', async () => {
    const ids = ['01a1fe21-35a5-7e98-8df5-8e713cfae791', '01a1fe21-35ad-7d7b-ab51-12dae8558f98'];
    const numbers = [1763726400123.5, null, -0.25, 1e21, 7];
    const statement = new FixedStatement<{ ids: string[]; numbers: Array<number | null> }>(
      'select $1::uuid[] as ids, $2::float8[] as numbers',
    );
    const { rows } = await statement.execute(t.resources.db, [
      plainArrayLiteral(ids),
      plainArrayLiteral(numbers),
    ]);
    expect(rows[0]).toEqual({ ids, numbers });
    expect(plainArrayLiteral([])).toBe('{}');
  });

  it('passes text as an array literal the database reads back exactly, odd elements included', async () => {
    const json = JSON.stringify({ retries: 0, note: 'a "quoted" \\ value' });
    const texts = [
      'COMPLETED',
      'noop-30b0a234',
      '1.92a7-0',
      '',
      'NULL',
      'null',
      'Null',
      'a b',
      ' lead',
      'trail ',
      'quo"te',
      'back\\slash',
      '{brace}',
      'comma,',
      'ünï ☃',
      'line\nbreak',
      'tab\t',
      json,
      json,
      null,
      '{}',
      '{}',
      'x',
      null,
      '"',
      '\\',
    ];
    const statement = new FixedStatement<{ texts: Array<string | null> }>('select $1::text[] as texts');
    const { rows } = await statement.execute(t.resources.db, [textArrayLiteral(texts)]);
    expect(rows[0]?.texts).toEqual(texts);
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['PENDING', null, 'a b'])).toBe('{PENDING,NULL,"a b"}');
  });

  it('runs in the transaction it is given, and outside it when given the database', async () => {
    const txid = new FixedStatement<{ txid: string }>('select txid_current()::text as txid');
    const { db } = t.resources;
    const inside = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ txid: string }>`select txid_current()::text as txid`.execute(trx);
      return { statement: (await txid.execute(trx, [])).rows[0]?.txid, transaction: rows[0]?.txid };
    });
    expect(inside.statement).toBe(inside.transaction);
    const outside = (await txid.execute(db, [])).rows[0]?.txid;
    expect(outside).toBeDefined();
    expect(outside).not.toBe(inside.transaction);
  });

  it('passes dates as the same instants, on the database and in a transaction', async () => {
    const dates = [
      new Date('2026-11-21T23:59:59.123Z'),
      new Date('0001-01-01T00:00:00.000Z'),
      new Date('9999-12-31T23:59:59.999Z'),
      // Outside ISO's four-digit years: `pg` formats these itself. PGlite's driver writes every
      // date as ISO text and cannot send them (its own limit, not the statement's).
      ...(process.env.WEFT_TEST_DB === 'postgres'
        ? [new Date(Date.UTC(10_000, 0, 1, 12)), new Date(Date.UTC(-44, 2, 15))]
        : []),
    ];
    const statement = new FixedStatement<{ at: Date; ms: number }>(
      'select $1::timestamptz as at, (extract(epoch from $1::timestamptz) * 1000)::float8 as ms',
    );
    const { db } = t.resources;
    for (const date of dates) {
      const outside = (await statement.execute(db, [date])).rows[0];
      const inside = await db
        .transaction()
        .execute(async (trx) => (await statement.execute(trx, [date])).rows[0]);
      // Postgres counts a year before 1 AD one off from JS, so compare instants through epoch ms.
      expect(outside?.ms, date.toISOString()).toBe(date.getTime());
      expect(inside?.ms, date.toISOString()).toBe(date.getTime());
    }
  });

  it('turns dates of years 1 to 9999 into ISO text and leaves the rest as they are', () => {
    const at = new Date('2026-11-21T23:59:59.123Z');
    const far = new Date(Date.UTC(10_000, 0, 1));
    const invalid = new Date(Number.NaN);
    const given = [at, 'x', 1, null, far, invalid];
    expect(datesAsText(given)).toEqual(['2026-11-21T23:59:59.123Z', 'x', 1, null, far, invalid]);
    expect(given[0]).toBe(at);
    const none = ['x', 2];
    expect(datesAsText(none)).toBe(none);
  });

  it('refuses a second text under a name already taken', () => {
    new FixedStatement('select 1 as one', { prepareAs: 'weft_test_one' });
    expect(() => new FixedStatement('select 2 as two', { prepareAs: 'weft_test_one' })).toThrow(
      'Prepared statement name weft_test_one is used twice',
    );
  });

  it.runIf(process.env.WEFT_TEST_DB === 'postgres')(
    'is prepared once per connection under its name on Postgres, an unnamed one never',
    async () => {
      const named = new FixedStatement<{ n: number }>('select $1::int + 1 as n', {
        prepareAs: 'weft_test_plus',
      });
      const unnamed = new FixedStatement<{ n: number }>('select $1::int + 2 as n');
      const prepared = await t.resources.db.connection().execute(async (db) => {
        expect((await named.execute(db, [1])).rows).toEqual([{ n: 2 }]);
        expect((await named.execute(db, [2])).rows).toEqual([{ n: 3 }]);
        expect((await unnamed.execute(db, [1])).rows).toEqual([{ n: 3 }]);
        const rows = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements`.execute(db);
        return rows.rows;
      });
      expect(prepared).toEqual([{ name: 'weft_test_plus', statement: 'select $1::int + 1 as n' }]);
    },
  );
});
