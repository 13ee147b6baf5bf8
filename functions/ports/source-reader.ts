import type { SourceProvenance } from '../core/records/types.ts';

/**
 * Where uploads are read from before ingest: the source bucket's inbox/ on AWS. Deliberately not a BlobStore:
 * uploads are named by people, and S3 accepts keys the store's keys refuse (decomposed "å" from macOS, '#', '%', '&'
 * …). Ingest copies the bytes into the store under their hash, so an upload's own key never needs to be a store key.
 * The object may carry where the file came from (a harvested portal: adapters/s3-inbox.ts), read in the same request.
 *
 * Resolves to the object, or null when it is gone (deleted between its notification and now). The size is known
 * from the response headers before the body is read: an object over `maxBytes` is not read into memory (`bytes` is
 * null) and can be streamed with `open()` instead.
 */
export type SourceReader = (key: string, limits: { maxBytes: number }) => Promise<SourceObject | null>;

export interface SourceObject {
  size: number;
  /** The whole object, or null when it is larger than the reader's `maxBytes`. */
  bytes: Uint8Array | null;
  /** The object's bytes as a stream, from the start (a new request each time). */
  open(): Promise<AsyncIterable<Uint8Array>>;
  provenance: SourceProvenance;
}
