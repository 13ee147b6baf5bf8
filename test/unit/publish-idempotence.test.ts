import { describe, expect, it } from 'vitest';
import type { PendingMarker } from '../../functions/store/meeting-record.ts';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { currentManifest, ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

/** Every publish takes, renews and releases the store's lease (locks/publish.json); these tests are about the rest. */
const withoutLease = (keys: readonly string[]): string[] => keys.filter((k) => !k.startsWith('locks/'));

describe('publish: idempotence and the pending markers', () => {
  it('writes nothing the second time: no file, no snapshot, same sequence', async () => {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02'), clock);
    const first = await publish(store, clock);
    expect(first).toMatchObject({ changed: true, sequence: 1, snapshot: '2026-11-27' });
    store.reset();
    const second = await publish(store, clock);
    expect(second).toMatchObject({ changed: false, sequence: 1, puts: 0, deletes: 0 });
    expect(second.snapshot).toBeUndefined();
    expect(withoutLease(store.puts)).toEqual([]);
    expect(store.deletes).toEqual([]);
  });

  it('rebuilds a unit whose marker names an unchanged record to the same folder, and writes nothing but the marker deletion', async () => {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    const { record, recordKey } = await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02'), clock);
    await publish(store, clock);
    // A repeated notification, e.g. an ingest retry that found the record unchanged and left a marker again.
    const marker: PendingMarker = {
      schemaVersion: 1,
      meetingId: record.meetingId,
      municipalitySlug: 'testby',
      recordKey,
      sha256: record.ingest.sha256,
      version: 1,
      change: 'ingested',
      at: clock.now().toISOString(),
    };
    await store.put(
      'pending/20261127T100500000Z-testby-kommunstyrelsen-2026-03-02-aaaaaaaa.json',
      JSON.stringify(marker),
    );
    store.reset();
    const summary = await publish(store, clock);
    expect(summary).toMatchObject({ changed: false, units: { touched: 1, rebuilt: 0 }, markers: { handled: 1 } });
    expect(withoutLease(store.puts)).toEqual([]);
    expect(store.deletes).toHaveLength(1);
    expect((await currentManifest(store)).snapshot).toBe('2026-11-27');
  });

  it('keeps a marker whose record is not written yet (ingest has not reached its commit point), drops it when abandoned', async () => {
    const store = memoryStore();
    const clock = newClock();
    const p = protocol('Testby', 'Kommunstyrelsen', '2026-03-02');
    const { record, recordKey } = await ingest(store, p, clock);
    await publish(store, clock);
    const key = 'pending/20261127T110000000Z-testby-kommunstyrelsen-2026-03-02-bbbbbbbb.json';
    const marker: PendingMarker = {
      schemaVersion: 1,
      meetingId: record.meetingId,
      municipalitySlug: 'testby',
      recordKey,
      sha256: 'b'.repeat(64),
      version: 2,
      change: 'replaced',
      at: clock.now().toISOString(),
    };
    await store.put(key, JSON.stringify(marker));
    expect((await publish(store, clock)).markers).toEqual({ handled: 0, kept: 1, invalid: 0 });
    expect(await store.head(key)).not.toBeNull();
    clock.advance(25 * 60 * 60 * 1000);
    expect((await publish(store, clock)).markers).toEqual({ handled: 1, kept: 0, invalid: 0 });
    expect(await store.head(key)).toBeNull();
  });

  it('deletes markers it cannot act on and never reads outside records/ because of one', async () => {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    await store.put('pending/x-not-json.json', '{');
    await store.put(
      'pending/x-escape.json',
      JSON.stringify({
        schemaVersion: 1,
        meetingId: 'a',
        recordKey: 'review/a/a-1.json',
        sha256: 'c'.repeat(64),
        version: 1,
        at: clock.now().toISOString(),
      }),
    );
    const summary = await publish(store, clock);
    expect(summary.markers).toEqual({ handled: 0, kept: 0, invalid: 2 });
    expect(store.gets.filter((k) => k.startsWith('review/'))).toEqual([]);
    expect(store.deletes.sort()).toEqual(['pending/x-escape.json', 'pending/x-not-json.json']);
  });

  it('leaves the markers when their deletion fails after the switch; the next run handles them and writes nothing else', async () => {
    let failDeletes = true;
    const inner = memoryStore((op) => failDeletes && op === 'delete');
    const store = new RecordingStore(inner);
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02'), clock);
    await expect(publish(store, clock)).rejects.toBeInstanceOf(StoreError);
    expect((await currentManifest(store)).totals.meetings).toBe(1);
    failDeletes = false;
    store.reset();
    expect(await publish(store, clock)).toMatchObject({ changed: false, markers: { handled: 1 } });
    expect(withoutLease(store.puts)).toEqual([]);
  });

  it('names snapshots by day, with -2, -3 … for later publishes the same day', async () => {
    const store = memoryStore();
    const clock = newClock('2026-11-27T08:00:00Z');
    const snapshots: string[] = [];
    for (const date of ['2026-03-02', '2026-04-13', '2026-05-11']) {
      await ingest(store, protocol('Testby', 'Kommunstyrelsen', date), clock);
      snapshots.push((await publish(store, clock)).snapshot!);
    }
    clock.set('2026-11-28T08:00:00Z');
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-06-08'), clock);
    snapshots.push((await publish(store, clock)).snapshot!);
    expect(snapshots).toEqual(['2026-11-27', '2026-11-27-2', '2026-11-27-3', '2026-11-28']);
    const m = await currentManifest(store);
    expect(m.previousSnapshot).toBe('2026-11-27-3');
    const first = JSON.parse(new TextDecoder().decode((await store.get('public/snapshots/2026-11-27/manifest.json'))!));
    expect(first.totals.meetings).toBe(1);
  });
});
