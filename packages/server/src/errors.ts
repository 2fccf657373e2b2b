import { WeftError } from '@weft/schemas';

/** A requested object does not exist. Maps to tRPC `NOT_FOUND`. */
export class NotFoundError extends WeftError {
  /** What kind of object was missing (`'Flow run'`). */
  readonly entity: string;
  /** The id or name that was looked up. */
  readonly key: string;

  constructor(entity: string, key: string, options: { cause?: unknown } = {}) {
    super('NOT_FOUND', `${entity} ${key} not found`, options);
    this.entity = entity;
    this.key = key;
  }
}

/** A write collides with an existing object (a duplicate). Maps to tRPC `CONFLICT`. */
export class ConflictError extends WeftError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFLICT', message, options);
  }
}

/** An input is well-formed but not acceptable. Maps to tRPC `BAD_REQUEST`. */
export class ValidationError extends WeftError {
  /** The field path the message is about, when there is one (`states.3.taskRunId`). */
  readonly path: string | null;

  constructor(message: string, options: { path?: string; cause?: unknown } = {}) {
    super('VALIDATION', options.path ? `${options.path}: ${message}` : message, options);
    this.path = options.path ?? null;
  }
}

/** A server configuration is unusable (bad database URL, unreadable home). */
export class ConfigError extends WeftError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFIG', message, options);
  }
}

/**
 * A PGlite data directory is already open in another live process. PGlite is one connection in
 * one process, so a second opener would corrupt the data; connect to the running server instead.
 */
export class DatabaseLockedError extends WeftError {
  /** The data directory that is in use. */
  readonly dataDir: string;
  /** The process holding it. */
  readonly pid: number;
  /** The running server's URL, once it listens. */
  readonly url: string | null;

  constructor(input: { dataDir: string; pid: number; url: string | null }) {
    const where = input.url ? `pid ${input.pid}, ${input.url}` : `pid ${input.pid}`;
    const hint = input.url
      ? `Set WEFT_API_URL=${input.url} to use it, or stop it first.`
      : 'Stop it first, or point WEFT_API_URL at it once it listens.';
    super(
      'DATABASE_LOCKED',
      `The database at ${input.dataDir} is in use by a Weft server (${where}). ${hint}`,
    );
    this.dataDir = input.dataDir;
    this.pid = input.pid;
    this.url = input.url;
  }
}
