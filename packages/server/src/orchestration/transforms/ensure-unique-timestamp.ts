import type { RunTransform, TransformableRun } from '../transform';

/**
 * Keep a run's state timestamps strictly increasing: a proposal stamped at or before the current
 * state's timestamp is moved to 1 ms after it. Prefect bumps by 1 µs only on an exact collision
 * (`EnsureFlowRunStateTimestampIsUnique`); JavaScript dates have millisecond precision, and keeping
 * the order strict also makes "states oldest first" unambiguous.
 */
export const ensureUniqueTimestamp: RunTransform<TransformableRun> = {
  name: 'EnsureFlowRunStateTimestampIsUnique',
  apply({ initial, state }) {
    if (!initial || state.timestamp.getTime() > initial.timestamp.getTime()) return undefined;
    return { state: { timestamp: new Date(initial.timestamp.getTime() + 1) } };
  },
};
