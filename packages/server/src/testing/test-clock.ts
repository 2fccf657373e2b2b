/** A settable clock for tests: `clock.now` is what the server sees. @internal */
export interface TestClock {
  (): Date;
  /** Move the clock forward by some seconds. */
  advance(seconds: number): Date;
  set(date: Date): void;
}

/** A clock starting at `start` that only moves when told. @internal */
export function createTestClock(start: Date = new Date('2026-01-01T00:00:00.000Z')): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.advance = (seconds) => {
    now = new Date(now.getTime() + seconds * 1000);
    return now;
  };
  clock.set = (date) => {
    now = date;
  };
  return clock;
}
