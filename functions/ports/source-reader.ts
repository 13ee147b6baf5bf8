import type { SourceProvenance } from '../core/records/types.ts';

/**
 * Where uploads are read from before ingest: the source bucket's inbox/ on AWS. Deliberately not a BlobStore:
 * uploads are named by people, and S3 accepts keys the store's keys refuse (decomposed "å" from macOS, '#', '%', '&'
 * …). Ingest copies the bytes into the store under their hash, so an upload's own key never needs to be a store key.
 * The object may carry where the file came from (a harvested portal: adapters/s3-inbox.ts), read in the same request.
 *
 * Resolves to the object, or null when it is gone (deleted between its notification and now).
 */
export type SourceReader = (key: string) => Promise<SourceObject | null>;

export interface SourceObject {
  bytes: Uint8Array;
  provenance: SourceProvenance;
}
