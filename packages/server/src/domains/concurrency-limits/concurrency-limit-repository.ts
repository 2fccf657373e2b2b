import type { ConcurrencyLease, ConcurrencyLimit } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { ConcurrencyLimitRow, Database } from '../../db/database';

type Db = Kysely<Database>;

/** The lease resource of a global concurrency limit. */
export function limitLeaseResource(limitId: string): string {
  return `limit:${limitId}`;
}

/** Default seconds a slot is assumed held, for denied-slot decay and retry hints. */
export const AVG_SLOT_OCCUPANCY_SECONDS = 2;

/** A decaying counter's value at `now` (floor 0). */
export function decayed(value: number, perSecond: number, since: Date, now: Date): number {
  const elapsed = Math.max(0, (now.getTime() - since.getTime()) / 1000);
  return Math.max(0, value - perSecond * elapsed);
}

/** The rate at which denied slots decay: the slot decay, or one slot per average occupancy. */
export function deniedDecayPerSecond(row: Pick<ConcurrencyLimitRow, 'slot_decay_per_second'>): number {
  return row.slot_decay_per_second > 0 ? row.slot_decay_per_second : 1 / AVG_SLOT_OCCUPANCY_SECONDS;
}

/** A limit row with its live leased slots. */
export type LimitWithLeases = ConcurrencyLimitRow & { leased_slots: number };

/** Select limits with the sum of their live leases' slots. */
export function selectLimits(db: Db, now: Date) {
  return db
    .selectFrom('concurrency_limit as c')
    .selectAll('c')
    .select(
      sql<number>`(select coalesce(sum(l.slots), 0)::int from concurrency_lease l
        where l.resource = 'limit:' || c.id::text and l.expires_at > ${now})`.as('leased_slots'),
    );
}

/** Map a row to the schema type, with its counters as of `now`. */
export function toConcurrencyLimit(row: LimitWithLeases, now: Date): ConcurrencyLimit {
  const decayedAt = new Date(row.decayed_at);
  return {
    id: row.id,
    name: row.name,
    limit: row.limit,
    active: row.active,
    activeSlots: row.leased_slots + decayed(row.rate_slots, row.slot_decay_per_second, decayedAt, now),
    deniedSlots: decayed(row.denied_slots, deniedDecayPerSecond(row), decayedAt, now),
    slotDecayPerSecond: row.slot_decay_per_second,
    created: new Date(row.created_at),
    updated: new Date(row.updated_at),
  };
}

/** Live leases (optionally of one limit), one entry per lease id. */
export async function listLeases(
  db: Db,
  input: { limitId?: string; now: Date },
): Promise<ConcurrencyLease[]> {
  let query = db
    .selectFrom('concurrency_lease as l')
    .innerJoin('concurrency_limit as c', (join) => join.on(sql<boolean>`l.resource = 'limit:' || c.id::text`))
    .select(['l.lease_id', 'l.slots', 'l.holder', 'l.expires_at', 'l.created_at', 'c.name'])
    .where('l.lease_id', 'is not', null)
    .where('l.expires_at', '>', input.now)
    .orderBy('l.created_at')
    .orderBy('c.name');
  if (input.limitId) {
    const limitId = input.limitId;
    query = query.where('l.lease_id', 'in', (sub) =>
      sub
        .selectFrom('concurrency_lease')
        .select('lease_id')
        .where('resource', '=', limitLeaseResource(limitId)),
    );
  }
  const rows = await query.execute();
  const byId = new Map<string, ConcurrencyLease>();
  for (const row of rows) {
    const id = row.lease_id as string;
    const lease = byId.get(id);
    if (lease) lease.names.push(row.name);
    else
      byId.set(id, {
        id,
        names: [row.name],
        slots: row.slots,
        holder: row.holder as ConcurrencyLease['holder'],
        expiresAt: new Date(row.expires_at),
        created: new Date(row.created_at),
      });
  }
  return [...byId.values()];
}

/** Delete the expired leases of global limits; how many lease rows went. */
export async function deleteExpiredLimitLeases(db: Db, now: Date): Promise<number> {
  const rows = await db
    .deleteFrom('concurrency_lease')
    .where('lease_id', 'is not', null)
    .where('expires_at', '<=', now)
    .returning('id')
    .execute();
  return rows.length;
}
