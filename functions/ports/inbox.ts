import type { SourceProvenance } from '../core/records/types.ts';

/**
 * Where files wait for ingest: the same place uploads go. Locally a prefix of the store (inbox/, drained by
 * functions/pipeline/inbox-ingest.ts), on AWS the source bucket's inbox/ (each new object starts the ingest Lambda).
 * The provenance travels with the file: a sidecar in the store, object metadata on S3.
 */
export interface InboxFile {
  /** Path below inbox/, '/'-separated, built by the caller from ids and hashes only (never from a portal's name). */
  path: string;
  bytes: Uint8Array;
  mediaType: string;
  provenance: SourceProvenance;
}

export interface Inbox {
  /** Stores the file with its provenance; when it returns, ingest will see both. Safe to repeat. */
  deliver(file: InboxFile): Promise<void>;
}
