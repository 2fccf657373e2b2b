import type { ResultRecordMetadata } from '@weft/schemas';
import { createLocalFileResultStore } from '../results/local-file-result-store';
import type { ResultRecord, ResultStore, ResultWriteOptions } from '../results/result-store';
import { BlockError } from './block-errors';
import { LocalFileSystem } from './builtin-blocks';

/** A storage block: `local-file-system/<name>`, or a loaded `local-file-system` block. */
export type ResultStorageBlock =
  | `local-file-system/${string}`
  | { readonly data: { readonly basePath: string } };

/**
 * A result store kept in a block, for a flow's or task's `resultStore` option. A block name is
 * loaded on first use (once; again after a failed load), so defining a flow needs no server.
 * @example
 * const etl = flow({ name: 'etl', resultStore: blockResultStore('local-file-system/results') }, run);
 */
export function blockResultStore(block: ResultStorageBlock): ResultStore {
  if (typeof block !== 'string') return createLocalFileResultStore({ basePath: block.data.basePath });
  const ref = block;
  const [slug, name] = ref.split('/') as [string, string];
  if (slug !== 'local-file-system' || !name) {
    throw new BlockError('VALIDATION', ref, `Result storage '${ref}' must be a local-file-system block`);
  }
  let store: Promise<ResultStore> | undefined;
  const resolved = (): Promise<ResultStore> => {
    store ??= LocalFileSystem.load(name).then((loaded) =>
      createLocalFileResultStore({ basePath: loaded.data.basePath }),
    );
    store.catch(() => {
      store = undefined;
    });
    return store;
  };
  return {
    describe: () => `block ${ref}`,
    read: async (key: string): Promise<ResultRecord | undefined> => (await resolved()).read(key),
    write: async (key: string, value: unknown, options?: ResultWriteOptions): Promise<ResultRecordMetadata> =>
      (await resolved()).write(key, value, options),
    exists: async (key: string): Promise<boolean> => (await resolved()).exists(key),
  };
}
