import { describe, expect, it } from 'vitest';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { withdrawParagraph } from '../../functions/pipeline/review/review-decisions.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import { readManifest } from '../../functions/published/public-store.ts';
import { storeHits, publicPaths } from '../support/erasure-attack.ts';
import { MemoryCdn } from '../support/memory-cdn.ts';
import { RecordingStore } from '../support/recording-store.ts';
import { checkTree, ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';

/**
 * An erasure interrupted at every single write or delete in turn: each time every manifest under public/ (the
 * current one and every snapshot) still verifies, and the next, undisturbed publish erases the § completely.
 */
const PLANT = 'Tapirbackens reningsverk';

async function withdrawn(store: BlobStore) {
  const clock = newClock();
  const p = (extra: string) =>
    protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [
      { title: 'Budget 2027', text: `§ 1\nBudget 2027${extra}` },
      { title: `Yttrande om ${PLANT}`, text: `§ 2\nYttrande om ${PLANT}` },
    ]);
  const first = p('');
  await ingest(store, first, clock);
  await publish(store, clock);
  await withdrawParagraph({ store, clock }, { paragraphId: first.paragraphs[1]!.id, reason: 'fel', by: 'registrator' });
  return clock;
}

async function problems(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for (const path of (await publicPaths(store)).filter((p) => p.endsWith('manifest.json') && !p.startsWith('units/'))) {
    out.push(...(await checkTree(store, (await readManifest(store, path))!)).problems.map((p) => `${path}: ${p}`));
  }
  return out;
}

describe('erasure: a crash at any write or delete leaves every manifest consistent; a retry completes', () => {
  it('fails at every store write and delete of the erasing publish in turn', async () => {
    const twin = memoryStore();
    const twinClock = await withdrawn(twin);
    // Each run starts from a copy of the store as it is before the erasing publish.
    const start = new Map<string, Uint8Array>();
    for await (const meta of twin.list('')) start.set(meta.key, (await twin.get(meta.key))!);
    const at = twinClock.now();
    // The publish lease's own writes (locks/) are left alone: this test is about the erasure's writes.
    const recording = new RecordingStore(twin);
    await publish(recording, twinClock);
    const ops = [...recording.puts, ...recording.deletes].filter(
      (k) => !k.startsWith('pending/') && !k.startsWith('locks/'),
    ).length;
    expect(ops).toBeGreaterThan(30);

    for (let failAt = 1; failAt <= ops; failAt++) {
      let count = 0;
      let armed = false;
      const store = memoryStore(
        (op, key) =>
          armed &&
          (op === 'put' || op === 'delete') &&
          !key.startsWith('pending/') &&
          !key.startsWith('locks/') &&
          ++count === failAt,
      );
      for (const [key, bytes] of start) await store.put(key, bytes);
      const clock = newClock(at.toISOString());
      armed = true;
      await expect(publish(store, clock), `failing op ${failAt}`).rejects.toBeInstanceOf(StoreError);
      armed = false;
      expect(await problems(store), `after failing op ${failAt}`).toEqual([]);
      const cdn = new MemoryCdn();
      await publish(store, clock, {}, cdn);
      expect(await storeHits(store, 'public/', [PLANT]), `retry after op ${failAt}`).toEqual([]);
      expect(await problems(store)).toEqual([]);
      expect(await store.list('erasures/')[Symbol.asyncIterator]().next()).toMatchObject({ done: true });
    }
  });

  it('erases even when an old snapshot manifest is corrupt (it is skipped, not a reason to stop)', async () => {
    const store = memoryStore();
    const clock = await withdrawn(store);
    const [old] = (await publicPaths(store)).filter((p) => p.startsWith('snapshots/'));
    await store.put(`public/${old}`, new TextEncoder().encode('{ not json'));
    const summary = await publish(store, clock);
    expect(summary.erasure.paragraphs).toBe(1);
    expect(await storeHits(store, 'public/', [PLANT])).toEqual([]);
  });
});
