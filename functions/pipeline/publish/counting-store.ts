import type { BlobBody, BlobStore, PutOptions } from '../../ports/blob-store.ts';

/** The store with a count of writes, for the publish summary (and the tests that check a publish is incremental). */
export type CountingStore = BlobStore & { readonly puts: number; readonly deletes: number };

export function countingStore(store: BlobStore): CountingStore {
  let puts = 0;
  let deletes = 0;
  return {
    get: (key) => store.get(key),
    getStream: (key) => store.getStream(key),
    head: (key) => store.head(key),
    list: (prefix) => store.list(prefix),
    put: async (key: string, body: BlobBody, options?: PutOptions) => {
      await store.put(key, body, options);
      puts++;
    },
    delete: async (key: string) => {
      await store.delete(key);
      deletes++;
    },
    ...(store.erase
      ? {
          erase: async (key: string) => {
            await store.erase!(key);
            deletes++;
          },
        }
      : {}),
    get puts() {
      return puts;
    },
    get deletes() {
      return deletes;
    },
  };
}
