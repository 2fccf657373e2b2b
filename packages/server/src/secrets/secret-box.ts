import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors';
import { type EncryptionKeySource, loadEncryptionKey } from './encryption-key';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts JSON values at rest with AES-256-GCM. */
export interface SecretBox {
  /** `v1:<base64 of iv, tag, ciphertext>` of the value's JSON text. */
  encrypt(value: unknown): string;
  /** The value back; throws a {@link ConfigError} when the key does not match or the text is damaged. */
  decrypt(text: string): unknown;
}

/**
 * A {@link SecretBox} over the server's key ({@link loadEncryptionKey}). The key is loaded on first
 * use, so a server that never stores a secret never creates a key file.
 * @example
 * const box = createSecretBox({ home: resources.home });
 * const stored = box.encrypt({ token: 'xoxb-…' }); // 'v1:…'
 * box.decrypt(stored); // { token: 'xoxb-…' }
 */
export function createSecretBox(source: EncryptionKeySource | { key: Buffer }): SecretBox {
  let key: Buffer | undefined = 'key' in source ? source.key : undefined;
  const getKey = () => {
    key ??= loadEncryptionKey(source as EncryptionKeySource);
    return key;
  };
  return {
    encrypt(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(text) {
      const [version, payload] = text.split(':', 2);
      if (version !== VERSION || !payload) {
        throw new ConfigError('Stored secrets are in an unknown format; they cannot be decrypted');
      }
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', getKey(), bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      let plain: string;
      try {
        plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new ConfigError(
          'Cannot decrypt stored block secrets: the encryption key (WEFT_ENCRYPTION_KEY or <WEFT_HOME>/encryption.key) is not the one they were encrypted with',
        );
      }
      return JSON.parse(plain) as unknown;
    },
  };
}
