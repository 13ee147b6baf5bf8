import { describe, expect, it } from 'vitest';
import { readChangesSince, readChunk } from '../../functions/published/change-feed.ts';
import type { ChangeEvent } from '../../functions/published/manifest.ts';
import { currentManifest, ingest, memoryStore, newClock, protocol, publicTexts, publish } from './publish-support.ts';

const KS = 'testby-kommunstyrelsen-2026-03-02';

/** The change feed: added, changed and withdrawn §, with tombstones, in order, readable "since T". */
describe('publish: change feed', () => {
  async function history() {
    const store = memoryStore();
    const clock = newClock('2026-03-05T08:00:00Z');
    // 1. A new protocol: three § added.
    await ingest(
      store,
      protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}, { title: 'Detaljplan Ekbacken' }]),
      clock,
    );
    await publish(store, clock);
    const t2 = clock.now().toISOString();
    // 2. A corrected protocol: § 1 unchanged, § 2 has a new decision, § 3 is gone (printed in error).
    await ingest(
      store,
      protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, { decision: 'Återremitteras.' }]),
      clock,
    );
    await publish(store, clock);
    const t3 = clock.now().toISOString();
    // 3. Re-ingested with a personnummer in § 1: the gate now holds it, so it is withdrawn.
    await ingest(
      store,
      protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [
        { text: 'Sökande 701063-2391' },
        { decision: 'Återremitteras.' },
      ]),
      clock,
    );
    await publish(store, clock);
    const manifest = await currentManifest(store);
    const events: ChangeEvent[] = [];
    for (const chunk of manifest.changes.chunks) events.push(...(await readChunk(store, chunk)));
    return { store, manifest, events, t2, t3 };
  }

  it('records every addition, change and withdrawal once, numbered and dated by the publish that saw it', async () => {
    const { events } = await history();
    expect(events.map(({ seq, type, id, reason }) => ({ seq, type, id, ...(reason ? { reason } : {}) }))).toEqual([
      { seq: 1, type: 'added', id: `${KS}-1` },
      { seq: 2, type: 'added', id: `${KS}-2` },
      { seq: 3, type: 'added', id: `${KS}-3` },
      { seq: 4, type: 'changed', id: `${KS}-2` },
      { seq: 5, type: 'withdrawn', id: `${KS}-3`, reason: 'removed' },
      { seq: 6, type: 'withdrawn', id: `${KS}-1`, reason: 'held' },
    ]);
    expect(new Set(events.slice(0, 3).map((e) => e.time)).size).toBe(1);
    expect(events[3]!.time < events[5]!.time).toBe(true);
    expect(events.every((e) => e.meetingId === KS && e.unit === 'testby/kommunstyrelsen/2026')).toBe(true);
  });

  it('writes tombstones with the id and the reason only, never the text', async () => {
    const { events, store } = await history();
    const tombstones = events.filter((e) => e.type === 'withdrawn');
    for (const t of tombstones)
      expect(Object.keys(t).sort()).toEqual(['id', 'meetingId', 'reason', 'seq', 'time', 'type', 'unit']);
    for (const [key, text] of await publicTexts(store)) expect(text.includes('701063-2391'), key).toBe(false);
  });

  it('answers "since T" and "after seq N" from the chunks that can hold them', async () => {
    const { store, manifest, t2, t3 } = await history();
    expect((await readChangesSince(store, manifest.changes, { time: t2 })).map((e) => e.seq)).toEqual([4, 5, 6]);
    expect((await readChangesSince(store, manifest.changes, { time: t3 })).map((e) => e.seq)).toEqual([6]);
    expect((await readChangesSince(store, manifest.changes, { seq: 4 })).map((e) => e.seq)).toEqual([5, 6]);
    expect(await readChangesSince(store, manifest.changes, { seq: 6 })).toEqual([]);
  });

  it('seals full chunks and starts new ones; appending rewrites only the open chunk', async () => {
    const store = memoryStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}, {}]), clock);
    await publish(store, clock, { chunkSize: 2 });
    let m = await currentManifest(store);
    expect(m.changes.chunks.map((c) => [c.number, c.count, c.first.seq, c.last.seq])).toEqual([
      [1, 2, 1, 2],
      [2, 1, 3, 3],
    ]);
    const sealed = m.changes.chunks[0]!;
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-04-13', [{}, {}]), clock);
    await publish(store, clock, { chunkSize: 2 });
    m = await currentManifest(store);
    expect(m.changes.chunks.map((c) => [c.number, c.count, c.first.seq, c.last.seq])).toEqual([
      [1, 2, 1, 2],
      [2, 2, 3, 4],
      [3, 1, 5, 5],
    ]);
    expect(m.changes.chunks[0]).toEqual(sealed);
  });

  it('withdraws every § of a unit whose records are all gone (full publish)', async () => {
    const store = memoryStore();
    const clock = newClock();
    const { recordKey } = await ingest(store, protocol('Testby', 'Valnämnden', '2026-03-02', [{}, {}]), clock);
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}]), clock);
    await publish(store, clock);
    await store.delete(recordKey);
    const summary = await publish(store, clock, { full: true });
    expect(summary).toMatchObject({ units: { removed: 1 }, events: { withdrawn: 2, added: 0, changed: 0 } });
    const m = await currentManifest(store);
    const last = await readChangesSince(store, m.changes, { seq: 3 });
    expect(last.map((e) => [e.type, e.id, e.reason])).toEqual([
      ['withdrawn', 'testby-valnamnden-2026-03-02-1', 'meeting-removed'],
      ['withdrawn', 'testby-valnamnden-2026-03-02-2', 'meeting-removed'],
    ]);
    expect(m.totals).toMatchObject({ units: 1, meetings: 1, paragraphs: 1 });
  });

  it('rebuilds everything when the base URL changes: every permalink changed, every § reported as changed', async () => {
    const store = memoryStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}]), clock);
    await ingest(store, protocol('Annaby', 'Kommunstyrelsen', '2026-03-02', [{}]), clock);
    await publish(store, clock);
    const summary = await publish(store, clock, { baseUrl: 'https://ny.example.se' });
    expect(summary).toMatchObject({
      full: true,
      changed: true,
      units: { rebuilt: 2 },
      events: { changed: 3, added: 0, withdrawn: 0 },
    });
    const m = await currentManifest(store);
    expect(m.baseUrl).toBe('https://ny.example.se');
    const texts = await publicTexts(store);
    const ndjson = texts.filter(
      ([k]) => m.municipalities.testby && k.endsWith('paragraphs.ndjson') && k.includes('/units/testby/'),
    );
    expect(
      ndjson.some(([, t]) => t.includes('"permalink":"https://ny.example.se/p/testby-kommunstyrelsen-2026-03-02-1"')),
    ).toBe(true);
  });
});
