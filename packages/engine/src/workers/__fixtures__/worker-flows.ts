// Flows a worker test runs in child processes, loaded by `executeFlowRun` like a user's file.
import { flow, runtime, task } from '@weft/engine';

const double = task('double', async (n: number) => n * 2);

/** Doubles both numbers through a task, and reports what the run knew about itself. */
export const sumDoubled = flow('sum-doubled', async (a: number, b: number) => ({
  total: (await double(a)) + (await double(b)),
  deployment: runtime.deployment.name ?? null,
  home: process.env.WEFT_HOME ?? null,
  pid: process.pid,
}));

/** Runs until it is killed (or `seconds` pass). */
export const sleepy = flow('sleepy', async (seconds: number) => {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return 'woke up';
});
