import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';
import type { ServerResources } from '../../resources';
import type { WatchScheduledInput } from './work-pool-contract';

/** The Postgres channel that carries `flowRunsScheduled` between server replicas. */
export const FLOW_RUNS_SCHEDULED_CHANNEL = 'weft_flow_runs_scheduled';

/** Ids per NOTIFY: a payload must stay under Postgres's 8000 bytes (37 bytes an id). */
const IDS_PER_NOTIFY = 150;

/** The wake-ups of workers and `serve` processes when runs enter SCHEDULED. */
export interface ScheduledWakeups {
  /** Ids of the runs matching `input` as they are scheduled, here or on another replica. */
  watch(input: WatchScheduledInput, signal: AbortSignal | undefined): AsyncGenerator<{ ids: string[] }>;
}

interface RelayPayload {
  origin: string;
  ids: string[];
}

// One relay per server (per events emitter), however many times services are built over it.
const relays = new WeakMap<ServerResources['events'], ScheduledWakeups>();

/**
 * Wake-ups for `workPools.watchScheduled`. In-process, it follows the `flowRunsScheduled` event.
 * Where the database supports LISTEN/NOTIFY, every local event is also published on
 * {@link FLOW_RUNS_SCHEDULED_CHANNEL}, and, once someone watches, a dedicated connection listens
 * there and re-emits other replicas' events here (`remote: true`, never published again).
 */
export function createScheduledWakeups(resources: ServerResources): ScheduledWakeups {
  const existing = relays.get(resources.events);
  if (existing) return existing;
  const { db, events, logger } = resources;
  const origin = randomUUID();
  const listen = resources.capabilities.supportsListenNotify ? (resources.listen ?? null) : null;
  let listening: Promise<void> | null = null;

  if (listen) {
    events.on('flowRunsScheduled', (payload) => {
      if (payload.remote || payload.ids.length === 0) return;
      void publish(db, origin, payload.ids).catch((error: unknown) =>
        logger.warn('Could not publish scheduled flow runs to other replicas', { message: messageOf(error) }),
      );
    });
  }

  function receive(text: string): void {
    const payload = parsePayload(text);
    if (!payload || payload.origin === origin) return;
    events.emit('flowRunsScheduled', { ids: payload.ids, remote: true });
  }

  function ensureListening(): Promise<void> {
    if (!listen) return Promise.resolve();
    listening ??= listen(FLOW_RUNS_SCHEDULED_CHANNEL, receive, (error) => {
      logger.warn('The scheduled flow runs listener lost its connection', { message: error.message });
      listening = null; // The next watcher opens a new one.
    }).then(
      () => undefined,
      (error: unknown) => {
        logger.warn('Could not listen for scheduled flow runs of other replicas', {
          message: messageOf(error),
        });
        listening = null;
      },
    );
    return listening;
  }

  const wakeups: ScheduledWakeups = {
    async *watch(input, signal) {
      // Subscribe before anything awaits, so nothing scheduled meanwhile is missed.
      const stream = events.stream('flowRunsScheduled', signal);
      await ensureListening();
      for await (const { ids } of stream) {
        const matching = await matchingRunIds(db, ids, input);
        if (matching.length > 0) yield { ids: matching };
      }
    },
  };
  relays.set(events, wakeups);
  return wakeups;
}

async function publish(db: Kysely<Database>, origin: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_NOTIFY) {
    const payload: RelayPayload = { origin, ids: ids.slice(i, i + IDS_PER_NOTIFY) };
    // pg_notify takes the channel as a value (NOTIFY would need it spliced into the statement).
    await sql`select pg_notify(${FLOW_RUNS_SCHEDULED_CHANNEL}, ${JSON.stringify(payload)})`.execute(db);
  }
}

function parsePayload(text: string): RelayPayload | undefined {
  try {
    const value = JSON.parse(text) as Partial<RelayPayload>;
    if (typeof value.origin !== 'string' || !Array.isArray(value.ids)) return undefined;
    return { origin: value.origin, ids: value.ids.filter((id): id is string => typeof id === 'string') };
  } catch {
    return undefined; // Not ours: someone else NOTIFYs on the channel.
  }
}

/** The ids among `ids` of runs in the watched pool (by queue or name) or deployments, in one query. */
async function matchingRunIds(
  db: Kysely<Database>,
  ids: string[],
  input: WatchScheduledInput,
): Promise<string[]> {
  const { workPoolName, deploymentIds } = input;
  if (!workPoolName && !deploymentIds?.length) return ids;
  const rows = await db
    .selectFrom('flow_run')
    .leftJoin('work_queue', 'work_queue.id', 'flow_run.work_queue_id')
    .leftJoin('work_pool', 'work_pool.id', 'work_queue.work_pool_id')
    .select('flow_run.id')
    .where('flow_run.id', 'in', ids)
    .where((eb) =>
      eb.or([
        ...(workPoolName
          ? [eb('work_pool.name', '=', workPoolName), eb('flow_run.work_pool_name', '=', workPoolName)]
          : []),
        ...(deploymentIds?.length ? [eb('flow_run.deployment_id', 'in', deploymentIds)] : []),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
