import type { Kysely } from 'kysely';
import type { DatabaseCapabilities, DatabaseListen } from './db/create-db';
import type { Database } from './db/database';
import type { ServerEvents } from './events';
import type { ServerLogger } from './logger';

/** The one record every service receives (style.md G2). No module-level singletons. */
export interface ServerResources {
  db: Kysely<Database>;
  capabilities: DatabaseCapabilities;
  /** The current time; injectable so tests control every rule and derived field. */
  clock: () => Date;
  logger: ServerLogger;
  events: ServerEvents;
  /** The server's home directory (`WEFT_HOME`, else `~/.weft`): holds `encryption.key`. */
  home: string;
  /** LISTEN over a dedicated connection (Postgres); null or absent where it is not supported. */
  listen?: DatabaseListen | null;
}
