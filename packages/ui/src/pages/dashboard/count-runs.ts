import type { HistoryBucket, StateType } from '@weft/schemas';

/** Which runs of a history to count; no field counts them all. */
export interface RunCount {
  types?: StateType[];
  /** Count by state name instead (`Late` is a SCHEDULED state). */
  names?: string[];
  /** State names not counted (Late runs have a card of their own). */
  notNames?: string[];
}

/** The runs of the history that a card counts. */
export function countRuns(buckets: HistoryBucket[], spec: RunCount): number {
  let total = 0;
  for (const bucket of buckets) {
    for (const state of bucket.states) {
      const match = spec.names
        ? spec.names.includes(state.stateName)
        : (spec.types?.includes(state.stateType) ?? true);
      if (match && !spec.notNames?.includes(state.stateName)) total += state.count;
    }
  }
  return total;
}
