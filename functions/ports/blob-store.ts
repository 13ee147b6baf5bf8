/**
 * The storage port. Keys are '/'-separated relative paths ("records/alingsas/…json"); adapters validate them with
 * `assertValidKey` before any I/O. Memory, filesystem and S3 adapters implement it and share one contract suite
 * (test/contract/blob-store.contract.ts).
 */
export type BlobBody = Uint8Array | string | AsyncIterable<Uint8Array>;

export interface BlobMeta {
  key: string;
  size: number;
  /** Opaque version tag (content hash or S3 ETag). */
  etag?: string;
  lastModified?: Date;
  contentType?: string;
}

export interface PutOptions {
  contentType?: string;
  /** Cache-Control to store with the object (S3) — ignored by adapters that cannot keep it. */
  cacheControl?: string;
}

export interface BlobStore {
  /** The whole object, or null when absent. */
  get(key: string): Promise<Uint8Array | null>;
  /** A stream of the object, or null when absent. For large files (CSV exports). */
  getStream(key: string): Promise<AsyncIterable<Uint8Array> | null>;
  put(key: string, body: BlobBody, options?: PutOptions): Promise<void>;
  head(key: string): Promise<BlobMeta | null>;
  /** All keys under a prefix ("" = everything), in lexicographic order. */
  list(prefix: string): AsyncIterable<BlobMeta>;
  /** Removes the object; absent is not an error. */
  delete(key: string): Promise<void>;
}

export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid storage key ${JSON.stringify(key)}: ${reason}`);
  }
}

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const SEGMENT = /^[A-Za-z0-9._~@=+,-][A-Za-z0-9 ._~@=+,()-]*$/u;

/** Throws InvalidKeyError unless `key` is a safe relative path: no "..", no absolute path, no empty segment. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidKeyError(String(key), 'empty');
  if (key.length > 1024) throw new InvalidKeyError(key, 'longer than 1024 characters');
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) throw new InvalidKeyError(key, 'absolute path');
  if (key.includes('\\')) throw new InvalidKeyError(key, 'backslash');
  if (key.includes('\0')) throw new InvalidKeyError(key, 'NUL byte');
  for (const segment of key.split('/')) {
    if (segment === '' ) throw new InvalidKeyError(key, 'empty path segment');
    if (segment === '.' || segment === '..') throw new InvalidKeyError(key, 'relative segment');
    if (!SEGMENT.test(segment)) throw new InvalidKeyError(key, `segment ${JSON.stringify(segment)} has characters outside [A-Za-z0-9 ._~@=+,()-]`);
  }
}

/** Prefixes may be empty or end with '/'; they follow the same rules as keys otherwise. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
