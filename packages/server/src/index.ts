/**
 * `@weft/server`: the Weft server. Orchestration, storage on Postgres or embedded PGlite, and the
 * typed tRPC API.
 */
export type {
  CreateServerOptions,
  DatabaseCommandOptions,
  ListenOptions,
  ListenResult,
  WeftServer,
} from './create-server';
export { createServer, resetDatabase, upgradeDatabase } from './create-server';
export type { DatabaseCapabilities, DatabaseConfig } from './db/create-db';
export { ConfigError, ConflictError, DatabaseLockedError, NotFoundError, ValidationError } from './errors';
export type { ServerLogger } from './logger';
export type { AppRouter } from './router';
export type { TrpcContext } from './trpc/context';
export { SERVER_VERSION } from './version';
