import { RunTimeoutError } from '../errors';

/**
 * Run `fn` and race it against `timeoutSeconds`. On timeout `controller` is aborted (user code
 * that listens to the signal stops cooperatively; JavaScript cannot interrupt it otherwise) and a
 * {@link RunTimeoutError} is thrown; whatever `fn` later returns is ignored. @internal
 */
export async function runWithTimeout<T>(options: {
  fn: () => Promise<T>;
  timeoutSeconds: number | undefined;
  controller: AbortController;
  message: string;
}): Promise<T> {
  const { timeoutSeconds, controller } = options;
  if (timeoutSeconds === undefined || timeoutSeconds === null) return options.fn();
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
