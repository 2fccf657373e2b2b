import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readProfiles, selectProfile, writeProfiles } from './profiles';
import { assertValidSetting, displayValue, resolveSettings } from './settings';

describe('resolveSettings', () => {
  const layers = {
    flags: { WEFT_API_URL: 'http://flag:1' },
    env: { WEFT_API_URL: 'http://env:2', WEFT_API_KEY: 'env-key', WEFT_HOME: '' },
    profile: { WEFT_API_URL: 'http://profile:3', WEFT_API_KEY: 'profile-key', WEFT_HOME: '/profile/home' },
    defaults: { WEFT_HOME: '/default/home' },
  };

  it('takes flags over env over the profile over defaults', () => {
    const settings = resolveSettings(layers);
    expect(settings.WEFT_API_URL).toEqual({ key: 'WEFT_API_URL', value: 'http://flag:1', source: 'flag' });
    expect(settings.WEFT_API_KEY).toMatchObject({ value: 'env-key', source: 'env' });
    // An empty environment variable counts as unset, so the profile wins.
    expect(settings.WEFT_HOME).toMatchObject({ value: '/profile/home', source: 'profile' });
    expect(settings.WEFT_DATABASE_URL).toMatchObject({ value: undefined, source: undefined });
  });

  it('falls back layer by layer', () => {
    expect(resolveSettings({ ...layers, flags: {} }).WEFT_API_URL.source).toBe('env');
    expect(resolveSettings({ ...layers, flags: {}, env: {} }).WEFT_API_URL.source).toBe('profile');
    expect(resolveSettings({ defaults: { WEFT_HOME: '/d' } }).WEFT_HOME).toMatchObject({
      value: '/d',
      source: 'default',
    });
    expect(resolveSettings({}).WEFT_HOME.value).toMatch(/\.weft$/);
  });

  it('masks the API key unless asked', () => {
    const key = resolveSettings({ env: { WEFT_API_KEY: 'secret-key-123456' } }).WEFT_API_KEY;
    expect(displayValue(key)).toBe('********3456');
    expect(displayValue(key, true)).toBe('secret-key-123456');
    expect(displayValue(resolveSettings({ env: { WEFT_API_KEY: 'short' } }).WEFT_API_KEY)).toBe('********');
  });
});

describe('assertValidSetting', () => {
  it('rejects unknown keys, listing the known ones', () => {
    expect(() => assertValidSetting('WEFT_API_ULR', 'x')).toThrow(
      "Unknown setting 'WEFT_API_ULR'. Known settings: WEFT_API_URL, WEFT_API_KEY, WEFT_HOME, WEFT_DATABASE_URL.",
    );
  });

  it('checks URL values', () => {
    expect(() => assertValidSetting('WEFT_API_URL', 'localhost:4200')).toThrow(/must be an http\(s\) URL/);
    expect(() => assertValidSetting('WEFT_DATABASE_URL', 'mysql://x')).toThrow(/postgres/);
    expect(() => assertValidSetting('WEFT_API_URL', 'https://weft.example.com')).not.toThrow();
  });
});

describe('profiles file', () => {
  let dir: string | undefined;
  afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

  it('reads a missing file as the empty default profile and round-trips writes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-cli-'));
    const path = join(dir, 'nested', 'profiles.json');
    expect(await readProfiles(path)).toEqual({ active: 'default', profiles: { default: {} } });
    await writeProfiles(path, {
      active: 'dev',
      profiles: { default: {}, dev: { WEFT_API_URL: 'http://d' } },
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      active: 'dev',
      profiles: { default: {}, dev: { WEFT_API_URL: 'http://d' } },
    });
    const file = await readProfiles(path);
    expect(selectProfile(file, undefined)).toEqual({ name: 'dev', values: { WEFT_API_URL: 'http://d' } });
    expect(() => selectProfile(file, 'nope')).toThrow(
      "Profile 'nope' does not exist. Profiles: default, dev.",
    );
  });
});
