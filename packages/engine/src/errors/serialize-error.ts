import { isWeftError, type JsonValue, SerializedError, WeftError, type WeftErrorCode } from '@weft/schemas';

/** The longest error message kept in a state; longer ones are cut with a note. */
export const MAX_ERROR_MESSAGE_LENGTH = 4_000;
/** The longest stack (with its cause chain) kept in a state. */
export const MAX_ERROR_STACK_LENGTH = 16_000;
/** The largest custom error data (as JSON text) kept; larger data is replaced by a note. */
export const MAX_ERROR_DATA_LENGTH = 8_000;
const MAX_CAUSE_DEPTH = 5;

const BUILTIN_ERRORS: Record<string, ErrorConstructor | undefined> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
};

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function isBuiltin(error: Error): boolean {
  const ctor = Object.getPrototypeOf(error)?.constructor as unknown;
  if (typeof DOMException !== 'undefined' && ctor === DOMException) return true;
  return Object.values(BUILTIN_ERRORS).includes(ctor as ErrorConstructor);
}

function nameOf(error: Error): string {
  const ctorName = (Object.getPrototypeOf(error)?.constructor as { name?: unknown } | undefined)?.name;
  // A subclass that never set `name` still reports 'Error'; its class name says more.
  if (error.name === 'Error' && typeof ctorName === 'string' && ctorName !== '') return ctorName;
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    try {
      const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
      if (json !== undefined) return json;
    } catch {
      // Cyclic or hostile objects fall through to String().
    }
  }
  return String(value);
}

function causeSummary(error: Error): string {
  const lines: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause !== undefined && depth < MAX_CAUSE_DEPTH; depth++) {
    const line = cause instanceof Error ? `${nameOf(cause)}: ${cause.message}` : describeThrown(cause);
    lines.push(`[cause]: ${truncate(line, 500)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (cause !== undefined) lines.push('[cause]: …');
  return lines.join('\n');
}

function stackOf(error: Error): string | undefined {
  const causes = causeSummary(error);
  const stack = typeof error.stack === 'string' ? error.stack : undefined;
  if (!stack && !causes) return undefined;
  return truncate([stack, causes].filter(Boolean).join('\n'), MAX_ERROR_STACK_LENGTH);
}

function customData(error: Error): JsonValue | undefined {
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (key !== 'name' && key !== 'message' && key !== 'stack' && key !== 'cause') {
      own[key] = (error as unknown as Record<string, unknown>)[key];
    }
  }
  if (Object.keys(own).length === 0) return undefined;
  try {
    const json = JSON.stringify(own, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (json.length > MAX_ERROR_DATA_LENGTH)
      return { truncated: `error data of ${json.length} characters omitted` };
    return JSON.parse(json) as JsonValue;
  } catch {
    return { unserializable: Object.keys(own).join(', ') };
  }
}

/**
 * A thrown value as data for a FAILED or CRASHED state (style G5.4): a Weft error becomes
 * `internal` with its code; a JavaScript error class (TypeError, AbortError…) `builtin`; a user's
 * Error subclass `custom`, with its own enumerable fields as `data`; anything else (a string, a
 * number, a plain object) `string`. Messages and stacks are truncated; the `cause` chain is
 * summarised at the end of the stack.
 * @example toSerializedError(new TypeError('x is undefined')) // { kind: 'builtin', name: 'TypeError', message: 'x is undefined', stack: '…' }
 */
export function toSerializedError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return { kind: 'string', message: truncate(describeThrown(error), MAX_ERROR_MESSAGE_LENGTH) };
  }
  const message = truncate(String(error.message), MAX_ERROR_MESSAGE_LENGTH);
  const stack = stackOf(error);
  const withStack = <T extends object>(value: T): T & { stack?: string } =>
    stack === undefined ? value : { ...value, stack };
  if (isWeftError(error)) return withStack({ kind: 'internal', code: String(error.code), message });
  if (isBuiltin(error)) return withStack({ kind: 'builtin', name: nameOf(error), message });
  const data = customData(error);
  return withStack({ kind: 'custom', name: nameOf(error), message, ...(data === undefined ? {} : { data }) });
}

function withOriginalStack<T extends Error>(error: T, stack: string | undefined): T {
  // The stack of the original failure is the useful one; this error's own frames are the engine's.
  if (stack !== undefined) error.stack = stack;
  return error;
}

/**
 * An Error to throw for a failed run's serialized error, so `await task(...)` rejects with what
 * the task threw: the same class for built-in errors (`TypeError`), an Error carrying the original
 * `name` and `data` fields for custom classes, a `WeftError` with the code for internal errors.
 * The original stack is kept.
 * @example throw fromSerializedError(state.data as SerializedError)
 */
export function fromSerializedError(serialized: SerializedError): Error {
  const parsed = SerializedError.safeParse(serialized);
  if (!parsed.success)
    return new Error(`The run failed with an unreadable error: ${describeThrown(serialized)}`);
  const s = parsed.data;
  switch (s.kind) {
    case 'builtin': {
      const Ctor = BUILTIN_ERRORS[s.name] ?? Error;
      const error = new Ctor(s.message);
      error.name = s.name;
      return withOriginalStack(error, s.stack);
    }
    case 'custom': {
      const error = new Error(s.message);
      if (s.data !== null && typeof s.data === 'object' && !Array.isArray(s.data))
        Object.assign(error, s.data);
      error.name = s.name;
      return withOriginalStack(error, s.stack);
    }
    case 'internal':
      return withOriginalStack(new WeftError(s.code as WeftErrorCode, s.message), s.stack);
    case 'string':
      return new Error(s.message);
    default: {
      const unreachable: never = s;
      return new Error(`Unknown serialized error ${describeThrown(unreachable)}`);
    }
  }
}
