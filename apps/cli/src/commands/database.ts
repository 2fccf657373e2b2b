import { join } from 'node:path';
import type { DatabaseConfig } from '@weft/server';
import type { Settings } from '../config/settings';

/** The database `weft server` uses: `WEFT_DATABASE_URL` (Postgres), else PGlite in `$WEFT_HOME/db`. @internal */
export function databaseFromSettings(settings: Settings): { config: DatabaseConfig; location: string } {
  const url = settings.WEFT_DATABASE_URL.value;
  if (url) return { config: { kind: 'postgres', url }, location: `postgres ${redactUrl(url)}` };
  const dataDir = join(settings.WEFT_HOME.value ?? '.weft', 'db');
  return { config: { kind: 'pglite', dataDir }, location: `pglite ${dataDir}` };
}

/** A URL with its password replaced by `****`. @internal */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':****@');
  }
}
