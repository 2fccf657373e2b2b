/** The error codes every Weft package may use. */
export const WEFT_ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION',
  'INVALID_STATE_TRANSITION',
  'ABORTED',
  'TIMEOUT',
  'CANCELLED',
  'CRASHED',
  'MISSING_CONTEXT',
  'CLIENT',
  'DATABASE_LOCKED',
  'CONFIG',
  'INTERNAL',
] as const;
export type WeftErrorCode = (typeof WEFT_ERROR_CODES)[number];

/** Options for {@link WeftError}. */
export interface WeftErrorOptions {
  cause?: unknown;
}

/**
 * The base class of every error Weft throws. `code` is machine-readable; `name` is the class name.
 * @example throw new WeftError('NOT_FOUND', 'Flow run 0193… not found')
 */
export class WeftError extends Error {
  readonly code: WeftErrorCode;

  constructor(code: WeftErrorCode, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/** Whether a value is a {@link WeftError} (also across duplicate copies of this package). */
export function isWeftError(value: unknown): value is WeftError {
  return (
    value instanceof WeftError ||
    (value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && 'code' in value)
  );
}
