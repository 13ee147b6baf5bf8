import { describe, expect, it } from 'vitest';
import { MemoryBlobStore, type MemoryStoreOp } from '../../functions/adapters/memory-blob-store.ts';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { blobStoreContract, collect } from './blob-store.contract.ts';

blobStoreContract(
  'memory',
  async () => {
    // failOn is consulted once per operation that passed key validation: a faithful I/O counter.
    let operations = 0;
    const store = new MemoryBlobStore({
      failOn: () => {
        operations++;
        return false;
      },
    });
    return { store, cleanup: async () => undefined, operations: () => operations };
  },
  { keepsMetadata: true, conditionalWrites: true },
);

describe('MemoryBlobStore failure injection', () => {
  it('fails exactly the chosen operation with a StoreError and leaves the store unchanged', async () => {
    const calls: [MemoryStoreOp, string][] = [];
    let failing: [MemoryStoreOp, string] | undefined;
    const store = new MemoryBlobStore({
      failOn: (op, key) => {
        calls.push([op, key]);
        return failing !== undefined && failing[0] === op && failing[1] === key;
      },
    });
    await store.put('public/a.json', '1');
    await store.put('public/b.json', '2');

    // A publish that dies at its second write: the first write stays, the second never happens.
    failing = ['put', 'public/b.json'];
    await store.put('public/a.json', 'new 1');
    await expect(store.put('public/b.json', 'new 2')).rejects.toBeInstanceOf(StoreError);
    expect(new TextDecoder().decode((await store.get('public/a.json'))!)).toBe('new 1');
    expect(new TextDecoder().decode((await store.get('public/b.json'))!)).toBe('2');

    failing = ['get', 'public/a.json'];
    await expect(store.get('public/a.json')).rejects.toThrow(/injected failure: get "public\/a.json"/);
    await expect(store.getStream('public/a.json')).rejects.toBeInstanceOf(StoreError);
    failing = ['head', 'public/a.json'];
    await expect(store.head('public/a.json')).rejects.toBeInstanceOf(StoreError);
    failing = ['delete', 'public/a.json'];
    await expect(store.delete('public/a.json')).rejects.toBeInstanceOf(StoreError);
    expect(await store.head('public/b.json')).not.toBeNull();
    failing = ['list', 'public/'];
    await expect(collect(() => store.list('public/'))).rejects.toBeInstanceOf(StoreError);
    failing = undefined;
    expect((await collect(() => store.list('public/'))).map((m) => m.key)).toEqual(['public/a.json', 'public/b.json']);

    expect(calls.slice(0, 3)).toEqual([
      ['put', 'public/a.json'],
      ['put', 'public/b.json'],
      ['put', 'public/a.json'],
    ]);
  });

  it('does not consume a streaming body when the put is made to fail', async () => {
    let pulled = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      pulled = true;
      yield new Uint8Array([1]);
    }
    const store = new MemoryBlobStore({ failOn: (op) => op === 'put' });
    await expect(store.put('x', body())).rejects.toBeInstanceOf(StoreError);
    expect(pulled).toBe(false);
  });
});
