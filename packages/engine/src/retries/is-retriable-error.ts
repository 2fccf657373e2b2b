import type { SerializedError } from '@weft/schemas';

// Weft errors that say "running again will fail the same way" (or "stop").
const FINAL_CODES = new Set([
  'VALIDATION',
  'CONFIG',
  'CANCELLED',
  'ABORTED',
  'MISSING_CONTEXT',
  'INVALID_STATE_TRANSITION',
]);

/**
 * Whether a failure may be retried under the run's `retries` (style G5.4: an exhaustive switch over
 * the serialized error). User errors of every kind are retried, as in Prefect; Weft's own errors are
 * not when retrying cannot help: invalid parameters or configuration, cancellation, an abort.
 * A task's `retryCondition` is asked only when this says yes.
 * @example if (attempt <= retries && isRetriableError(toSerializedError(error))) scheduleRetry()
 */
export function isRetriableError(error: SerializedError): boolean {
  switch (error.kind) {
    case 'builtin':
    case 'custom':
    case 'string':
      return true;
    case 'internal':
      return !FINAL_CODES.has(error.code);
    default: {
      const unreachable: never = error;
      return Boolean(unreachable);
    }
  }
}
