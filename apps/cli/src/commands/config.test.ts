import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../test-helpers/cli-process';

let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ home, cleanup } = await tempHome()));
afterAll(() => cleanup());

const weft = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { WEFT_HOME: home, ...env } });
const profilesFile = async () => JSON.parse(await readFile(join(home, 'profiles.json'), 'utf8'));

describe('weft config and weft profile (subprocess)', { timeout: 120_000 }, () => {
  it('sets, views (masking the key) and unsets settings in the active profile', async () => {
    const set = await weft([
      'config',
      'set',
      'WEFT_API_URL=http://127.0.0.1:4321',
      'WEFT_API_KEY=key-0123456789',
    ]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(await profilesFile()).toEqual({
      active: 'default',
      profiles: { default: { WEFT_API_URL: 'http://127.0.0.1:4321', WEFT_API_KEY: 'key-0123456789' } },
    });

    const view = await weft(['config', 'view', '--show-sources']);
    expect(view.stdout).toContain('WEFT_PROFILE=default');
    expect(view.stdout).toContain('WEFT_API_URL=http://127.0.0.1:4321 (from profile)');
    expect(view.stdout).toContain('WEFT_API_KEY=********6789 (from profile)');
    expect(view.stdout).not.toContain('key-0123456789');

    const fromEnv = await weft(['config', 'view', '--json'], { WEFT_API_URL: 'http://env.example:1' });
    const json = JSON.parse(fromEnv.stdout);
    expect(json.profile).toBe('default');
    expect(json.settings.WEFT_API_URL).toEqual({ value: 'http://env.example:1', source: 'env' });
    expect(json.settings.WEFT_API_KEY).toEqual({ value: '********6789', source: 'profile' });
    expect(json.settings.WEFT_DATABASE_URL).toEqual({ value: null, source: null });

    const unset = await weft(['config', 'unset', 'WEFT_API_KEY']);
    expect(unset.code).toBe(0);
    expect((await profilesFile()).profiles.default).toEqual({ WEFT_API_URL: 'http://127.0.0.1:4321' });
  });

  it('rejects unknown keys and bad values with one line, leaving the file alone', async () => {
    const before = await readFile(join(home, 'profiles.json'), 'utf8');
    const bad = await weft(['config', 'set', 'WEFT_API_ULR=http://x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "error: Unknown setting 'WEFT_API_ULR'. Known settings: WEFT_API_URL, WEFT_API_KEY, WEFT_HOME, WEFT_DATABASE_URL.\n",
    );
    const badValue = await weft(['config', 'set', 'WEFT_API_URL=localhost:4200']);
    expect(badValue.code).toBe(1);
    expect(badValue.stderr).toMatch(/^error: Invalid value for WEFT_API_URL: must be an http\(s\) URL/);
    const notSet = await weft(['config', 'unset', 'WEFT_DATABASE_URL']);
    expect(notSet.stderr).toBe("error: WEFT_DATABASE_URL is not set in profile 'default'.\n");
    expect(await readFile(join(home, 'profiles.json'), 'utf8')).toBe(before);
  });

  it('creates, switches, selects and deletes profiles', async () => {
    expect((await weft(['profile', 'create', 'staging', '--from', 'default'])).code).toBe(0);
    expect((await weft(['profile', 'use', 'staging'])).stdout).toBe("Now using profile 'staging'.\n");
    expect((await weft(['config', 'set', 'WEFT_API_URL=https://staging.example'])).code).toBe(0);
    expect(await profilesFile()).toEqual({
      active: 'staging',
      profiles: {
        default: { WEFT_API_URL: 'http://127.0.0.1:4321' },
        staging: { WEFT_API_URL: 'https://staging.example' },
      },
    });
    expect(JSON.parse((await weft(['profile', 'ls', '--json'])).stdout)).toEqual({
      active: 'staging',
      profiles: ['default', 'staging'],
    });
    expect((await weft(['profile', 'ls'])).stdout).toBe('  default\n* staging\n');
    const picked = await weft(['--profile', 'default', 'config', 'view', '--json']);
    expect(JSON.parse(picked.stdout).settings.WEFT_API_URL.value).toBe('http://127.0.0.1:4321');

    const active = await weft(['profile', 'delete', 'staging']);
    expect(active.code).toBe(1);
    expect(active.stderr).toMatch(/Profile 'staging' is active/);
    const missing = await weft(['profile', 'use', 'nope']);
    expect(missing.stderr).toBe("error: Profile 'nope' does not exist. Profiles: default, staging.\n");
    await weft(['profile', 'use', 'default']);
    expect((await weft(['profile', 'delete', 'staging'])).code).toBe(0);
    expect(Object.keys((await profilesFile()).profiles)).toEqual(['default']);
  });
});
