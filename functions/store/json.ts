import { FORMAT_ENTRIES } from '../core/render/formats/media-types.ts';
import type { BlobStore, PutOptions } from '../ports/blob-store.ts';

/** Stored JSON is indented and ends with a newline: the local store is meant to be read by people too. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a store object (record, marker, review or quarantine entry, original's metadata) as JSON; `condition` as in put(). */
export function putJson(
  store: BlobStore,
  key: string,
  value: unknown,
  condition: Pick<PutOptions, 'ifMatch' | 'ifNoneMatch'> = {},
): Promise<void> {
  return store.put(key, toJson(value), { contentType: FORMAT_ENTRIES.json.contentType, ...condition });
}
