import type { SourceProvenance } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { OriginalMeta } from '../store/meeting-record.ts';
import { originalKey, originalMetaKey } from '../store/keys.ts';
import { putJson } from '../store/json.ts';

/**
 * Keeps the uploaded bytes at `originals/<sha256>` before anything else happens, so no file is ever lost, whatever
 * fails later. Content-addressed: the same bytes always land on the same key, so they are written at most once and an
 * existing original is never overwritten (a `head` first; two racing first uploads write identical bytes). The
 * metadata next to it records the first name and time the bytes were seen, and where they came from when known.
 *
 * Returns true when the bytes were new to the store.
 */
export async function keepOriginal(
  store: BlobStore,
  bytes: Uint8Array,
  sha256: string,
  fileName: string,
  receivedAt: Date,
  provenance: SourceProvenance = {},
): Promise<boolean> {
  const key = originalKey(sha256);
  const isNew = (await store.head(key)) === null;
  if (isNew) await store.put(key, bytes, { contentType: 'application/octet-stream' });
  // Checked separately: a crash between the two puts must not leave an original without its metadata forever.
  const metaKey = originalMetaKey(sha256);
  if ((await store.head(metaKey)) === null) {
    const meta: OriginalMeta = {
      schemaVersion: 1,
      sha256,
      size: bytes.byteLength,
      fileName,
      receivedAt: receivedAt.toISOString(),
      ...(Object.keys(provenance).length > 0 ? { provenance } : {}),
    };
    await putJson(store, metaKey, meta);
  }
  return isNew;
}
