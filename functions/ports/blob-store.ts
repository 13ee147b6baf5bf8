/**
 * The storage port. Keys are '/'-separated relative paths ("records/alingsas/…json"); adapters validate them with
 * `assertValidKey` before any I/O. Memory, filesystem and S3 adapters implement it and share one contract suite
 * (test/contract/blob-store.contract.ts). See docs/storage.md.
 */
export type BlobBody = Uint8Array | string | AsyncIterable<Uint8Array>;

export interface BlobMeta {
  key: string;
  size: number;
  /** Opaque version tag (content hash or S3 ETag); changes when the object is overwritten with other content. */
  etag?: string;
  lastModified?: Date;
  contentType?: string;
  /** Only adapters that keep it (memory, S3) report it, and only from head(). */
  cacheControl?: string;
}

export interface PutOptions {
  /** Defaults to a media type guessed from the key's extension. The filesystem adapter always guesses. */
  contentType?: string;
  /** Cache-Control to store with the object (S3) — ignored by adapters that cannot keep it. */
  cacheControl?: string;
  /**
   * A conditional write (S3's If-None-Match / If-Match): `ifNoneMatch: '*'` writes only when the key is absent,
   * `ifMatch: etag` only when the stored object still has that etag (from head()). When the condition does not hold
   * the put changes nothing and throws PreconditionFailedError. The check and the write are one atomic step in every
   * adapter, so two writers racing on one key cannot both succeed: this is what leases and compare-and-swap updates
   * (records, the publish lease, the published manifest) rest on. The S3 test server ignores both headers; real S3
   * honours them.
   */
  ifNoneMatch?: '*';
  ifMatch?: string;
}

export interface BlobStore {
  /** The whole object, or null when absent. */
  get(key: string): Promise<Uint8Array | null>;
  /** A stream of the object, or null when absent. For large files (CSV exports). Consume it or break out of it. */
  getStream(key: string): Promise<AsyncIterable<Uint8Array> | null>;
  /**
   * Bytes [start, end) of the object (S3's Range GET), or null when it is absent. A range reaching past the end is cut
   * at the end (so it may be empty); start and end are integers with 0 <= start <= end, else a RangeError before any
   * I/O. For reading a part of a large file (the § index, docs/read-model.md) without reading the rest. Memory,
   * filesystem and S3 adapters implement it; callers use `readRange`, which falls back to get() for stores that
   * do not (test wrappers).
   */
  getRange?(key: string, start: number, end: number): Promise<Uint8Array | null>;
  /**
   * Stores the whole body or nothing: a reader sees the old object or the new one, never a part. An error thrown by
   * a streaming body propagates unchanged and leaves the old object in place.
   */
  put(key: string, body: BlobBody, options?: PutOptions): Promise<void>;
  head(key: string): Promise<BlobMeta | null>;
  /**
   * All keys under a prefix ("" = everything), in lexicographic order of Unicode code points (= UTF-8 byte order, the
   * order S3 lists in; NOT Swedish collation: "ä" < "å" here). Stored names that are not valid keys are skipped.
   */
  list(prefix: string): AsyncIterable<BlobMeta>;
  /** Removes the object; absent is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes the object and every earlier version a versioned store keeps of it (S3): for erasure required by law,
   * where a delete marker over old versions is not enough. Stores that keep no versions leave it out; callers use
   * `eraseObject`.
   */
  erase?(key: string): Promise<void>;
}

/** The object and all its versions gone where the store keeps versions; a plain delete where it does not. */
export function eraseObject(store: BlobStore, key: string): Promise<void> {
  return store.erase ? store.erase(key) : store.delete(key);
}

/** Bytes [start, end) of an object (see BlobStore.getRange), or null when it is absent. */
export async function readRange(store: BlobStore, key: string, start: number, end: number): Promise<Uint8Array | null> {
  assertValidRange(start, end);
  if (store.getRange) return store.getRange(key, start, end);
  const whole = await store.get(key);
  return whole === null ? null : whole.slice(start, Math.max(start, Math.min(end, whole.length)));
}

/** Throws RangeError unless 0 <= start <= end are integers (the contract of getRange). */
export function assertValidRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
    throw new RangeError(`invalid byte range [${start}, ${end})`);
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

/** A conditional put whose condition did not hold (the key exists, or changed since its etag was read). */
export class PreconditionFailedError extends StoreError {
  override name = 'PreconditionFailedError';
  constructor(
    readonly key: string,
    condition: string,
    options?: { cause?: unknown },
  ) {
    super(`conditional put of ${JSON.stringify(key)} refused: ${condition}`, options);
  }
}

/** The condition of a put, for messages; null when the put is unconditional. */
export function conditionOf(options: PutOptions | undefined): string | null {
  if (options?.ifNoneMatch === '*') return 'the key already exists';
  if (options?.ifMatch !== undefined) return `the object is no longer ${options.ifMatch}`;
  return null;
}

/**
 * One path segment: letters (any script, so "Håbo" and "Kommunfullmäktige" work), digits, and a small punctuation set
 * that is safe in S3 keys, URLs and POSIX file names. No ':' (an NTFS alternate data stream), no '#', '%', '?', '\'.
 * '#' in particular never occurs in a key, so the filesystem adapter can name its temp files with it.
 */
const SEGMENT = /^[\p{L}\p{N}._~@=+,-][\p{L}\p{M}\p{N} ._~@=+,()-]*$/u;
/** S3 limits keys to 1024 UTF-8 bytes; most filesystems limit a name to 255 bytes. */
const MAX_KEY_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;
const utf8 = new TextEncoder();

/** Why `key` is not a valid storage key, or null when it is. */
export function invalidKeyReason(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.includes('\0')) return 'NUL byte';
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute path';
  if (key.includes('\\')) return 'backslash';
  if (utf8.encode(key).length > MAX_KEY_BYTES) return `longer than ${MAX_KEY_BYTES} UTF-8 bytes`;
  // One spelling per visible name: "å" as U+00E5 and as "a" + U+030A would otherwise be two different objects.
  if (key.normalize('NFC') !== key) return 'not in Unicode normalization form C';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return 'relative segment';
    if (utf8.encode(segment).length > MAX_SEGMENT_BYTES) return `segment longer than ${MAX_SEGMENT_BYTES} UTF-8 bytes`;
    if (!SEGMENT.test(segment)) {
      return `segment ${JSON.stringify(segment)} has characters outside letters, digits and " ._~@=+,()-"`;
    }
  }
  return null;
}

/** Throws InvalidKeyError unless `key` is a safe relative path: no "..", no absolute path, no empty segment. */
export function assertValidKey(key: string): void {
  const reason = invalidKeyReason(key);
  if (reason !== null) throw new InvalidKeyError(String(key), reason);
}

/** Prefixes may be empty or end with '/'; they follow the same rules as keys otherwise. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

/**
 * The order of `list()`: by Unicode code point, which equals UTF-8 byte order (S3's documented list order). Plain
 * `<` on JS strings compares UTF-16 code units and would put "𝐀" (U+1D400, a surrogate pair) before "ﬁ" (U+FB01).
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (astral code points) above U+E000–U+FFFF so code units sort like code points. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
