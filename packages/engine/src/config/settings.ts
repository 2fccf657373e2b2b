import { homedir } from 'node:os';
import { join } from 'node:path';

/** The engine's settings, read from the environment. */
export interface EngineSettings {
  /** `WEFT_API_URL`: the server to record to; unset = ephemeral mode (embedded server). */
  apiUrl: string | undefined;
  /** `WEFT_API_KEY`: sent as a bearer token. */
  apiKey: string | undefined;
  /**
   * `WEFT_DATABASE_URL`: in ephemeral mode, the embedded server uses this Postgres database
   * instead of PGlite in `$WEFT_HOME/db`. Ignored when `apiUrl` is set.
   */
  databaseUrl: string | undefined;
  /** `WEFT_HOME`. @default ~/.weft */
  home: string;
  /** `WEFT_RESULTS_LOCAL_STORAGE_PATH`. @default $WEFT_HOME/storage */
  resultsPath: string;
  /** `WEFT_RESULTS_PERSIST_BY_DEFAULT`. @default false */
  persistByDefault: boolean;
}

/** Read the engine's settings from `env`. @internal */
export function readSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  const home = env.WEFT_HOME || join(homedir(), '.weft');
  return {
    apiUrl: env.WEFT_API_URL || undefined,
    apiKey: env.WEFT_API_KEY || undefined,
    databaseUrl: env.WEFT_DATABASE_URL || undefined,
    home,
    resultsPath: env.WEFT_RESULTS_LOCAL_STORAGE_PATH || join(home, 'storage'),
    persistByDefault: env.WEFT_RESULTS_PERSIST_BY_DEFAULT === 'true',
  };
}
