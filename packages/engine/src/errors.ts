import { WeftError, type WeftErrorOptions } from '@weft/schemas';

/**
 * A value could not be hashed deterministically (a cycle, a function, a symbol, an opaque object).
 * Callers computing a cache key catch it, log it and run the task without caching.
 */
export class HashError extends WeftError {
  /** Where in the value the problem was found, e.g. `$.config.onDone`. */
  readonly path: string;

  constructor(message: string, options: WeftErrorOptions & { path: string }) {
    super('VALIDATION', message, options);
    this.path = options.path;
  }
}

/** A cache policy option names a policy that does not exist or is malformed. */
export class CachePolicyError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('CONFIG', message, options);
  }
}

/** A result store could not read or write a record (I/O, corrupt file, unsafe key). */
export class ResultStoreError extends WeftError {
  /** The result key involved. */
  readonly key: string;

  constructor(message: string, options: WeftErrorOptions & { key: string }) {
    super('INTERNAL', message, options);
    this.key = options.key;
  }
}

/** A result key would escape the store's base directory or is otherwise unusable as a path. */
export class InvalidResultKeyError extends ResultStoreError {}

/** A stored result was written with a serializer this process does not know. */
export class UnknownSerializerError extends ResultStoreError {
  /** The serializer type found in the record's metadata. */
  readonly serializerType: string;

  constructor(message: string, options: WeftErrorOptions & { key: string; serializerType: string }) {
    super(message, options);
    this.serializerType = options.serializerType;
  }
}

/** A `retries` / `retryDelaySeconds` / `retryJitterFactor` option is invalid. */
export class RetryOptionsError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}

/** A run name template refers to a parameter that was not given, or its callable failed. */
export class RunNameError extends WeftError {
  /** The missing placeholder (`a.b`), when that is the problem. */
  readonly placeholder: string | null;

  constructor(message: string, options: WeftErrorOptions & { placeholder?: string | null } = {}) {
    super('VALIDATION', message, options);
    this.placeholder = options.placeholder ?? null;
  }
}

/** Flow or task parameters failed validation against their zod schema. */
export class ParameterValidationError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}

// Engine run-time errors (flows, tasks, futures, orchestration).

/** The server aborted a proposed flow run state (ABORT), or the engine stopped waiting. */
export class OrchestrationAbortedError extends WeftError {
  readonly flowRunId: string;

  constructor(message: string, options: WeftErrorOptions & { flowRunId: string }) {
    super('ABORTED', message, options);
    this.flowRunId = options.flowRunId;
  }
}

/** A task or flow run ran past its `timeoutSeconds`. Its state is FAILED named `TimedOut`. */
export class RunTimeoutError extends WeftError {
  readonly timeoutSeconds: number;

  constructor(message: string, options: WeftErrorOptions & { timeoutSeconds: number }) {
    super('TIMEOUT', message, options);
    this.timeoutSeconds = options.timeoutSeconds;
  }
}

/** An upstream task did not complete, so this task did not run (its state is `NotReady`). */
export class UpstreamTaskError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('ABORTED', message, options);
  }
}

/** A run ended CANCELLED or CRASHED; `result()` throws this. */
export class RunNotCompletedError extends WeftError {
  constructor(code: 'CANCELLED' | 'CRASHED' | 'ABORTED', message: string, options: WeftErrorOptions = {}) {
    super(code, message, options);
  }
}

/** `getRunLogger()` or `runtime.*` was used outside a flow or task run. */
export class MissingContextError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('MISSING_CONTEXT', message, options);
  }
}

/** `.map()` got iterables of different lengths. */
export class MappingLengthMismatchError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}

/** `.map()` got no iterable argument to map over. */
export class MappingMissingIterableError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}

/** A completed run's result cannot be read (not persisted and not in memory, or expired). */
export class MissingResultError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/** The engine cannot reach or start a server (e.g. the embedded database is held by another process). */
export class EngineConfigError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('CONFIG', message, options);
  }
}

/** A wait on a future ran past its timeout. */
export class FutureTimeoutError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('TIMEOUT', message, options);
  }
}

/** A flow or task definition is invalid (e.g. a flow name with one of `/ % & > <`). */
export class FlowDefinitionError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', message, options);
  }
}
