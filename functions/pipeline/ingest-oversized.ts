import type { SourceProvenance } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import { HashingStream } from '../lib/hash.ts';
import { tooLargeMessage } from '../ports/text-extractor.ts';
import type { QuarantinedOutcome } from './ingest-outcome.ts';
import { quarantine } from './ingest-quarantine.ts';
import { putJson } from '../store/json.ts';
import type { OriginalMeta } from '../store/meeting-record.ts';
import { originalKey, originalMetaKey } from '../store/keys.ts';
import { checkedProvenance } from './ingest-provenance.ts';

/**
 * A file over the upload limit, known from its size alone (a stat, an S3 object's Content-Length) before a byte is
 * read into memory: it is hashed and kept as an original by streaming (nothing is ever lost, and a larger limit
 * later can ingest it from there), then quarantined as 'too-large'. Memory stays at one chunk whatever the size;
 * reading a 1 GiB file whole to refuse it took 2.2 GB (issue 14).
 */
export interface OversizedInput {
  fileName: string;
  size: number;
  maxBytes: number;
  /** Opens the file's bytes from the start; called twice (hash, then store). */
  open: () => Promise<AsyncIterable<Uint8Array>>;
  provenance?: SourceProvenance;
}

export async function quarantineOversized(
  deps: { store: BlobStore; clock: Clock },
  input: OversizedInput,
): Promise<QuarantinedOutcome> {
  const provenance = checkedProvenance(input.provenance);
  const at = deps.clock.now();
  const hashing = new HashingStream();
  for await (const _chunk of hashing.pipe(await input.open())) {
    // consumed for the digest only
  }
  const sha256 = hashing.digest();
  const key = originalKey(sha256);
  if ((await deps.store.head(key)) === null) {
    await deps.store.put(key, await input.open(), { contentType: 'application/octet-stream' });
  }
  const metaKey = originalMetaKey(sha256);
  if ((await deps.store.head(metaKey)) === null) {
    const meta: OriginalMeta = {
      schemaVersion: 1,
      sha256,
      size: hashing.bytes,
      fileName: input.fileName,
      receivedAt: at.toISOString(),
      ...(Object.keys(provenance).length > 0 ? { provenance } : {}),
    };
    await putJson(deps.store, metaKey, meta);
  }
  return quarantine(deps.store, {
    sha256,
    fileName: input.fileName,
    size: hashing.bytes,
    reason: 'too-large',
    message: tooLargeMessage(hashing.bytes, input.maxBytes),
    at,
  });
}
