import { ConcurrencyOptions, type StateType, uuid7 } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';
import type { DeploymentLeaseEffect } from '../../orchestration/rules/deployment-lease-effect';
import type { DeploymentConcurrencySnapshot } from '../../orchestration/run-snapshots';

type Db = Kysely<Database>;

/** The lease resource of a deployment's concurrency limit. */
export function deploymentLeaseResource(deploymentId: string): string {
  return `deployment:${deploymentId}`;
}

/** The stored concurrency options with their defaults filled in. */
export function toConcurrencyOptions(stored: Record<string, unknown> | null): ConcurrencyOptions {
  return ConcurrencyOptions.parse(stored ?? {});
}

function selectConcurrency(db: Db, input: { deploymentId: string; flowRunId: string; now: Date }) {
  const resource = deploymentLeaseResource(input.deploymentId);
  return db
    .selectFrom('deployment')
    .select(['concurrency_limit', 'concurrency_options'])
    .select(
      sql<number>`(select count(*)::int from concurrency_lease l
        where l.resource = ${resource} and l.expires_at > ${input.now}
          and l.flow_run_id is distinct from ${input.flowRunId})`.as('other_leases'),
    )
    .select(
      sql<Date | null>`(select max(l.expires_at) from concurrency_lease l
        where l.resource = ${resource} and l.flow_run_id = ${input.flowRunId})`.as('own_expires_at'),
    )
    .where('id', '=', input.deploymentId);
}

/**
 * What a transition of a deployment's run needs to know about the deployment's concurrency, or
 * null when the deployment is gone. When the proposal could take a slot (PENDING, RUNNING) and
 * the deployment has a limit, the deployment row is locked first (`FOR UPDATE`) and the leases
 * counted under that lock, so two runs never take the last slot together. Lock order: the flow
 * run (locked by the caller), then the deployment; deployment writes delete runs before they
 * update the deployment row, in the same order.
 */
export async function loadDeploymentConcurrency(
  db: Db,
  input: { deploymentId: string; flowRunId: string; proposedType: StateType; now: Date },
): Promise<DeploymentConcurrencySnapshot | null> {
  let row = await selectConcurrency(db, input).executeTakeFirst();
  if (!row) return null;
  const couldTakeSlot = input.proposedType === 'PENDING' || input.proposedType === 'RUNNING';
  if (couldTakeSlot && row.concurrency_limit !== null) {
    // Lock first, then count in a new statement: under READ COMMITTED a statement that waited
    // for the lock still reads with the snapshot it started with, which misses the lease the
    // previous holder of the lock just committed.
    await db.selectFrom('deployment').select('id').where('id', '=', input.deploymentId).forUpdate().execute();
    row = await selectConcurrency(db, input).executeTakeFirst();
    if (!row) return null;
  }
  const options = toConcurrencyOptions(row.concurrency_options);
  const ownExpiresAt = row.own_expires_at === null ? null : new Date(row.own_expires_at);
  return {
    limit: row.concurrency_limit,
    collisionStrategy: options.collisionStrategy,
    gracePeriodSeconds: options.gracePeriodSeconds,
    otherLeases: row.other_leases,
    leaseExpiresAt: ownExpiresAt && ownExpiresAt > input.now ? ownExpiresAt : null,
    hasLease: ownExpiresAt !== null,
  };
}

/** Apply a lease effect decided by orchestration, in the caller's transaction. */
export async function applyDeploymentLeaseEffect(
  db: Db,
  input: {
    effect: DeploymentLeaseEffect;
    deploymentId: string;
    flowRunId: string;
    gracePeriodSeconds: number;
    now: Date;
  },
): Promise<void> {
  const resource = deploymentLeaseResource(input.deploymentId);
  const expiresAt = new Date(input.now.getTime() + input.gracePeriodSeconds * 1000);
  if (input.effect === 'renew') {
    await db
      .updateTable('concurrency_lease')
      .set({ expires_at: expiresAt })
      .where('resource', '=', resource)
      .where('flow_run_id', '=', input.flowRunId)
      .execute();
    return;
  }
  await db
    .deleteFrom('concurrency_lease')
    .where('resource', '=', resource)
    .where('flow_run_id', '=', input.flowRunId)
    .execute();
  if (input.effect === 'release') return;
  await db
    .insertInto('concurrency_lease')
    .values({
      id: uuid7(input.now.getTime()),
      resource,
      slots: 1,
      flow_run_id: input.flowRunId,
      holder: JSON.stringify({ type: 'flow_run', id: input.flowRunId }),
      expires_at: expiresAt,
      created_at: input.now,
    })
    .execute();
}

/**
 * Push a run's live deployment lease to now + the deployment's grace period; the new expiry, or
 * null when the run holds no live lease (none, or it expired: its slot may be someone else's).
 */
export async function renewDeploymentLease(
  db: Db,
  input: { flowRunId: string; now: Date },
): Promise<Date | null> {
  const row = await db
    .updateTable('concurrency_lease as l')
    .from('deployment as d')
    .set({
      expires_at: sql<Date>`${input.now}::timestamptz + make_interval(secs => coalesce((d.concurrency_options->>'gracePeriodSeconds')::int, 300))`,
    })
    .whereRef('l.resource', '=', sql<string>`'deployment:' || d.id::text`)
    .where('l.flow_run_id', '=', input.flowRunId)
    .where('l.expires_at', '>', input.now)
    .returning('l.expires_at')
    .executeTakeFirst();
  return row ? new Date(row.expires_at) : null;
}

/** Delete the leases that expired unrenewed (their holders died); the runs that held them. */
export async function deleteExpiredDeploymentLeases(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .deleteFrom('concurrency_lease')
    // Deployment leases only: global limit leases (with a lease id) are the repossessor's.
    .where('lease_id', 'is', null)
    .where('expires_at', '<=', now)
    .returning('flow_run_id')
    .execute();
  return rows.flatMap((row) => (row.flow_run_id ? [row.flow_run_id] : []));
}

/** Delete every lease of a deployment (when the deployment goes). */
export async function deleteDeploymentLeases(db: Db, deploymentId: string): Promise<void> {
  await db
    .deleteFrom('concurrency_lease')
    .where('resource', '=', deploymentLeaseResource(deploymentId))
    .execute();
}
