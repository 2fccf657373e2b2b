import type { Kysely } from 'kysely';
import type { DatabaseCapabilities } from './db/create-db';
import type { Database } from './db/database';
import type { ServerEvents } from './events';

/** Where the server reports warnings and errors. */
export interface ServerLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** The one record every service receives (style.md G2). No module-level singletons. */
export interface ServerResources {
  db: Kysely<Database>;
  capabilities: DatabaseCapabilities;
  /** The current time; injectable so tests control every rule and derived field. */
  clock: () => Date;
  logger: ServerLogger;
  events: ServerEvents;
}

/** The default logger: warnings and errors to stderr. */
export const stderrLogger: ServerLogger = {
  warn(message, details) {
    process.stderr.write(`[weft-server] WARN ${message}${details ? ` ${safeJson(details)}` : ''}\n`);
  },
  error(message, details) {
    process.stderr.write(`[weft-server] ERROR ${message}${details ? ` ${safeJson(details)}` : ''}\n`);
  },
};

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    // Circular or exotic details: a log line must never throw.
    return String(value);
  }
}
