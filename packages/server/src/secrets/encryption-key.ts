import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';

/** The environment variable holding the key: 32 bytes, base64. */
export const ENCRYPTION_KEY_ENV = 'WEFT_ENCRYPTION_KEY';
/** The key file's name in the server's home, created (mode 0600) on first use. */
export const ENCRYPTION_KEY_FILE = 'encryption.key';

const KEY_BYTES = 32;

/** Where {@link loadEncryptionKey} looks for the key. */
export interface EncryptionKeySource {
  /** The server's home (`WEFT_HOME`, else `~/.weft`): holds `encryption.key`. */
  home: string;
  /** @default process.env */
  env?: Record<string, string | undefined>;
}

/**
 * The key that encrypts block secrets at rest: `WEFT_ENCRYPTION_KEY` (base64 of 32 bytes) when
 * set, else `<home>/encryption.key`, generated with mode 0600 the first time. Throws a
 * {@link ConfigError} for a key that is not 32 bytes of base64; never includes the key in it.
 */
export function loadEncryptionKey(source: EncryptionKeySource): Buffer {
  const fromEnv = (source.env ?? process.env)[ENCRYPTION_KEY_ENV];
  if (fromEnv) return parseKey(fromEnv, ENCRYPTION_KEY_ENV);
  const file = join(source.home, ENCRYPTION_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing !== undefined) return parseKey(existing, file);
  mkdirSync(source.home, { recursive: true });
  try {
    // `wx`: two servers starting at once must not each write a different key.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`Cannot create the encryption key file ${file}`, { cause: error });
    }
  }
  return parseKey(readKeyFile(file) ?? '', file);
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the encryption key file ${file}`, { cause: error });
  }
}

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      `The encryption key in ${where} must be ${KEY_BYTES} bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}
