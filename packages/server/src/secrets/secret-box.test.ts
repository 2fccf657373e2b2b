import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey } from './encryption-key';
import { createSecretBox } from './secret-box';

const homes: string[] = [];
function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'weft-secrets-'));
  homes.push(home);
  return home;
}
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe('loadEncryptionKey', () => {
  it('creates <home>/encryption.key with mode 0600 once and reads the same key again', () => {
    const home = newHome();
    const first = loadEncryptionKey({ home, env: {} });
    const file = join(home, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(loadEncryptionKey({ home, env: {} }).equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
  });

  it('prefers WEFT_ENCRYPTION_KEY and writes no file', () => {
    const home = newHome();
    const key = randomBytes(32);
    const loaded = loadEncryptionKey({ home, env: { [ENCRYPTION_KEY_ENV]: key.toString('base64') } });
    expect(loaded.equals(key)).toBe(true);
    expect(() => statSync(join(home, 'encryption.key'))).toThrow();
  });

  it('rejects a key that is not 32 bytes of base64, naming where it came from but not the key', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => loadEncryptionKey({ home: newHome(), env: { [ENCRYPTION_KEY_ENV]: short } })).toThrow(
      /WEFT_ENCRYPTION_KEY must be 32 bytes/,
    );
    const home = newHome();
    writeFileSync(join(home, 'encryption.key'), 'not a key!');
    expect(() => loadEncryptionKey({ home, env: {} })).toThrow(/encryption\.key must be 32 bytes/);
    try {
      loadEncryptionKey({ home: newHome(), env: { [ENCRYPTION_KEY_ENV]: short } });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(short);
    }
  });
});

describe('createSecretBox', () => {
  it('round-trips JSON values, with a fresh IV each time', () => {
    const box = createSecretBox({ key: randomBytes(32) });
    const value = { url: 'https://hooks.example.com/s3cr3t', headers: { Authorization: 'Bearer t0k3n' } };
    const a = box.encrypt(value);
    const b = box.encrypt(value);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cr3t');
    expect(box.decrypt(a)).toEqual(value);
    expect(box.decrypt(b)).toEqual(value);
  });

  it('answers a clear error for the wrong key or damaged text', () => {
    const stored = createSecretBox({ key: randomBytes(32) }).encrypt({ value: 'hunter2' });
    const other = createSecretBox({ key: randomBytes(32) });
    expect(() => other.decrypt(stored)).toThrow(/encryption key .* is not the one they were encrypted with/);
    expect(() => other.decrypt('plain text')).toThrow(/unknown format/);
  });
});
