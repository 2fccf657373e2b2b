import { FutureTimeoutError } from '../errors';
import type { WeftFuture } from './future';

/**
 * Yield futures as their runs finish, fastest first.
 * @example
 * for await (const future of asCompleted(fetchPage.map(urls))) console.log(await future.result());
 */
export async function* asCompleted<T>(
  futures: Iterable<WeftFuture<T>>,
  options: { timeoutSeconds?: number } = {},
): AsyncGenerator<WeftFuture<T>> {
  const deadline =
    options.timeoutSeconds === undefined ? undefined : Date.now() + options.timeoutSeconds * 1000;
  const waiting = new Map<WeftFuture<T>, Promise<WeftFuture<T>>>();
  for (const future of futures)
    waiting.set(
      future,
      future.wait().then(() => future),
    );
  while (waiting.size > 0) {
    const next = await raceWithDeadline([...waiting.values()], deadline, waiting.size);
    waiting.delete(next);
    yield next;
  }
}

async function raceWithDeadline<T>(
  promises: Promise<T>[],
  deadline: number | undefined,
  left: number,
): Promise<T> {
  if (deadline === undefined) return Promise.race(promises);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FutureTimeoutError(`${left} future(s) did not finish in time`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([...promises, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wait for futures to finish: `done` and `notDone` (those still running at the timeout).
 * @example const { done } = await waitForAll(futures, { timeoutSeconds: 30 });
 */
export async function waitForAll<T>(
  futures: Iterable<WeftFuture<T>>,
  options: { timeoutSeconds?: number } = {},
): Promise<{ done: WeftFuture<T>[]; notDone: WeftFuture<T>[] }> {
  const list = [...futures];
  const all = Promise.all(list.map((f) => f.wait()));
  if (options.timeoutSeconds === undefined) await all;
  else {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.timeoutSeconds! * 1000);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }
  return { done: list.filter((f) => f.isDone()), notDone: list.filter((f) => !f.isDone()) };
}
