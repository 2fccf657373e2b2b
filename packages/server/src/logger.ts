/** Where the server reports warnings and errors. */
export interface ServerLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
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
