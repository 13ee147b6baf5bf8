/**
 * Where uploads are read from before ingest: the source bucket's inbox/ on AWS. Deliberately not a BlobStore:
 * uploads are named by people, and S3 accepts keys the store's keys refuse (decomposed "å" from macOS, '#', '%', '&'
 * …). Ingest copies the bytes into the store under their hash, so an upload's own key never needs to be a store key.
 *
 * Resolves to the bytes, or null when the object is gone (deleted between its notification and now).
 */
export type SourceReader = (key: string) => Promise<Uint8Array | null>;
