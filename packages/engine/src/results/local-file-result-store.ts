import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type JsonValue, ResultRecordMetadata } from '@weft/schemas';
import { InvalidResultKeyError, ResultStoreError, UnknownSerializerError } from '../errors';
import { resultKeyToRelativePath } from './result-key-path';
import type { ResultRecord, ResultStore, ResultWriteOptions } from './result-store';
import { findSerializer, jsonSerializer, type Serializer } from './serializer';

/** The version written into each record's metadata (`weftVersion`). */
export const RESULT_RECORD_WEFT_VERSION = '0.1.0';

/** Options for {@link createLocalFileResultStore}. */
export interface LocalFileResultStoreOptions {
  /** The folder holding one file per key. @default `$WEFT_HOME/storage` (WEFT_HOME defaults to `~/.weft`) */
  basePath?: string;
  /** How new results are written. @default jsonSerializer */
  serializer?: Serializer;
  /** Extra serializers this store can read besides the built-in ones. @default [] */
  serializers?: readonly Serializer[];
  /** The clock used to decide expiry. @default () => new Date() */
  clock?: () => Date;
}

interface StoredRecord {
  metadata: ResultRecordMetadata;
  result: JsonValue;
}

/** The default base folder of local results: `$WEFT_HOME/storage`, WEFT_HOME defaulting to `~/.weft`. */
export function defaultLocalStoragePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.WEFT_HOME || join(homedir(), '.weft'), 'storage');
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

// Windows refuses to replace a file another process has open; such locks are brief.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await sleep(5 * (attempt + 1));
    }
  }
}

class LocalFileResultStore implements ResultStore {
  readonly #base: string;
  readonly #serializer: Serializer;
  readonly #serializers: readonly Serializer[];
  readonly #clock: () => Date;

  constructor(options: LocalFileResultStoreOptions) {
    this.#base = resolve(options.basePath ?? defaultLocalStoragePath());
    this.#serializer = options.serializer ?? jsonSerializer;
    this.#serializers = [this.#serializer, ...(options.serializers ?? [])];
    this.#clock = options.clock ?? (() => new Date());
  }

  describe(): string {
    return `local file system at ${this.#base}`;
  }

  async write(key: string, value: unknown, options: ResultWriteOptions = {}): Promise<ResultRecordMetadata> {
    const file = this.#pathFor(key);
    const metadata: ResultRecordMetadata = {
      storageKey: key,
      storageBlockId: null,
      serializer: { type: this.#serializer.type },
      expiration: options.expiration ?? null,
      weftVersion: RESULT_RECORD_WEFT_VERSION,
    };
    let text: string;
    try {
      text = JSON.stringify({ metadata, result: this.#serializer.dumps(value) } satisfies StoredRecord);
    } catch (error) {
      throw new ResultStoreError(`Could not serialize the result for key '${key}'`, { key, cause: error });
    }
    // Write a private temp file, then rename it over the target: rename is atomic, so concurrent
    // writers and readers see one whole record or another, never a torn file.
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, text, { flag: 'wx' });
      await renameWithRetry(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw new ResultStoreError(`Could not write the result for key '${key}' to ${file}`, {
        key,
        cause: error,
      });
    }
    return metadata;
  }

  async read(key: string): Promise<ResultRecord | undefined> {
    const stored = await this.#load(key);
    if (!stored) return undefined;
    const type = stored.metadata.serializer.type;
    const serializer = findSerializer(type, this.#serializers);
    if (!serializer) {
      throw new UnknownSerializerError(
        `Result '${key}' was written with serializer '${type}', which this process cannot read` +
          ` (known: ${[...new Set(['json', ...this.#serializers.map((s) => s.type)])].join(', ')})`,
        { key, serializerType: type },
      );
    }
    try {
      return { metadata: stored.metadata, result: serializer.loads(stored.result) };
    } catch (error) {
      throw new ResultStoreError(`Could not deserialize result '${key}' with '${type}'`, {
        key,
        cause: error,
      });
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.#load(key)) !== undefined;
  }

  #pathFor(key: string): string {
    const file = resolve(this.#base, resultKeyToRelativePath(key));
    // Belt and braces: the encoding cannot escape the base, but never trust one check with I/O.
    const rel = relative(this.#base, file);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new InvalidResultKeyError(`Result key '${key}' resolves outside ${this.#base}`, { key });
    }
    return file;
  }

  async #load(key: string): Promise<StoredRecord | undefined> {
    const file = this.#pathFor(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = errorCode(error);
      // ENOTDIR/EISDIR: a folder of other keys sits where this key's file would be, so no record.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw new ResultStoreError(`Could not read result '${key}' from ${file}`, { key, cause: error });
    }
    const stored = this.#parse(key, file, text);
    const expiration = stored.metadata.expiration;
    if (expiration && expiration.getTime() <= this.#clock().getTime()) return undefined;
    return stored;
  }

  #parse(key: string, file: string, text: string): StoredRecord {
    let raw: { metadata?: unknown; result?: JsonValue };
    try {
      raw = JSON.parse(text) as typeof raw;
    } catch (error) {
      throw new ResultStoreError(`Result file ${file} for key '${key}' is not valid JSON`, {
        key,
        cause: error,
      });
    }
    const metadata = ResultRecordMetadata.safeParse(raw?.metadata);
    if (!metadata.success) {
      throw new ResultStoreError(`Result file ${file} for key '${key}' has no valid metadata`, {
        key,
        cause: metadata.error,
      });
    }
    return { metadata: metadata.data, result: raw.result ?? null };
  }
}

/**
 * A result store on the local file system: one JSON file per key under `basePath`, written
 * atomically (temp file + rename). Keys may contain `/` to form folders; they are encoded so that
 * no key can reach outside `basePath`.
 * @example
 * const store = createLocalFileResultStore({ basePath: '/tmp/weft-results' })
 * await store.write('run-1/add-1a2b/9f3c-0', 42)
 * (await store.read('run-1/add-1a2b/9f3c-0'))?.result // 42
 */
export function createLocalFileResultStore(options: LocalFileResultStoreOptions = {}): ResultStore {
  return new LocalFileResultStore(options);
}
