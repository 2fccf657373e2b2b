/** The part of a schedule's timeline to compute. */
export interface ScheduleWindow {
  /** The first time that may be returned (inclusive). */
  start: Date;
  /** The last time that may be returned (inclusive). @default no end */
  end?: Date;
  /** At most this many times. */
  maxCount: number;
}

/**
 * At most this many candidate times are examined per call (reference §4.3 `MAX_ITERATIONS`), so a
 * rule that rarely fires cannot keep the scheduler busy.
 */
export const MAX_ITERATIONS = 1000;

/** A schedule without an anchor is read from here (Prefect's legacy anchor), so its times are stable. */
export const LEGACY_ANCHOR = new Date('2020-01-01T00:00:00.000Z');
