import type { BlobStore } from './blob-store.ts';

/**
 * JSON through the storage port: what the store (records, markers, review entries) and the published tree
 * (manifests, indexes, meeting files) both read. Absent is null; present but not JSON is an error naming the key.
 */
export class CorruptStoreObjectError extends Error {
  override name = 'CorruptStoreObjectError';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`stored object ${key} is not valid JSON`, options);
  }
}

/** The parsed JSON at `key`, or null when absent. */
export async function readJson(store: BlobStore, key: string): Promise<unknown> {
  const bytes = await store.get(key);
  if (bytes === null) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (cause) {
    throw new CorruptStoreObjectError(key, { cause });
  }
}
