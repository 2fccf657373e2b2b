import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import { preparedName } from './fixed-statement';

/**
 * A `pg` pool as kysely sees it, except that a named {@link FixedStatement} is sent as a prepared
 * statement: `pg` parses it once per connection under its name and afterwards sends only its
 * parameters. Every other query goes through unchanged. @internal
 */
export function preparingPool(pool: Pool): PostgresPool {
  // kysely keeps a connection per client object, so each pooled client keeps one wrapper.
  const wrappers = new WeakMap<PoolClient, PostgresPoolClient>();
  const wrap = (client: PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        query: ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          const name = preparedName(textOrCursor);
          const values = parameters as unknown[];
          return name
            ? client.query({ name, text: textOrCursor, values })
            : client.query(textOrCursor, values);
        }) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
