/**
 * `@weft/server/internal`: glue between Weft's own packages (engine, CLI, tests).
 * No semver guarantees: anything here may change in any release.
 */
export type { WeftServerInternals } from './create-server';
export { createServerInternals } from './create-server';
export type { DatabaseHandle } from './db/create-db';
export { createDb, defaultDatabaseConfig, defaultHome } from './db/create-db';
export type { ServerLock, ServerLockInfo } from './db/server-lock';
export { readServerLock, SERVER_LOCK_FILE } from './db/server-lock';
export type { ServerEventMap } from './events';
export { ServerEvents } from './events';
export type { ServerResources } from './resources';
export type { TestServer, TestServerOptions } from './testing/create-test-server';
export { createTestServer } from './testing/create-test-server';
export type { TestClock } from './testing/test-clock';
export { createTestClock } from './testing/test-clock';
export { createCallerFactory } from './trpc/init';
