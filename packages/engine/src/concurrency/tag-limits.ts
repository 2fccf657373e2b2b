import type { ConcurrencyLimit } from '@weft/schemas';
import type { EngineSession } from '../config/engine-session';
import { acquireSlots, type HeldSlots } from './concurrency';
import type { ConcurrencyClient } from './concurrency-client';

/** How long the set of existing `tag:` limits is reused before it is read again. */
const TAG_LIMITS_CACHE_MS = 5000;

interface CachedTagLimits {
  at: number;
  names: Promise<Set<string>>;
}

const cache = new WeakMap<EngineSession, Map<string, CachedTagLimits>>();

function existingTagLimits(
  session: EngineSession,
  client: ConcurrencyClient,
  flowRunId: string,
): Promise<Set<string>> {
  let byRun = cache.get(session);
  if (!byRun) {
    byRun = new Map();
    cache.set(session, byRun);
  }
  const now = Date.now();
  const hit = byRun.get(flowRunId);
  if (hit && now - hit.at < TAG_LIMITS_CACHE_MS) return hit.names;
  for (const [key, entry] of byRun) if (now - entry.at >= TAG_LIMITS_CACHE_MS) byRun.delete(key);
  const names = client.concurrencyLimits.list
    .query({ namePrefix: 'tag:', limit: 1000 })
    .then((limits: ConcurrencyLimit[]) => new Set(limits.filter((l) => l.active).map((l) => l.name)))
    .catch(() => new Set<string>());
  byRun.set(flowRunId, { at: now, names });
  return names;
}

/**
 * Before a tagged task run enters Running: take one slot on each `tag:<tag>` limit that exists
 * (waiting until all are free), held until the run finishes. Null when no tag is limited; the set
 * of existing tag limits is cached per flow run for 5 s. @internal
 */
export async function acquireTagSlots(
  session: EngineSession,
  run: { id: string; name: string; flowRunId?: string | null | undefined; tags?: string[] | undefined },
): Promise<HeldSlots | null> {
  const client = session.client as unknown as ConcurrencyClient;
  const existing = await existingTagLimits(session, client, run.flowRunId ?? '');
  const names = (run.tags ?? []).map((tag) => `tag:${tag}`).filter((name) => existing.has(name));
  if (names.length === 0) return null;
  return acquireSlots(names, {
    client,
    ttlSeconds: 60,
    holder: { type: 'task_run', id: run.id, label: run.name },
  });
}
