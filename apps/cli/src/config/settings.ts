import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../errors';

/** Every setting the CLI knows, in display order. */
export const SETTING_KEYS = ['WEFT_API_URL', 'WEFT_API_KEY', 'WEFT_HOME', 'WEFT_DATABASE_URL'] as const;
/** One of {@link SETTING_KEYS}. */
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Where a setting's value came from, highest precedence first. */
export type SettingSource = 'flag' | 'env' | 'profile' | 'default';

/** A resolved setting: its value (undefined when unset everywhere) and where it came from. */
export interface ResolvedSetting {
  key: SettingKey;
  value: string | undefined;
  source: SettingSource | undefined;
}

/** All settings, resolved. */
export type Settings = Record<SettingKey, ResolvedSetting>;

interface SettingSpec {
  description: string;
  secret: boolean;
  /** An error message, or undefined when the value is acceptable. */
  validate(value: string): string | undefined;
}

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const nonEmpty = (value: string) => (value.trim() === '' ? 'must not be empty' : undefined);

/** What each setting means and how it is checked. */
export const SETTING_SPECS: Record<SettingKey, SettingSpec> = {
  WEFT_API_URL: {
    description: 'URL of the Weft server (e.g. http://127.0.0.1:4200)',
    secret: false,
    validate: (v) => (isHttpUrl(v) ? undefined : `must be an http(s) URL, got '${v}'`),
  },
  WEFT_API_KEY: { description: 'API key sent as a bearer token', secret: true, validate: nonEmpty },
  WEFT_HOME: {
    description: 'directory for profiles.json and the local database (default ~/.weft)',
    secret: false,
    validate: nonEmpty,
  },
  WEFT_DATABASE_URL: {
    description: 'Postgres URL for `weft server start` (default: PGlite in $WEFT_HOME/db)',
    secret: false,
    validate: (v) =>
      /^postgres(ql)?:\/\//.test(v) ? undefined : `must be a postgres:// or postgresql:// URL, got '${v}'`,
  },
};

/** Whether a string names a known setting. */
export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/**
 * Check a setting before it is stored: the key must be known and the value valid.
 * @throws CliError listing the known keys, or naming what is wrong with the value
 */
export function assertValidSetting(key: string, value: string): asserts key is SettingKey {
  if (!isSettingKey(key)) {
    throw new CliError(`Unknown setting '${key}'. Known settings: ${SETTING_KEYS.join(', ')}.`);
  }
  const problem = SETTING_SPECS[key].validate(value);
  if (problem) throw new CliError(`Invalid value for ${key}: ${problem}.`);
}

/** The layers {@link resolveSettings} reads, highest precedence first. */
export interface SettingLayers {
  /** Values given as command-line flags. */
  flags?: Partial<Record<SettingKey, string | undefined>>;
  /** The process environment. */
  env?: Record<string, string | undefined>;
  /** The active profile's values. */
  profile?: Partial<Record<string, string>>;
  /** Fallbacks. @default {@link defaultSettings} */
  defaults?: Partial<Record<SettingKey, string>>;
}

/** The built-in defaults: only `WEFT_HOME` (`~/.weft`) has one. */
export function defaultSettings(): Partial<Record<SettingKey, string>> {
  return { WEFT_HOME: join(homedir(), '.weft') };
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Resolve every setting: flags, then environment (`WEFT_*`), then the active profile, then
 * defaults. An empty string counts as unset.
 * @example resolveSettings({ env: process.env, profile: { WEFT_API_URL: 'http://x:4200' } })
 */
export function resolveSettings(layers: SettingLayers): Settings {
  const ordered: [SettingSource, Partial<Record<string, string | undefined>>][] = [
    ['flag', layers.flags ?? {}],
    ['env', layers.env ?? {}],
    ['profile', layers.profile ?? {}],
    ['default', layers.defaults ?? defaultSettings()],
  ];
  const entries = SETTING_KEYS.map((key): [SettingKey, ResolvedSetting] => {
    for (const [source, layer] of ordered) {
      const value = layer[key];
      if (present(value)) return [key, { key, value, source }];
    }
    return [key, { key, value: undefined, source: undefined }];
  });
  return Object.fromEntries(entries) as Settings;
}

/** A secret shown as `********` (the last 4 characters kept when the value is long). */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `********${value.slice(-4)}` : '********';
}

/** A setting's value for display: secrets masked unless `showSecrets`. */
export function displayValue(setting: ResolvedSetting, showSecrets = false): string | undefined {
  if (setting.value === undefined) return undefined;
  return SETTING_SPECS[setting.key].secret && !showSecrets ? maskSecret(setting.value) : setting.value;
}
