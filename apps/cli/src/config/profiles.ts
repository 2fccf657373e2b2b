import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../errors';

/** The profile that exists before any other is created. */
export const DEFAULT_PROFILE = 'default';

/** The contents of `$WEFT_HOME/profiles.json`. */
export interface ProfilesFile {
  active: string;
  profiles: Record<string, Record<string, string>>;
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Where profiles live: `$WEFT_HOME/profiles.json`, with `WEFT_HOME` taken from the environment
 * only (a profile cannot move the file it is stored in).
 */
export function profilesPath(env: Record<string, string | undefined>): string {
  const home = env.WEFT_HOME || join(homedir(), '.weft');
  return join(home, 'profiles.json');
}

/** A fresh file: the `default` profile, empty and active. */
export function emptyProfiles(): ProfilesFile {
  return { active: DEFAULT_PROFILE, profiles: { [DEFAULT_PROFILE]: {} } };
}

function parseProfiles(text: string, path: string): ProfilesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const file = data as Partial<ProfilesFile> | null;
  if (!file || typeof file !== 'object' || typeof file.profiles !== 'object' || file.profiles === null) {
    throw new CliError(`${path} must be an object {"active": "...", "profiles": {...}}.`);
  }
  const profiles: ProfilesFile['profiles'] = {};
  for (const [name, values] of Object.entries(file.profiles)) {
    profiles[name] = Object.fromEntries(
      Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }
  const active = typeof file.active === 'string' ? file.active : DEFAULT_PROFILE;
  if (!profiles[active]) profiles[active] = {};
  return { active, profiles };
}

/** Read the profiles file; a missing file reads as {@link emptyProfiles}. */
export async function readProfiles(path: string): Promise<ProfilesFile> {
  try {
    return parseProfiles(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyProfiles();
    throw error;
  }
}

/** Write the profiles file atomically (temp file, then rename), creating `WEFT_HOME` if needed. */
export async function writeProfiles(path: string, file: ProfilesFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}

/**
 * The profile to use: `--profile`, else `WEFT_PROFILE`, else the file's active one.
 * @throws CliError when the chosen profile does not exist
 */
export function selectProfile(
  file: ProfilesFile,
  override: string | undefined,
): { name: string; values: Record<string, string> } {
  const name = override || file.active;
  const values = file.profiles[name];
  if (!values) throw unknownProfile(file, name);
  return { name, values };
}

/** The error for a profile that does not exist, listing those that do. */
export function unknownProfile(file: ProfilesFile, name: string): CliError {
  const known = Object.keys(file.profiles).sort().join(', ');
  return new CliError(`Profile '${name}' does not exist. Profiles: ${known}.`, { code: 'NOT_FOUND' });
}

/**
 * Check a name for a new profile.
 * @throws CliError when the name is malformed or already taken
 */
export function assertNewProfileName(file: ProfilesFile, name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new CliError(
      `Invalid profile name '${name}': use letters, digits, '.', '_' or '-' (at most 64 characters).`,
    );
  }
  if (file.profiles[name]) throw new CliError(`Profile '${name}' already exists.`, { code: 'CONFLICT' });
}
