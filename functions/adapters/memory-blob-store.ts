import { createHash } from 'node:crypto';
import {
  assertValidKey,
  assertValidPrefix,
  assertValidRange,
  compareKeys,
  conditionOf,
  PreconditionFailedError,
  StoreError,
  type BlobBody,
  type BlobMeta,
  type BlobStore,
  type PutOptions,
} from '../ports/blob-store.ts';
import { mediaTypeByExtension } from './media-type-by-extension.ts';
import { concatBytes } from '../core/bytes.ts';

export type MemoryStoreOp = 'get' | 'put' | 'delete' | 'head' | 'list';

export interface MemoryBlobStoreOptions {
  /**
   * Failure injection: called once per operation after the key was validated and before anything is read or written
   * (`list` passes its prefix, `getStream` counts as 'get'). Returning true makes that operation throw a StoreError
   * and leaves the store unchanged — a crash between two writes of a multi-object publish, for instance.
   */
  failOn?: (op: MemoryStoreOp, key: string) => boolean;
}

interface Entry {
  bytes: Uint8Array;
  meta: Omit<BlobMeta, 'key'>;
}

const STREAM_CHUNK = 64 * 1024;
const utf8 = new TextEncoder();

/** A BlobStore in a Map: for unit tests and as the reference behaviour of the contract suite. */
export class MemoryBlobStore implements BlobStore {
  readonly #entries = new Map<string, Entry>();
  readonly #failOn: MemoryBlobStoreOptions['failOn'];

  constructor(options: MemoryBlobStoreOptions = {}) {
    this.#failOn = options.failOn;
  }

  async get(key: string): Promise<Uint8Array | null> {
    this.#enter('get', key);
    const entry = this.#entries.get(key);
    // A copy, so a caller that mutates what it got cannot change the stored object.
    return entry ? entry.bytes.slice() : null;
  }

  async getStream(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    this.#enter('get', key);
    const entry = this.#entries.get(key);
    return entry ? chunked(entry.bytes.slice()) : null;
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array | null> {
    assertValidRange(start, end);
    this.#enter('get', key);
    const entry = this.#entries.get(key);
    return entry ? entry.bytes.slice(Math.min(start, entry.bytes.length), Math.min(end, entry.bytes.length)) : null;
  }

  async put(key: string, body: BlobBody, options: PutOptions = {}): Promise<void> {
    this.#enter('put', key);
    // Collect the whole body before touching the map: a body that fails half-way leaves the old object in place.
    const bytes = await collect(body);
    // Checked after the last await: the check and the write are one step, as in S3.
    if (!this.#conditionHolds(key, options)) throw new PreconditionFailedError(key, conditionOf(options) ?? '');
    this.#entries.set(key, {
      bytes,
      meta: {
        size: bytes.length,
        etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
        lastModified: new Date(),
        contentType: options.contentType ?? mediaTypeByExtension(key),
        ...(options.cacheControl === undefined ? {} : { cacheControl: options.cacheControl }),
      },
    });
  }

  async head(key: string): Promise<BlobMeta | null> {
    this.#enter('head', key);
    const entry = this.#entries.get(key);
    return entry ? { key, ...entry.meta } : null;
  }

  list(prefix: string): AsyncIterable<BlobMeta> {
    assertValidPrefix(prefix);
    return this.#list(prefix);
  }

  async delete(key: string): Promise<void> {
    this.#enter('delete', key);
    this.#entries.delete(key);
  }

  async *#list(prefix: string): AsyncGenerator<BlobMeta> {
    this.#inject('list', prefix);
    // A snapshot of the keys at the start, like one S3 listing: later writes do not disturb the iteration.
    const keys = [...this.#entries.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (!entry) continue;
      // Only what an S3 listing reports too, so code tested against memory does not rely on more.
      const { size, etag, lastModified } = entry.meta;
      yield { key, size, etag, lastModified };
    }
  }

  #conditionHolds(key: string, options: PutOptions): boolean {
    const current = this.#entries.get(key);
    if (options.ifNoneMatch === '*' && current !== undefined) return false;
    return options.ifMatch === undefined || current?.meta.etag === options.ifMatch;
  }

  #enter(op: MemoryStoreOp, key: string): void {
    assertValidKey(key);
    this.#inject(op, key);
  }

  #inject(op: MemoryStoreOp, key: string): void {
    if (this.#failOn?.(op, key)) throw new StoreError(`injected failure: ${op} ${JSON.stringify(key)}`);
  }
}

async function collect(body: BlobBody): Promise<Uint8Array> {
  if (typeof body === 'string') return utf8.encode(body);
  if (body instanceof Uint8Array) return body.slice();
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(typeof chunk === 'string' ? utf8.encode(chunk) : chunk.slice());
  return concatBytes(parts);
}

async function* chunked(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += STREAM_CHUNK) yield bytes.subarray(at, at + STREAM_CHUNK);
}
