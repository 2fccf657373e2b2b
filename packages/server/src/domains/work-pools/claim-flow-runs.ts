import type {
  ClaimedFlowRun,
  ClaimFlowRunsInput,
  DeploymentClaimFlowRunsInput,
  FlowRun,
  JsonObject,
} from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import { listFlowRuns, toFlowRun } from '../flow-runs/flow-run-repository';
import { proposeFlowRunState } from '../flow-runs/flow-run-state-writer';
import { mergeJobVariables, renderJobConfiguration } from './job-variables';
import { markWorkPoolReady, toWorkPool } from './work-pool-repository';
import { listWorkQueues, type WorkQueueWithPoolRow } from './work-queue-repository';

type Db = Kysely<Database>;

/** The states that hold a slot of a pool's or queue's concurrency limit. */
const ACTIVE_STATE_TYPES = ['PENDING', 'RUNNING', 'CANCELLING'] as const;

/** Runs whose retries belong to a live engine (in-process) are never handed to a worker. */
const notInProcessRetry = sql<boolean>`coalesce(flow_run.empirical_policy->>'retryType', '') <> 'in_process'`;

/**
 * Hand a worker the due runs of its pool (reference §5.3), each moved to PENDING in the same
 * transaction: candidate rows are taken `FOR UPDATE SKIP LOCKED`, so concurrent claimers never
 * see the same run, and a run committed PENDING no longer matches `state_type = 'SCHEDULED'`.
 * Queues are served by priority, then by scheduled time, within the pool's and each queue's
 * concurrency limit and `limit`; paused pools and queues give nothing. A proposal the deployment
 * concurrency rule turns away (AwaitingConcurrencySlot, Cancelled) is not returned.
 */
export async function claimWorkPoolFlowRuns(
  resources: ServerResources,
  input: z.output<typeof ClaimFlowRunsInput>,
): Promise<ClaimedFlowRun[]> {
  const now = resources.clock();
  const before = input.scheduledBefore ?? new Date(now.getTime() + input.prefetchSeconds * 1000);
  const window = { before, after: input.scheduledAfter };
  const outcome = await resources.db.transaction().execute(async (trx) => {
    const pool = await trx
      .selectFrom('work_pool')
      .selectAll()
      .where('name', '=', input.workPoolName)
      .executeTakeFirst();
    if (!pool) throw new NotFoundError('Work pool', input.workPoolName);
    const queues = await listWorkQueues(trx, pool.id);
    const polled = selectPolledQueues(queues, input.workPoolName, input.workQueueNames);
    const active = pool.is_paused ? [] : polled.filter((queue) => !queue.is_paused);
    const { claimed, changed } = await claimFromQueues(trx, {
      pool,
      queues,
      active,
      window,
      limit: input.limit,
      now,
    });
    const runs = await loadFlowRuns(
      trx,
      claimed.map((c) => c.id),
      now,
    );
    const variables = await deploymentJobVariables(trx, runs);
    const template = toWorkPool(pool).baseJobTemplate;
    const result: ClaimedFlowRun[] = claimed.flatMap(({ id, queueId }) => {
      const flowRun = runs.get(id);
      if (!flowRun) return [];
      const values = mergeJobVariables({
        template,
        deployment: flowRun.deploymentId ? variables.get(flowRun.deploymentId) : null,
        run: flowRun.jobVariables,
      });
      const jobConfiguration = renderJobConfiguration(template.jobConfiguration, values);
      return [{ workPoolId: pool.id, workQueueId: queueId, flowRun, jobConfiguration }];
    });
    return { result, changed, poolId: pool.id, polledIds: polled.map((q) => q.id) };
  });
  await markPolled(resources.db, { poolId: outcome.poolId, queueIds: outcome.polledIds, now });
  for (const id of outcome.changed) resources.events.emit('flowRunChanged', { id });
  return outcome.result;
}

/**
 * The `serve` path: hand a process the due runs of its deployments (no pool, no queue limits),
 * each moved to PENDING (or RUNNING, `input.state`) in the same transaction, oldest first, and mark the deployments polled
 * (`lastPolled`, READY). Unknown deployment ids answer NOT_FOUND.
 */
export async function claimDeploymentFlowRuns(
  resources: ServerResources,
  input: z.output<typeof DeploymentClaimFlowRunsInput>,
): Promise<FlowRun[]> {
  const now = resources.clock();
  const window = { before: input.scheduledBefore ?? now, after: undefined };
  const ids = [...new Set(input.deploymentIds)];
  const outcome = await resources.db.transaction().execute(async (trx) => {
    const due = await lockDueRuns(trx, { column: 'deployment_id', values: ids }, window, input.limit);
    // Checked after the claim, in the same transaction: a claim that found runs pays for the
    // check only when one of its ids is not known to exist already.
    await assertDeploymentsExist(trx, ids, resources, now);
    const { accepted, changed } = await proposeClaimed(trx, due, now, input.state);
    const runs = await loadFlowRuns(trx, accepted, now);
    return { runs: accepted.flatMap((id) => runs.get(id) ?? []), changed };
  });
  // As in markPolled: rows held by a concurrent claim are skipped, never waited for, and rows
  // marked within the last few seconds (by this server: no statement at all) are left alone.
  if (recentlyMarked(resources, ids, now)) {
    for (const id of outcome.changed) resources.events.emit('flowRunChanged', { id });
    return outcome.runs;
  }
  await resources.db
    .updateTable('deployment')
    .set({ last_polled: now, status: 'READY' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deployment')
        .select('id')
        .where('id', 'in', ids)
        .where(pollMarkIsStale('deployment', now))
        .forUpdate()
        .skipLocked(),
    )
    .execute();
  for (const id of outcome.changed) resources.events.emit('flowRunChanged', { id });
  return outcome.runs;
}

/** Deployments this server saw claimed from, with when it last marked them polled. */
const knownDeployments = new WeakMap<ServerResources, Map<string, number>>();

function deploymentMarks(resources: ServerResources): Map<string, number> {
  let marks = knownDeployments.get(resources);
  if (!marks) {
    marks = new Map();
    knownDeployments.set(resources, marks);
  }
  return marks;
}

/**
 * NOT_FOUND for the first id that is not a deployment. Ids this server found within the last
 * {@link POLL_MARK_SECONDS} are not looked up again, so a deleted deployment is noticed within
 * that time.
 */
async function assertDeploymentsExist(
  trx: Db,
  ids: string[],
  resources: ServerResources,
  now: Date,
): Promise<void> {
  const marks = deploymentMarks(resources);
  const cutoff = now.getTime() - POLL_MARK_SECONDS * 1000;
  const unknown = ids.filter((id) => (marks.get(id) ?? Number.NEGATIVE_INFINITY) <= cutoff);
  if (unknown.length === 0) return;
  const found = await trx.selectFrom('deployment').select('id').where('id', 'in', unknown).execute();
  const missing = unknown.find((id) => !found.some((row) => row.id === id));
  if (missing) throw new NotFoundError('Deployment', missing);
}

/**
 * Whether this server marked every one of `ids` polled within {@link POLL_MARK_SECONDS}; if not,
 * they count as marked from now (the caller writes the mark).
 */
function recentlyMarked(resources: ServerResources, ids: string[], now: Date): boolean {
  const marks = deploymentMarks(resources);
  const cutoff = now.getTime() - POLL_MARK_SECONDS * 1000;
  if (ids.every((id) => (marks.get(id) ?? Number.NEGATIVE_INFINITY) > cutoff)) return true;
  if (marks.size > 10_000) marks.clear();
  for (const id of ids) marks.set(id, now.getTime());
  return false;
}

/** Take runs from the active queues in priority order, within the free slots; each proposed PENDING. */
async function claimFromQueues(
  trx: Db,
  input: {
    pool: { id: string; concurrency_limit: number | null };
    queues: WorkQueueWithPoolRow[];
    active: WorkQueueWithPoolRow[];
    window: { before: Date; after: Date | undefined };
    limit: number;
    now: Date;
  },
): Promise<{ claimed: { id: string; queueId: string }[]; changed: string[] }> {
  const { pool, active } = input;
  const limited = pool.concurrency_limit !== null || active.some((q) => q.concurrency_limit !== null);
  // Counting free slots and taking runs must not interleave with another claimer of the same
  // limited pool, or both would fill the same slots: the pool's row lock serialises them.
  // Unlimited pools skip the lock, and claimers only meet on rows, which SKIP LOCKED spreads.
  if (limited) await trx.selectFrom('work_pool').select('id').where('id', '=', pool.id).forUpdate().execute();
  const held = limited
    ? await countActiveRuns(
        trx,
        input.queues.map((q) => q.id),
      )
    : new Map<string, number>();
  let remaining = Math.min(input.limit, freeSlots(pool.concurrency_limit, sumOf(held)));
  const claimed: { id: string; queueId: string }[] = [];
  const changed: string[] = [];
  for (const queue of active) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, freeSlots(queue.concurrency_limit, held.get(queue.id) ?? 0));
    if (take <= 0) continue;
    const ids = await lockDueRuns(trx, { column: 'work_queue_id', values: [queue.id] }, input.window, take);
    const result = await proposeClaimed(trx, ids, input.now);
    changed.push(...result.changed);
    for (const id of result.accepted) claimed.push({ id, queueId: queue.id });
    remaining -= result.accepted.length;
  }
  return { claimed, changed };
}

function selectPolledQueues(
  queues: WorkQueueWithPoolRow[],
  poolName: string,
  names: string[] | undefined,
): WorkQueueWithPoolRow[] {
  if (!names || names.length === 0) return queues;
  const missing = names.find((name) => !queues.some((queue) => queue.name === name));
  if (missing) throw new NotFoundError('Work queue', `${poolName}/${missing}`);
  return queues.filter((queue) => names.includes(queue.name));
}

function freeSlots(limit: number | null, held: number): number {
  return limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - held);
}

function sumOf(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/** Runs holding a concurrency slot, per queue. */
async function countActiveRuns(trx: Db, queueIds: string[]): Promise<Map<string, number>> {
  if (queueIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('flow_run')
    .select(['work_queue_id', sql<number>`count(*)::int`.as('count')])
    .where('work_queue_id', 'in', queueIds)
    .where('state_type', 'in', ACTIVE_STATE_TYPES)
    .groupBy('work_queue_id')
    .execute();
  return new Map(rows.map((row) => [row.work_queue_id ?? '', row.count]));
}

/** Lock up to `limit` due SCHEDULED runs, oldest first, skipping rows another claimer holds. */
async function lockDueRuns(
  trx: Db,
  scope: { column: 'work_queue_id' | 'deployment_id'; values: string[] },
  window: { before: Date; after: Date | undefined },
  limit: number,
): Promise<string[]> {
  let query = trx
    .selectFrom('flow_run')
    .select('id')
    .where(scope.column, 'in', scope.values)
    .where('state_type', '=', 'SCHEDULED')
    .where(notInProcessRetry)
    .where('next_scheduled_start_time', '<=', window.before);
  if (window.after) query = query.where('next_scheduled_start_time', '>=', window.after);
  const rows = await query
    .orderBy('next_scheduled_start_time', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => row.id);
}

/** Propose PENDING (or RUNNING) for each run; `accepted` entered it, `changed` got any new state. */
async function proposeClaimed(
  trx: Db,
  ids: string[],
  now: Date,
  target: 'PENDING' | 'RUNNING' = 'PENDING',
): Promise<{ accepted: string[]; changed: string[] }> {
  const accepted: string[] = [];
  const changed: string[] = [];
  for (const id of ids) {
    const outcome = await proposeFlowRunState(trx, { id, proposed: { type: target }, force: false, now });
    if (!outcome?.written) continue;
    changed.push(id);
    if (outcome.result.status === 'ACCEPT' && outcome.result.state?.type === target) accepted.push(id);
  }
  return { accepted, changed };
}

async function loadFlowRuns(trx: Db, ids: string[], now: Date): Promise<Map<string, FlowRun>> {
  if (ids.length === 0) return new Map();
  const rows = await listFlowRuns(trx, {
    filter: { id: { any: ids } },
    sort: 'ID_DESC',
    limit: ids.length,
    offset: 0,
  });
  return new Map(rows.map((row) => [row.id, toFlowRun(row, now)]));
}

async function deploymentJobVariables(trx: Db, runs: Map<string, FlowRun>): Promise<Map<string, JsonObject>> {
  const ids = [...new Set([...runs.values()].flatMap((run) => run.deploymentId ?? []))];
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('deployment')
    .select(['id', 'job_variables'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.job_variables as JsonObject]));
}

/**
 * How fresh a `last_polled` mark may be before a poll writes it again. Workers and `serve`
 * processes poll (and claim after every wake-up) far more often than the 60 s READY window needs;
 * skipping fresh marks saves a committed write, and its fsync, on almost every claim.
 */
const POLL_MARK_SECONDS = 5;

/** A row whose poll mark is missing, older than {@link POLL_MARK_SECONDS}, or whose status is not READY yet. */
function pollMarkIsStale(table: 'deployment' | 'work_queue', now: Date) {
  const cutoff = new Date(now.getTime() - POLL_MARK_SECONDS * 1000);
  const ready =
    table === 'work_queue'
      ? sql<string>`case when work_queue.is_paused then 'PAUSED' else 'READY' end`
      : sql<string>`'READY'`;
  return sql<boolean>`(${sql.ref(`${table}.last_polled`)} is null or ${sql.ref(`${table}.last_polled`)} < ${cutoff} or ${sql.ref(`${table}.status`)} <> ${ready})`;
}

/**
 * A poll's bookkeeping, after the claim commits: polled queues get `lastPolled` (READY unless
 * paused), their deployments too, the pool READY. Each statement takes only rows nobody holds
 * (`SKIP LOCKED`) and runs on its own, so it never waits while holding a lock: concurrent polls
 * and claims (which lock deployments for their concurrency slots) cannot deadlock with it. A row
 * skipped now is marked by the poll that holds it, or by the next one.
 */
async function markPolled(db: Db, input: { poolId: string; queueIds: string[]; now: Date }): Promise<void> {
  const { now, queueIds } = input;
  if (queueIds.length > 0) {
    await db
      .updateTable('work_queue')
      .set({
        last_polled: now,
        status: sql<string>`case when work_queue.is_paused then 'PAUSED' else 'READY' end`,
      })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('work_queue')
          .select('id')
          .where('id', 'in', queueIds)
          .where(pollMarkIsStale('work_queue', now))
          .forUpdate()
          .skipLocked(),
      )
      .execute();
    await db
      .updateTable('deployment')
      .set({ last_polled: now, status: 'READY' })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('deployment')
          .select('id')
          .where('work_queue_id', 'in', queueIds)
          .where(pollMarkIsStale('deployment', now))
          .forUpdate()
          .skipLocked(),
      )
      .execute();
  }
  await markWorkPoolReady(db, input.poolId, now);
}
