/**
 * The one contract every BlobStore adapter must meet (functions/ports/blob-store.ts). Each adapter's test file calls
 * `blobStoreContract` with a factory; every test gets a fresh, empty store.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidKeyError,
  PreconditionFailedError,
  readRange,
  type BlobMeta,
  type BlobStore,
} from '../../functions/ports/blob-store.ts';

export interface ContractStore {
  store: BlobStore;
  cleanup(): Promise<void>;
  /** Optional I/O counter (requests sent, files touched…): lets the suite prove invalid keys cause no I/O at all. */
  operations?: () => number;
}

export interface ContractCapabilities {
  /** Keeps any Content-Type and Cache-Control given to put() and reports them from head(). */
  keepsMetadata: boolean;
  /**
   * Honours ifNoneMatch / ifMatch. Real S3 does; the S3 test server ignores both headers, so the S3 adapter's test
   * checks the headers it sends and how it maps a 412 instead (s3-blob-store.test.ts).
   */
  conditionalWrites?: boolean;
}

const utf8 = new TextEncoder();
const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

export async function collect<T>(items: () => AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items()) out.push(item);
  return out;
}

const keysOf = async (store: BlobStore, prefix: string): Promise<string[]> =>
  (await collect(() => store.list(prefix))).map((m: BlobMeta) => m.key);

/** Deterministic pseudo-random bytes (xorshift32): incompressible, and a misplaced chunk changes the hash. */
export function* pseudoRandomChunks(seed: number, chunkSize: number, count: number): Generator<Uint8Array> {
  let x = seed >>> 0 || 1;
  for (let c = 0; c < count; c++) {
    const chunk = new Uint8Array(chunkSize);
    for (let i = 0; i < chunkSize; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chunk[i] = x & 0xff;
      chunk[i + 1] = (x >>> 8) & 0xff;
      chunk[i + 2] = (x >>> 16) & 0xff;
      chunk[i + 3] = (x >>> 24) & 0xff;
    }
    yield chunk;
  }
}

async function* asAsync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const INVALID_KEYS = [
  '..',
  '/abs',
  'a//b',
  'a/../b',
  'C:\\x',
  '',
  'a\0b',
  'a/',
  './a',
  'a\\b',
  'a:b',
  'a#b',
  'a%2Fb',
  'Ha\u030Abo' /* "å" decomposed (NFD) */,
  `${'x'.repeat(256)}/y` /* segment > 255 bytes */,
  `${`${'å'.repeat(100)}/`.repeat(6)}x` /* 607 characters but 1207 UTF-8 bytes > 1024 */,
];
export const INVALID_PREFIXES = ['..', '/abs', 'a//', 'a/../', 'C:\\x', '\0', './', '/', 'a\\b/'];

export function blobStoreContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  capabilities: ContractCapabilities = { keepsMetadata: true },
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let ctx: ContractStore;
    let store: BlobStore;
    beforeEach(async () => {
      ctx = await makeStore();
      store = ctx.store;
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    it('round-trips bytes exactly, including every byte value and the empty body', async () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await store.put('bin/all-bytes', all);
      await store.put('bin/empty', new Uint8Array(0));
      const got = await store.get('bin/all-bytes');
      // A plain Uint8Array from every adapter (not a Buffer, whose toString() would behave differently).
      expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
      expect(got).toEqual(all);
      expect((await store.get('bin/empty'))?.length).toBe(0);
      expect((await store.head('bin/empty'))?.size).toBe(0);
    });

    it('stores strings as UTF-8 (å/ä/ö are two bytes each)', async () => {
      const s = 'Kommunfullmäktige § 12 – Åtgärder för ökad öppenhet';
      await store.put('text/kf.txt', s);
      expect(text(await store.get('text/kf.txt'))).toBe(s);
      // 51 characters: ä ×2, ö ×3, Å and § take 2 bytes each, the en dash 3 → 51 + 7 + 2 = 60 bytes.
      expect((await store.head('text/kf.txt'))?.size).toBe(60);
    });

    it('accepts keys with spaces and Swedish letters and lists them unchanged', async () => {
      const key = 'protokoll/Håbo kommun/Kommunfullmäktige 2024-01-15 (justerat).pdf';
      await store.put(key, 'x');
      await store.put('Örebro/Åtgärder för ökad öppenhet.txt', 'y');
      expect(text(await store.get(key))).toBe('x');
      expect(await keysOf(store, 'protokoll/Håbo kommun/')).toEqual([key]);
      expect(await keysOf(store, 'Ö')).toEqual(['Örebro/Åtgärder för ökad öppenhet.txt']);
      expect(text(await store.get('Örebro/Åtgärder för ökad öppenhet.txt'))).toBe('y');
    });

    it('answers null (not an error) for missing keys, also under missing prefixes', async () => {
      await store.put('present/a.json', '{}');
      for (const key of ['absent.json', 'present/b.json', 'no/such/dir/x.json', 'present/a.json/below']) {
        expect(await store.get(key)).toBeNull();
        expect(await store.getStream(key)).toBeNull();
        expect(await store.head(key)).toBeNull();
      }
    });

    it('reads byte ranges [start, end): inside, at both ends, past the end, empty, absent', async () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await store.put('r/all-bytes', all);
      const range = (start: number, end: number) =>
        store.getRange!(start === -1 ? 'r/none' : 'r/all-bytes', start, end);
      expect(store.getRange).toBeTypeOf('function');
      const got = await range(10, 20);
      expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
      expect(got).toEqual(all.subarray(10, 20));
      expect(await range(0, 256)).toEqual(all);
      expect(await range(0, 1)).toEqual(all.subarray(0, 1));
      expect(await range(255, 256)).toEqual(all.subarray(255));
      // Past the end: cut at the end, or empty when it starts there or beyond.
      expect(await range(250, 1000)).toEqual(all.subarray(250));
      expect((await range(256, 300))?.length).toBe(0);
      expect((await range(1000, 2000))?.length).toBe(0);
      expect((await range(7, 7))?.length).toBe(0);
      expect(await store.getRange!('r/none', 0, 10)).toBeNull();
      expect(await store.getRange!('r/none', 3, 3)).toBeNull();
      expect(await store.getRange!('no/such/dir/x', 0, 10)).toBeNull();
    });

    it('reads a range of a large object without the rest, and the ranges add up to the object', async () => {
      const chunks = [...pseudoRandomChunks(7, 64 * 1024, 24)];
      const whole = Buffer.concat(chunks);
      await store.put('r/large.bin', asAsync(chunks));
      const cuts = [0, 1, 65_535, 65_536, 700_001, 1_048_576, whole.length];
      const pieces = await Promise.all(cuts.slice(1).map((end, i) => store.getRange!('r/large.bin', cuts[i]!, end)));
      expect(pieces.map((p) => p?.length)).toEqual(cuts.slice(1).map((end, i) => end - cuts[i]!));
      expect(Buffer.compare(Buffer.concat(pieces.map((p) => p!)), whole)).toBe(0);
    });

    it('refuses a bad range or key before any I/O', async () => {
      const before = ctx.operations?.();
      for (const [start, end] of [
        [-1, 4],
        [5, 4],
        [0.5, 4],
        [0, Number.NaN],
      ] as const) {
        await expect(store.getRange!('r/x', start, end)).rejects.toThrow(RangeError);
      }
      await expect(store.getRange!('a/../b', 0, 1)).rejects.toThrow(InvalidKeyError);
      expect(ctx.operations?.()).toBe(before);
    });

    it('the port helper reads ranges from stores without getRange, by the whole object', async () => {
      await store.put('r/small', 'abcdefgh');
      const plain: BlobStore = { ...store, get: (k) => store.get(k), getRange: undefined } as BlobStore;
      expect(text(await readRange(plain, 'r/small', 2, 5))).toBe('cde');
      expect(text(await readRange(plain, 'r/small', 6, 50))).toBe('gh');
      expect(await readRange(plain, 'r/none', 0, 1)).toBeNull();
      expect(text(await readRange(store, 'r/small', 0, 3))).toBe('abc');
      await expect(readRange(store, 'r/small', 3, 2)).rejects.toThrow(RangeError);
    });

    it('overwrites: a shorter new value leaves no trace of the old one', async () => {
      await store.put('o/x.txt', 'a long first version of the object');
      const before = await store.head('o/x.txt');
      await store.put('o/x.txt', 'short');
      expect(text(await store.get('o/x.txt'))).toBe('short');
      const after = await store.head('o/x.txt');
      expect(after?.size).toBe(5);
      if (before?.etag !== undefined) expect(after?.etag).not.toBe(before.etag);
      expect(await keysOf(store, 'o/')).toEqual(['o/x.txt']);
    });

    it('copies: mutating the buffer given to put() or returned by get() does not change the stored object', async () => {
      const input = utf8.encode('original');
      await store.put('c/x', input);
      input.fill(0);
      const first = await store.get('c/x');
      first?.fill(0);
      expect(text(await store.get('c/x'))).toBe('original');
    });

    it('head reports size, a media type and the last-modified time', async () => {
      const before = Date.now();
      await store.put('h/record.json', '{"ä":1}', { contentType: 'application/json' });
      await store.put('h/table.csv', 'a;b\n');
      const meta = await store.head('h/record.json');
      const after = Date.now();
      expect(meta).toMatchObject({ key: 'h/record.json', size: 8, contentType: 'application/json' });
      // Without a contentType every adapter falls back to the media type of the extension.
      expect((await store.head('h/table.csv'))?.contentType).toBe('text/csv; charset=utf-8');
      if (meta?.lastModified !== undefined) {
        // Between the put and the head (HTTP dates have whole seconds), however long those took on a busy machine.
        expect(meta.lastModified.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
        expect(meta.lastModified.getTime()).toBeLessThanOrEqual(after + 1000);
      }
    });

    it(`${capabilities.keepsMetadata ? 'keeps' : 'cannot keep'} the Content-Type and Cache-Control given to put()`, async () => {
      await store.put('m/x.csv', 'a;b', {
        contentType: 'text/csv; charset=windows-1252',
        cacheControl: 'public, max-age=60',
      });
      const meta = await store.head('m/x.csv');
      if (capabilities.keepsMetadata) {
        expect(meta).toMatchObject({
          contentType: 'text/csv; charset=windows-1252',
          cacheControl: 'public, max-age=60',
        });
      } else {
        expect(meta?.contentType).toBe('text/csv; charset=utf-8');
        expect(meta?.cacheControl).toBeUndefined();
      }
    });

    describe('list', () => {
      // Written out by hand in code point (UTF-8 byte) order: ' ' 0x20 < '.' 0x2E < '/' 0x2F < '0' 0x30 < 'B' 0x42 <
      // 'a' 0x61 < 'z' 0x7A < 'Å' U+00C5 < 'ä' U+00E4 < 'å' U+00E5 < 'ö' U+00F6 < 'ﬁ' U+FB01 < '𝐀' U+1D400.
      const ordered = [
        'p/B',
        'p/a b',
        'p/a.txt',
        'p/a/x',
        'p/a0',
        'p/b/c/d',
        'p/bc',
        'p/z',
        'p/Å',
        'p/ä',
        'p/å',
        'p/ö',
        'p/ﬁ',
        'p/𝐀',
      ];

      beforeEach(async () => {
        // Written in another order, so an adapter that lists in insertion order fails.
        const writeOrder = [
          'p/ö',
          'p/a0',
          'p/𝐀',
          'p/B',
          'p/å',
          'p/a/x',
          'p/z',
          'p/ﬁ',
          'p/a b',
          'p/bc',
          'p/Å',
          'p/b/c/d',
          'p/ä',
          'p/a.txt',
        ];
        expect([...writeOrder].sort()).toEqual([...ordered].sort());
        for (const key of writeOrder) await store.put(key, key);
        await store.put('q/outside', 'q');
      });

      it('yields every key under a prefix in code point order, with sizes', async () => {
        const metas = await collect(() => store.list('p/'));
        expect(metas.map((m) => m.key)).toEqual(ordered);
        expect(metas.map((m) => m.size)).toEqual(ordered.map((k) => utf8.encode(k).length));
        expect(await keysOf(store, '')).toEqual([...ordered, 'q/outside']);
      });

      it('treats the prefix as a string prefix: "a/b" matches "a/bc", "a/b/" does not', async () => {
        expect(await keysOf(store, 'p/a')).toEqual(['p/a b', 'p/a.txt', 'p/a/x', 'p/a0']);
        expect(await keysOf(store, 'p/a/')).toEqual(['p/a/x']);
        expect(await keysOf(store, 'p/b')).toEqual(['p/b/c/d', 'p/bc']);
        expect(await keysOf(store, 'p/b/')).toEqual(['p/b/c/d']);
        expect(await keysOf(store, 'p/b/c/d')).toEqual(['p/b/c/d']);
        expect(await keysOf(store, 'p/b/c/d/')).toEqual([]);
        expect(await keysOf(store, 'p/Å')).toEqual(['p/Å']);
        expect(await keysOf(store, 'nothing/')).toEqual([]);
        expect(await keysOf(store, 'p/c')).toEqual([]);
      });
    });

    it('lists more than 1000 keys completely, in order, without duplicates (S3 pages at 1000)', async () => {
      const keys = Array.from({ length: 1100 }, (_, i) => `many/k${String(i).padStart(4, '0')}`);
      await inParallel(keys, 16, (key) => store.put(key, key.slice(-4)));
      const listed = await keysOf(store, 'many/');
      expect(listed).toHaveLength(1100);
      expect(listed).toEqual(keys);
      expect(await keysOf(store, 'many/k10')).toEqual(keys.slice(1000, 1100));
    });

    it('deletes idempotently, and deleting a prefix deletes nothing', async () => {
      await store.delete('never/was.json');
      await store.put('d/x/y.json', '1');
      await store.put('d/z.json', '2');
      await store.delete('d/x'); // a prefix of a key, not a key
      expect(text(await store.get('d/x/y.json'))).toBe('1');
      await store.delete('d/x/y.json');
      expect(await store.get('d/x/y.json')).toBeNull();
      expect(await store.head('d/x/y.json')).toBeNull();
      expect(await keysOf(store, 'd/')).toEqual(['d/z.json']);
      await store.delete('d/x/y.json');
      // The freed prefix can become a key again.
      await store.put('d/x', 'now a key');
      expect(text(await store.get('d/x'))).toBe('now a key');
    });

    it('streams a 12 MB body in and out (1 MB chunks; several parts on S3)', async () => {
      const expected = createHash('sha256');
      for (const chunk of pseudoRandomChunks(42, 1 << 20, 12)) expected.update(chunk);
      await store.put('big/stream.bin', asAsync(pseudoRandomChunks(42, 1 << 20, 12)));
      expect((await store.head('big/stream.bin'))?.size).toBe(12 << 20);
      const stream = await store.getStream('big/stream.bin');
      const actual = createHash('sha256');
      let size = 0;
      for await (const chunk of stream ?? []) {
        actual.update(chunk);
        size += chunk.length;
      }
      expect(size).toBe(12 << 20);
      expect(actual.digest('hex')).toBe(expected.digest('hex'));
    });

    it('a streaming body that fails half-way rejects with its own error and leaves the old object', async () => {
      await store.put('fail/x.bin', 'old');
      const boom = new Error('renderer failed');
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield* pseudoRandomChunks(7, 1 << 20, 9); // past the first S3 part, so a multipart upload is under way
        throw boom;
      }
      await expect(store.put('fail/x.bin', failing())).rejects.toBe(boom);
      await expect(store.put('fail/new.bin', failing())).rejects.toBe(boom);
      expect(text(await store.get('fail/x.bin'))).toBe('old');
      expect(await store.head('fail/new.bin')).toBeNull();
      expect(await keysOf(store, 'fail/')).toEqual(['fail/x.bin']);
    });

    it('stopping early in getStream leaves the store usable', async () => {
      await store.put('early/x.bin', asAsync(pseudoRandomChunks(3, 1 << 20, 2)));
      for await (const chunk of (await store.getStream('early/x.bin')) ?? []) {
        expect(chunk.length).toBeGreaterThan(0);
        break;
      }
      expect((await store.get('early/x.bin'))?.length).toBe(2 << 20);
    });

    it('concurrent puts to one key leave exactly one complete value', async () => {
      const bodies = Array.from({ length: 6 }, (_, i) => [...pseudoRandomChunks(100 + i, 64 << 10, 4)]);
      const hashes = bodies.map((chunks) => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex'));
      await Promise.all(bodies.map((chunks) => store.put('race/x.bin', asAsync(chunks))));
      const stored = await store.get('race/x.bin');
      expect(stored?.length).toBe(256 << 10);
      expect(hashes).toContain(
        createHash('sha256')
          .update(stored ?? new Uint8Array())
          .digest('hex'),
      );
      expect(await keysOf(store, 'race/')).toEqual(['race/x.bin']);
    });

    // Registered only for stores that honour the conditions (a skipped test would hide nothing but still be noise).
    if (capabilities.conditionalWrites === true)
      describe('conditional puts', () => {
        it('ifNoneMatch "*" creates once; a second create fails and changes nothing', async () => {
          await store.put('lease/a.json', 'first', { ifNoneMatch: '*' });
          const error = await store.put('lease/a.json', 'second', { ifNoneMatch: '*' }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(PreconditionFailedError);
          expect(text(await store.get('lease/a.json'))).toBe('first');
          expect(await keysOf(store, 'lease/')).toEqual(['lease/a.json']);
        });

        it('ifMatch writes only over the object whose etag was read', async () => {
          await store.put('cas/a.json', 'v1');
          const v1 = (await store.head('cas/a.json'))?.etag ?? '';
          await store.put('cas/a.json', 'v2', { ifMatch: v1 });
          const stale = await store.put('cas/a.json', 'v3', { ifMatch: v1 }).catch((e: unknown) => e);
          expect(stale).toBeInstanceOf(PreconditionFailedError);
          expect(text(await store.get('cas/a.json'))).toBe('v2');
          const absent = await store.put('cas/none.json', 'x', { ifMatch: v1 }).catch((e: unknown) => e);
          expect(absent).toBeInstanceOf(PreconditionFailedError);
          expect(await store.head('cas/none.json')).toBeNull();
        });

        it('of 12 racing creates exactly one wins; of 12 racing swaps from one etag exactly one wins', async () => {
          const creates = await Promise.allSettled(
            Array.from({ length: 12 }, (_, i) => store.put('race/lease.json', `holder ${i}`, { ifNoneMatch: '*' })),
          );
          expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          for (const r of creates)
            if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(PreconditionFailedError);
          const etag = (await store.head('race/lease.json'))?.etag ?? '';
          const swaps = await Promise.allSettled(
            Array.from({ length: 12 }, (_, i) => store.put('race/lease.json', `taker ${i}`, { ifMatch: etag })),
          );
          const won = swaps.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
          expect(won).toHaveLength(1);
          expect(text(await store.get('race/lease.json'))).toBe(`taker ${won[0]}`);
          expect(await keysOf(store, 'race/')).toEqual(['race/lease.json']);
        });
      });

    it('rejects invalid keys and prefixes in every operation with InvalidKeyError, before any I/O', async () => {
      const before = ctx.operations?.();
      let pulled = false;
      async function* body(): AsyncGenerator<Uint8Array> {
        pulled = true;
        yield utf8.encode('x');
      }
      for (const key of INVALID_KEYS) {
        const attempts: (() => Promise<unknown>)[] = [
          () => store.get(key),
          () => store.getStream(key),
          () => store.head(key),
          () => store.delete(key),
          () => store.put(key, 'x'),
          () => store.put(key, utf8.encode('x')),
          () => store.put(key, body()),
        ];
        for (const attempt of attempts) {
          const error = await attempt().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, `key ${JSON.stringify(key)}`).toBeInstanceOf(InvalidKeyError);
          expect((error as InvalidKeyError).key).toBe(key);
        }
      }
      for (const prefix of INVALID_PREFIXES) {
        const error = await collect(() => store.list(prefix)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `prefix ${JSON.stringify(prefix)}`).toBeInstanceOf(InvalidKeyError);
      }
      expect(pulled).toBe(false);
      if (before !== undefined) expect(ctx.operations?.()).toBe(before);
      expect(await keysOf(store, '')).toEqual([]);
    });
  });
}
