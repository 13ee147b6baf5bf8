import { describe, expect, it } from 'vitest';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { checkTree, currentManifest, ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

/**
 * Atomic publish: the store fails the n-th write of a publish, for every n. Each time the previous manifest must be
 * the current one, byte for byte, and still consistent (every file it lists present with the listed size and SHA-256);
 * the next, undisturbed run must then publish exactly what a run without the crash would have.
 */
describe('publish: a crash in the middle leaves the previous version intact', () => {
  it('fails at every write in turn; the old manifest stays and stays consistent; a retry completes', async () => {
    // How many writes does the second publish make? Count them on an undisturbed twin.
    const twin = await twoVersions(memoryStore());
    const recording = new RecordingStore(twin.store);
    await publish(recording, twin.clock);
    const writes = recording.puts.filter((k) => k.startsWith('public/')).length;
    expect(writes).toBeGreaterThan(10);

    for (let failAt = 1; failAt <= writes; failAt++) {
      let count = 0;
      let armed = false;
      const { store, clock } = await twoVersions(
        memoryStore((op, key) => armed && op === 'put' && key.startsWith('public/') && ++count === failAt),
      );
      const before = await store.get('public/manifest.json');
      armed = true;
      await expect(publish(store, clock), `failing write ${failAt}`).rejects.toBeInstanceOf(StoreError);
      armed = false;
      expect(new TextDecoder().decode((await store.get('public/manifest.json'))!)).toBe(
        new TextDecoder().decode(before!),
      );
      const old = await currentManifest(store);
      expect((await checkTree(store, old)).problems, `after failing write ${failAt}`).toEqual([]);
      expect(old.totals.meetings).toBe(1);

      const retry = await publish(store, clock);
      expect(retry.changed).toBe(true);
      const now = await currentManifest(store);
      expect(now.totals.meetings).toBe(2);
      expect(now.sequence).toBe(2);
      expect((await checkTree(store, now)).problems).toEqual([]);
      expect(now.changes.lastSeq).toBe(3 + 2); // three § of the first meeting, two of the second: no event twice
      expect(await store.list('pending/')[Symbol.asyncIterator]().next()).toMatchObject({ done: true });
    }
  });

  it('never overwrites a snapshot left by a run that crashed before its switch', async () => {
    let armed = false;
    const { store, clock } = await twoVersions(
      memoryStore((op, key) => armed && op === 'put' && key === 'public/manifest.json'),
    );
    armed = true;
    await expect(publish(store, clock)).rejects.toBeInstanceOf(StoreError);
    armed = false;
    const orphan = await store.get('public/snapshots/2026-11-27-2/manifest.json');
    expect(orphan).not.toBeNull();
    await publish(store, clock);
    expect((await currentManifest(store)).snapshot).toBe('2026-11-27-3');
    expect(await store.get('public/snapshots/2026-11-27-2/manifest.json')).toEqual(orphan);
  });
});

/** A store with one meeting published, and a second meeting ingested but not yet published. */
async function twoVersions(store: ReturnType<typeof memoryStore>) {
  const clock = newClock();
  await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}, {}]), clock);
  await publish(store, clock, { autoDumpParagraphs: 100 });
  await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-04-13', [{}, {}]), clock);
  return { store, clock };
}
