import { WeftError, type WeftErrorOptions } from '@weft/schemas';

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
