import type { Command } from 'commander';
import { type ProfilesFile, profilesPath, readProfiles, selectProfile } from './config/profiles';
import { resolveSettings, type Settings } from './config/settings';
import { shouldUseColor } from './output/format';

/** A stream the CLI writes to. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What the CLI reads from and writes to; injectable for tests. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** @default () => new Date() */
  now?: () => Date;
}

/** Everything a command needs to load settings and print. */
export interface CliContext {
  env: Record<string, string | undefined>;
  now(): Date;
  /** Whether stdout gets colours. */
  color: boolean;
  /** The width tables fit (stdout's columns on a TTY, else unlimited). */
  width: number | undefined;
  /** Print to stdout. */
  print(text: string): void;
  /** Print progress or notes to stderr (never mixed with `--json` output). */
  info(text: string): void;
  /** Load profiles and resolve settings for a command (reads its global flags). */
  loadSettings(command: Command): Promise<LoadedSettings>;
}

/** The outcome of {@link CliContext.loadSettings}. */
export interface LoadedSettings {
  settings: Settings;
  profileName: string;
  profiles: ProfilesFile;
  profilesPath: string;
}

/** The global options every command inherits. */
export interface GlobalOptions {
  profile?: string;
  apiUrl?: string;
}

/** Build the context from streams and an environment. @internal */
export function createContext(io: CliIo): CliContext {
  const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    env: io.env,
    now: io.now ?? (() => new Date()),
    color: shouldUseColor(io.stdout, io.env),
    width: io.stdout.isTTY ? io.stdout.columns : undefined,
    print: (text) => void io.stdout.write(withNewline(text)),
    info: (text) => void io.stderr.write(withNewline(text)),
    async loadSettings(command) {
      const options = command.optsWithGlobals<GlobalOptions>();
      const path = profilesPath(io.env);
      const profiles = await readProfiles(path);
      const profile = selectProfile(profiles, options.profile || io.env.WEFT_PROFILE);
      const settings = resolveSettings({
        flags: { WEFT_API_URL: options.apiUrl },
        env: io.env,
        profile: profile.values,
      });
      return { settings, profileName: profile.name, profiles, profilesPath: path };
    },
  };
}
