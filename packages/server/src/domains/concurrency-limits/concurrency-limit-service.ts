import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { ConcurrencyLimitService } from './concurrency-limit-contract';
import {
  AVG_SLOT_OCCUPANCY_SECONDS,
  decayed,
  deniedDecayPerSecond,
  type LimitWithLeases,
  limitLeaseResource,
  listLeases,
  selectLimits,
  toConcurrencyLimit,
} from './concurrency-limit-repository';

/** Longest retry hint for a full limit; `tag:` limits are re-polled sooner. */
const MAX_RETRY_SECONDS = 30;
const MAX_TAG_RETRY_SECONDS = 10;

/** Seconds until a denied acquisition of `slots` is worth retrying on this limit. */
export function retryAfterSeconds(row: LimitWithLeases, slots: number, denied: number): number {
  if (row.slot_decay_per_second > 0) return (slots + denied) / row.slot_decay_per_second;
  const cap = row.name.startsWith('tag:') ? MAX_TAG_RETRY_SECONDS : MAX_RETRY_SECONDS;
  if (row.limit === 0) return cap;
  return Math.min((AVG_SLOT_OCCUPANCY_SECONDS * (slots + denied)) / row.limit, cap);
}

/** Create the concurrency limit service. */
export function createConcurrencyLimitService(resources: ServerResources): ConcurrencyLimitService {
  const { db, clock } = resources;

  const find = (trx: Kysely<Database>, name: string, now: Date) =>
    selectLimits(trx, now).where('c.name', '=', name).executeTakeFirst();

  const get = async (name: string) => {
    const now = clock();
    const row = await find(db, name, now);
    if (!row) throw new NotFoundError('Concurrency limit', name);
    return toConcurrencyLimit(row, now);
  };

  return {
    async create(input) {
      const now = clock();
      const inserted = await db
        .insertInto('concurrency_limit')
        .values({
          id: uuid7(now.getTime()),
          name: input.name,
          limit: input.limit,
          active: input.active,
          slot_decay_per_second: input.slotDecayPerSecond,
          decayed_at: now,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new ConflictError(`A concurrency limit named ${input.name} already exists`);
      return get(input.name);
    },
    get,
    async list(input) {
      const now = clock();
      let query = selectLimits(db, now).orderBy('c.name').limit(input.limit).offset(input.offset);
      if (input.namePrefix) {
        const escaped = input.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
        query = query.where('c.name', 'like', `${escaped}%`);
      }
      return (await query.execute()).map((row) => toConcurrencyLimit(row, now));
    },
    async update(input) {
      const now = clock();
      const name = await db.transaction().execute(async (trx) => {
        const row = await find(trx, input.name, now);
        if (!row) throw new NotFoundError('Concurrency limit', input.name);
        const decayedAt = new Date(row.decayed_at);
        const newName = input.newName ?? row.name;
        if (newName !== row.name) {
          const taken = await trx
            .selectFrom('concurrency_limit')
            .select('id')
            .where('name', '=', newName)
            .executeTakeFirst();
          if (taken) throw new ConflictError(`A concurrency limit named ${newName} already exists`);
        }
        // Fold the decay so far into the counters before the decay rate changes.
        await trx
          .updateTable('concurrency_limit')
          .set({
            name: newName,
            limit: input.limit ?? row.limit,
            active: input.active ?? row.active,
            slot_decay_per_second: input.slotDecayPerSecond ?? row.slot_decay_per_second,
            rate_slots: decayed(row.rate_slots, row.slot_decay_per_second, decayedAt, now),
            denied_slots: decayed(row.denied_slots, deniedDecayPerSecond(row), decayedAt, now),
            decayed_at: now,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        return newName;
      });
      return get(name);
    },
    async delete(name) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('concurrency_limit')
          .where('name', '=', name)
          .returning(['id', 'name'])
          .executeTakeFirst();
        if (!row) throw new NotFoundError('Concurrency limit', name);
        await trx
          .deleteFrom('concurrency_lease')
          .where('resource', '=', limitLeaseResource(row.id))
          .execute();
        return row;
      });
    },
    async reset(name) {
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('concurrency_limit')
          .set({ rate_slots: 0, denied_slots: 0, decayed_at: now, updated_at: now })
          .where('name', '=', name)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new NotFoundError('Concurrency limit', name);
        await trx
          .deleteFrom('concurrency_lease')
          .where('resource', '=', limitLeaseResource(row.id))
          .execute();
      });
      return get(name);
    },
    async acquire(input) {
      const now = clock();
      const names = [...new Set(input.names)].sort();
      return db.transaction().execute(async (trx) => {
        // Lock the limits in name order (deadlock-free across overlapping name sets), then count
        // the leases in a new statement so leases committed while we waited are seen.
        const locked = await trx
          .selectFrom('concurrency_limit')
          .select(['id', 'name'])
          .where('name', 'in', names)
          .orderBy('name')
          .forUpdate()
          .execute();
        if (!input.ignoreMissing && locked.length < names.length) {
          const found = new Set(locked.map((row) => row.name));
          const missing = names.find((name) => !found.has(name)) as string;
          throw new NotFoundError('Concurrency limit', missing);
        }
        const rows =
          locked.length === 0
            ? []
            : await selectLimits(trx, now).where('c.name', 'in', names).orderBy('c.name').execute();
        const limits = rows.filter((row) => row.active);
        for (const row of limits) {
          if (input.slots > row.limit) {
            throw new ValidationError(`${input.slots} slots exceed the limit of ${row.name} (${row.limit})`, {
              path: 'slots',
            });
          }
          if (input.mode === 'rate' && row.slot_decay_per_second <= 0) {
            throw new ValidationError(`${row.name} has no slot decay, so it is not a rate limit`, {
              path: 'mode',
            });
          }
        }
        for (const row of limits) {
          const decayedAt = new Date(row.decayed_at);
          const rate = decayed(row.rate_slots, row.slot_decay_per_second, decayedAt, now);
          if (row.leased_slots + rate + input.slots <= row.limit + 1e-9) continue;
          const denied = decayed(row.denied_slots, deniedDecayPerSecond(row), decayedAt, now);
          await trx
            .updateTable('concurrency_limit')
            .set({ rate_slots: rate, denied_slots: denied + input.slots, decayed_at: now })
            .where('id', '=', row.id)
            .execute();
          return {
            acquired: false as const,
            blockedBy: row.name,
            retryAfterSeconds: retryAfterSeconds(row, input.slots, denied),
          };
        }
        const summary = limits.map((row) => ({ id: row.id, name: row.name, limit: row.limit }));
        if (input.mode === 'rate') {
          for (const row of limits) {
            const decayedAt = new Date(row.decayed_at);
            await trx
              .updateTable('concurrency_limit')
              .set({
                rate_slots: decayed(row.rate_slots, row.slot_decay_per_second, decayedAt, now) + input.slots,
                denied_slots: decayed(row.denied_slots, deniedDecayPerSecond(row), decayedAt, now),
                decayed_at: now,
              })
              .where('id', '=', row.id)
              .execute();
          }
          return { acquired: true as const, leaseId: null, expiresAt: null, limits: summary };
        }
        if (limits.length === 0)
          return { acquired: true as const, leaseId: null, expiresAt: null, limits: [] };
        const leaseId = uuid7(now.getTime());
        const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
        const holder = JSON.stringify(input.holder ?? {});
        await trx
          .insertInto('concurrency_lease')
          .values(
            limits.map((row) => ({
              id: uuid7(now.getTime()),
              lease_id: leaseId,
              resource: limitLeaseResource(row.id),
              slots: input.slots,
              holder,
              expires_at: expiresAt,
              created_at: now,
            })),
          )
          .execute();
        return { acquired: true as const, leaseId, expiresAt, limits: summary };
      });
    },
    async renew(input) {
      const now = clock();
      const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
      const rows = await db
        .updateTable('concurrency_lease')
        .set({ expires_at: expiresAt })
        .where('lease_id', '=', input.leaseId)
        .where('expires_at', '>', now)
        .returning('id')
        .execute();
      if (rows.length === 0) throw new NotFoundError('Concurrency lease', input.leaseId);
      return { leaseId: input.leaseId, expiresAt };
    },
    async release(leaseId) {
      const rows = await db
        .deleteFrom('concurrency_lease')
        .where('lease_id', '=', leaseId)
        .returning('id')
        .execute();
      return { released: rows.length > 0 };
    },
    async listLeases(name) {
      const now = clock();
      if (name === undefined) return listLeases(db, { now });
      const row = await find(db, name, now);
      if (!row) throw new NotFoundError('Concurrency limit', name);
      return listLeases(db, { limitId: row.id, now });
    },
  };
}
