import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { blobStoreContract, collect, INVALID_KEYS, pseudoRandomChunks } from './blob-store.contract.ts';

const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

blobStoreContract(
  'filesystem',
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paragraf-fs-contract-'));
    return {
      store: new FsBlobStore(path.join(dir, 'store')),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { keepsMetadata: false, conditionalWrites: true },
);

describe('FsBlobStore on disk', () => {
  let dir: string;
  let root: string;
  let outside: string;
  let store: FsBlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'paragraf-fs-'));
    root = path.join(dir, 'store');
    outside = path.join(dir, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    store = new FsBlobStore(root);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('maps a key to the file of the same relative path, holding exactly the bytes', async () => {
    await store.put('records/håbo/2024/kf-1.json', '{"§":1}');
    expect(await readFile(path.join(root, 'records', 'håbo', '2024', 'kf-1.json'), 'utf8')).toBe('{"§":1}');
  });

  it('creates a missing root on first use and works through a root that is itself a link', async () => {
    await symlink(root, path.join(dir, 'root-link'));
    const viaLink = new FsBlobStore(path.join(dir, 'root-link', 'nested'));
    await viaLink.put('a.txt', 'ok');
    expect(await readFile(path.join(root, 'nested', 'a.txt'), 'utf8')).toBe('ok');
  });

  describe('a symbolic link inside root pointing outside', () => {
    beforeEach(async () => {
      await symlink(path.join(outside, 'secret.txt'), path.join(root, 'file-link'));
      await symlink(outside, path.join(root, 'dir-link'));
    });

    it('cannot be read through', async () => {
      for (const key of ['file-link', 'dir-link/secret.txt']) {
        await expect(store.get(key)).rejects.toBeInstanceOf(StoreError);
        await expect(store.getStream(key)).rejects.toBeInstanceOf(StoreError);
        await expect(store.head(key)).rejects.toBeInstanceOf(StoreError);
      }
      await expect(collect(() => store.list('dir-link/'))).rejects.toBeInstanceOf(StoreError);
    });

    it('is not listed', async () => {
      await store.put('real.txt', 'r');
      expect((await collect(() => store.list(''))).map((m) => m.key)).toEqual(['real.txt']);
    });

    it('cannot be written or deleted through', async () => {
      await expect(store.put('dir-link/new.txt', 'x')).rejects.toBeInstanceOf(StoreError);
      await expect(store.put('dir-link/sub/new.txt', 'x')).rejects.toBeInstanceOf(StoreError);
      await expect(store.delete('dir-link/secret.txt')).rejects.toBeInstanceOf(StoreError);
      expect(await readdir(outside)).toEqual(['secret.txt']);
      // Putting the link's own key replaces the link (rename does not follow it); the target is untouched.
      await store.put('file-link', 'mine');
      expect(text(await store.get('file-link'))).toBe('mine');
      expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    });

    it('is refused even when it points back inside root', async () => {
      await store.put('real/x.txt', 'x');
      await symlink(path.join(root, 'real'), path.join(root, 'alias'));
      await expect(store.get('alias/x.txt')).rejects.toThrow(/symbolic link/);
    });
  });

  it('never touches the disk for invalid keys (nothing created, not even the root)', async () => {
    const fresh = new FsBlobStore(path.join(dir, 'fresh'));
    for (const key of INVALID_KEYS) {
      await expect(fresh.put(key, 'x')).rejects.toThrow();
      await expect(fresh.get(key)).rejects.toThrow();
      await expect(fresh.delete(key)).rejects.toThrow();
    }
    expect((await readdir(dir)).sort()).toEqual(['outside', 'store']);
  });

  it('skips temp files and foreign names that are not valid keys', async () => {
    await store.put('t/a.json', '{}');
    await writeFile(path.join(root, 't', '.#tmp-0123456789abcdef'), 'half');
    await writeFile(path.join(root, 't', 'x:y'), 'foreign');
    await writeFile(path.join(root, 't', 'Ha\u030Abo.txt'), 'decomposed å');
    expect((await collect(() => store.list('t/'))).map((m) => m.key)).toEqual(['t/a.json']);
  });

  it('leaves no temp file behind when a streaming body fails', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1000);
      throw new Error('stop');
    }
    await store.put('f/x.bin', 'old');
    await expect(store.put('f/x.bin', failing())).rejects.toThrow('stop');
    expect(await readdir(path.join(root, 'f'))).toEqual(['x.bin']);
  });

  it('never shows a reader half a file while slow writers race on one key', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => [...pseudoRandomChunks(i + 1, 32 << 10, 8)]);
    const complete = new Set(bodies.map((chunks) => Buffer.concat(chunks).toString('base64')));
    // The writers hold back their last chunk until the reader has read several times, so the race is exercised
    // however busy the machine is (no outcome depends on speed).
    let enoughReads = (): void => {};
    const readsSeen = new Promise<void>((resolve) => {
      enoughReads = resolve;
    });
    async function* slowly(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
      for (const [i, chunk] of chunks.entries()) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
        if (i === chunks.length - 1) await readsSeen;
        yield chunk;
      }
    }
    await store.put('race/x.bin', asBytes(bodies[0]));
    let writing = true;
    const reads: string[] = [];
    const reader = (async () => {
      while (writing) {
        reads.push(Buffer.from((await store.get('race/x.bin')) ?? []).toString('base64'));
        if (reads.length > 5) enoughReads();
      }
    })();
    await Promise.all(bodies.map((chunks) => store.put('race/x.bin', slowly(chunks))));
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(5);
    for (const read of reads) expect(complete.has(read)).toBe(true);
    expect(complete.has(Buffer.from((await store.get('race/x.bin')) ?? []).toString('base64'))).toBe(true);
    expect(await readdir(path.join(root, 'race'))).toEqual(['x.bin']);
  });

  it('refuses a key that is also a prefix (a file cannot be a directory) without damage', async () => {
    await store.put('k/a', 'object');
    await expect(store.put('k/a/b', 'below')).rejects.toThrow(/is an object, not a prefix/);
    await store.put('k/c/d', 'below');
    await expect(store.put('k/c', 'object')).rejects.toThrow(/prefix of other keys/);
    expect((await collect(() => store.list('k/'))).map((m) => m.key)).toEqual(['k/a', 'k/c/d']);
    expect(await readdir(path.join(root, 'k', 'c'))).toEqual(['d']);
  });

  it('removes directories left empty by a delete, up to the root', async () => {
    await store.put('a/b/c/one.json', '1');
    await store.put('a/two.json', '2');
    await store.delete('a/b/c/one.json');
    expect(await readdir(path.join(root, 'a'))).toEqual(['two.json']);
    await store.delete('a/two.json');
    expect(await readdir(root)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['outside', 'store']); // the root itself stays
  });
});

function asBytes(chunks: Uint8Array[] | undefined): Uint8Array {
  return Buffer.concat(chunks ?? []);
}
