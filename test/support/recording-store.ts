import {
  readRange,
  type BlobBody,
  type BlobMeta,
  type BlobStore,
  type PutOptions,
} from '../../functions/ports/blob-store.ts';

/** One call on the store, in the order it was made. */
export interface StoreOp {
  op: 'get' | 'getRange' | 'getStream' | 'head' | 'list' | 'put' | 'delete';
  /** The key, or the prefix of a list. */
  key: string;
}

/** Passes everything through to `inner` and records every call, with views by kind for the assertions. */
export class RecordingStore implements BlobStore {
  readonly ops: StoreOp[] = [];
  constructor(readonly inner: BlobStore) {}

  get(key: string): Promise<Uint8Array | null> {
    this.ops.push({ op: 'get', key });
    return this.inner.get(key);
  }
  getRange(key: string, start: number, end: number): Promise<Uint8Array | null> {
    this.ops.push({ op: 'getRange', key });
    return readRange(this.inner, key, start, end);
  }
  getStream(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    this.ops.push({ op: 'getStream', key });
    return this.inner.getStream(key);
  }
  head(key: string): Promise<BlobMeta | null> {
    this.ops.push({ op: 'head', key });
    return this.inner.head(key);
  }
  list(prefix: string): AsyncIterable<BlobMeta> {
    this.ops.push({ op: 'list', key: prefix });
    return this.inner.list(prefix);
  }
  put(key: string, body: BlobBody, options?: PutOptions): Promise<void> {
    this.ops.push({ op: 'put', key });
    return this.inner.put(key, body, options);
  }
  delete(key: string): Promise<void> {
    this.ops.push({ op: 'delete', key });
    return this.inner.delete(key);
  }

  /** Puts and deletes, in order. */
  get writes(): Array<{ op: 'put' | 'delete'; key: string }> {
    return this.ops.filter((o): o is { op: 'put' | 'delete'; key: string } => o.op === 'put' || o.op === 'delete');
  }
  get puts(): string[] {
    return this.keysOf('put');
  }
  /** Reads of whole objects, ranges and streams (not heads). */
  get gets(): string[] {
    return this.ops.filter((o) => o.op === 'get' || o.op === 'getRange' || o.op === 'getStream').map((o) => o.key);
  }
  get lists(): string[] {
    return this.keysOf('list');
  }
  get deletes(): string[] {
    return this.keysOf('delete');
  }
  /** Forget the calls so far (e.g. after setting up a first ingest). */
  reset(): void {
    this.ops.length = 0;
  }

  private keysOf(op: StoreOp['op']): string[] {
    return this.ops.filter((o) => o.op === op).map((o) => o.key);
  }
}
