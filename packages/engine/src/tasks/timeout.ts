import { RunTimeoutError } from '../errors';

/**
 * Run `fn` and race it against `timeoutSeconds`. On timeout `controller` is aborted (user code
 * that listens to the signal stops cooperatively; JavaScript cannot interrupt it otherwise) and a
 * {@link RunTimeoutError} is thrown; whatever `fn` later returns is ignored. @internal
 */
export function runWithTimeout<T>(options: TimeoutOptions<T>): Promise<T> {
  // Without a timeout, no wrapping promise: most task runs take this path.
  if (options.timeoutSeconds === undefined || options.timeoutSeconds === null) return options.fn();
  return raceTimeout(options, options.timeoutSeconds);
}

interface TimeoutOptions<T> {
  /** Must not throw synchronously (an async function never does). */
  fn: () => Promise<T>;
  timeoutSeconds: number | undefined;
  controller: AbortController;
  message: string;
}

async function raceTimeout<T>(options: TimeoutOptions<T>, timeoutSeconds: number): Promise<T> {
  const { controller } = options;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RunTimeoutError(options.message, { timeoutSeconds });
      controller.abort(error);
      reject(error);
    }, timeoutSeconds * 1000);
  });
  const running = options.fn();
  // The losing promise may reject later; that rejection is expected and must not be unhandled.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
