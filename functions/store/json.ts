import type { BlobStore } from '../ports/blob-store.ts';

/** Stored JSON is indented and ends with a newline: the local store is meant to be read by people too. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

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
