import type { FlowRunSnapshot } from '../../orchestration/index';

/** How many runs' snapshots a server keeps; the oldest written is dropped first. */
const MAX_SNAPSHOTS = 10_000;

/** A run's snapshot as this server last wrote it, with the row version it was written as. */
export interface CachedFlowRun {
  snapshot: FlowRunSnapshot;
  /** The row's `xmin` after the write, as text: any later change of the row changes it. */
  version: string;
}

/**
 * What orchestration needs of the flow runs this server wrote last, so a state change can be
 * proposed without reading (and locking) the run first. Never trusted alone: the write that
 * follows is conditional on the row version, and a miss (another writer, another replica, a field
 * update) falls back to the locked read. @internal
 */
export class FlowRunSnapshotCache {
  readonly #runs = new Map<string, CachedFlowRun>();

  get(id: string): CachedFlowRun | undefined {
    return this.#runs.get(id);
  }

  set(id: string, entry: CachedFlowRun): void {
    this.#runs.delete(id); // re-inserted last: the Map's order is the eviction order
    this.#runs.set(id, entry);
    if (this.#runs.size > MAX_SNAPSHOTS) this.#runs.delete(this.#runs.keys().next().value!);
  }

  delete(id: string): void {
    this.#runs.delete(id);
  }

  get size(): number {
    return this.#runs.size;
  }
}
