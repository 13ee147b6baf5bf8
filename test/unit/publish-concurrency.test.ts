import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import {
  PreconditionFailedError,
  type BlobBody,
  type BlobStore,
  type PutOptions,
} from '../../functions/ports/blob-store.ts';
import {
  acquirePublishLease,
  DEFAULT_LEASE_MS,
  PublishLeaseHeldError,
  PublishLeaseLostError,
} from '../../functions/pipeline/publish/lease.ts';
import { publishDatasets } from '../../functions/pipeline/publish-datasets.ts';
import {
  checkTree,
  currentManifest,
  ingest,
  memoryStore,
  newClock,
  protocol,
  publishOptions,
  type TestClock,
} from './publish-support.ts';

/**
 * Two publishers on one store (issue 14: both claimed the same sequence, a meeting vanished from the published data
 * and its pending marker was deleted, so a re-run found "nothing to publish"). Whatever the interleaving, a second
 * publisher must fail before it writes anything shared, a publisher that lost its lease must not switch or delete a
 * marker, and a final publish must show every meeting. Memory and filesystem stores honour conditional writes; the
 * S3 test server does not (real S3 does), so the lease is tested here.
 */
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function fsStore(): Promise<BlobStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paragraf-publish-race-'));
  cleanup = () => rm(dir, { recursive: true, force: true });
  return new FsBlobStore(dir);
}

const stores: Array<[string, () => Promise<BlobStore>]> = [
  ['memory', async () => memoryStore()],
  ['filesystem', fsStore],
];

/** Passes everything through, but stops before the first put matching `at` until `resume()` is called. */
class PausingStore implements BlobStore {
  #gate: { at: (key: string) => boolean; reached: () => void; go: Promise<void> } | undefined;
  constructor(readonly inner: BlobStore) {}
  pauseBefore(at: (key: string) => boolean): { reached: Promise<void>; resume: () => void } {
    let reached!: () => void;
    let resume!: () => void;
    const reachedPromise = new Promise<void>((r) => (reached = r));
    const go = new Promise<void>((r) => (resume = r));
    this.#gate = { at, reached, go };
    return { reached: reachedPromise, resume };
  }
  get = (key: string) => this.inner.get(key);
  getStream = (key: string) => this.inner.getStream(key);
  head = (key: string) => this.inner.head(key);
  list = (prefix: string) => this.inner.list(prefix);
  delete = (key: string) => this.inner.delete(key);
  async put(key: string, body: BlobBody, options?: PutOptions): Promise<void> {
    const gate = this.#gate;
    if (gate?.at(key)) {
      this.#gate = undefined;
      gate.reached();
      await gate.go;
    }
    return this.inner.put(key, body, options);
  }
}

async function pendingKeys(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const meta of store.list('pending/')) keys.push(meta.key);
  return keys;
}

const publishAt = (store: BlobStore, clock: TestClock) => publishDatasets({ store, clock }, publishOptions());

async function expectEverythingPublished(
  store: BlobStore,
  clock: TestClock,
  meetings: readonly string[],
): Promise<void> {
  await publishAt(store, clock);
  const manifest = await currentManifest(store);
  expect((await checkTree(store, manifest)).problems).toEqual([]);
  expect(manifest.totals.meetings).toBe(meetings.length);
  expect(Object.keys(manifest.municipalities).sort()).toEqual(
    [...new Set(meetings.map((m) => m.split('/')[0]))].sort(),
  );
  expect(await pendingKeys(store)).toEqual([]);
}

describe.each(stores)('two publishes on one %s store', (_name, makeStore) => {
  it('started at once: one publishes, the other fails before writing anything, and nothing is lost', async () => {
    const store = await makeStore();
    const clock = newClock();
    await ingest(store, protocol('Alingsås', 'Kommunstyrelsen', '2026-03-02'), clock);
    await ingest(store, protocol('Borås', 'Kommunfullmäktige', '2026-03-05'), clock);
    const results = await Promise.allSettled([publishAt(store, clock), publishAt(store, clock)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toBeInstanceOf(PublishLeaseHeldError);
    expect((await currentManifest(store)).sequence).toBe(1);
    await expectEverythingPublished(store, clock, ['alingsas/x', 'boras/x']);
  });

  it('a publisher that outlived its lease stops before its switch and keeps its markers', async () => {
    const inner = await makeStore();
    const store = new PausingStore(inner);
    const clock = newClock();
    await ingest(store, protocol('Alingsås', 'Kommunstyrelsen', '2026-03-02'), clock);
    await publishAt(store, clock);
    await ingest(store, protocol('Alingsås', 'Kommunstyrelsen', '2026-03-16'), clock);
    // A stops just before renewing its lease for the switch (the first lease write after its data files) …
    let wroteData = false;
    const gate = store.pauseBefore((key) => {
      if (key.startsWith('public/')) wroteData = true;
      return wroteData && key === 'locks/publish.json';
    });
    const a = publishAt(store, clock).then(
      () => 'published',
      (e: unknown) => e,
    );
    await gate.reached;
    // … for longer than the lease: B takes the expired lease over with another meeting, and publishes.
    clock.advance(DEFAULT_LEASE_MS + 1000);
    await ingest(inner, protocol('Borås', 'Kommunfullmäktige', '2026-03-05'), clock);
    await publishAt(inner, clock);
    const published = await currentManifest(inner);
    gate.resume();
    expect(await a).toBeInstanceOf(PublishLeaseLostError);
    expect(await currentManifest(inner)).toEqual(published);
    await expectEverythingPublished(inner, clock, ['alingsas/a', 'alingsas/b', 'boras/c']);
  });

  it('a switch that races another run fails on the manifest it started from, and keeps its markers', async () => {
    const inner = await makeStore();
    const store = new PausingStore(inner);
    const clock = newClock();
    await ingest(store, protocol('Alingsås', 'Kommunstyrelsen', '2026-03-02'), clock);
    await publishAt(store, clock);
    await ingest(store, protocol('Alingsås', 'Kommunstyrelsen', '2026-03-16'), clock);
    // A has renewed its lease and stops just before writing manifest.json; B then runs as if A's lease had lapsed
    // (a lease is only as good as the clocks: the conditional switch is what makes a late run harmless).
    const gate = store.pauseBefore((key) => key === 'public/manifest.json');
    const a = publishAt(store, clock).then(
      () => 'published',
      (e: unknown) => e,
    );
    await gate.reached;
    await ingest(inner, protocol('Borås', 'Kommunfullmäktige', '2026-03-05'), clock);
    const stolen = newClock(new Date(clock.now().getTime() + DEFAULT_LEASE_MS + 1000).toISOString());
    await publishDatasets({ store: inner, clock: stolen }, publishOptions());
    const published = await currentManifest(inner);
    gate.resume();
    expect(await a).toBeInstanceOf(PreconditionFailedError);
    expect(await currentManifest(inner)).toEqual(published);
    stolen.advance(DEFAULT_LEASE_MS + 1000);
    await expectEverythingPublished(inner, stolen, ['alingsas/a', 'alingsas/b', 'boras/c']);
  });
});

describe('the publish lease', () => {
  it('is refused while held, free after release, and taken over once expired', async () => {
    const store = memoryStore();
    const clock = newClock();
    const first = await acquirePublishLease(store, clock, { holder: 'first' });
    await expect(acquirePublishLease(store, clock, { holder: 'second' })).rejects.toMatchObject({
      name: 'PublishLeaseHeldError',
      holder: 'first',
    });
    await first.release();
    const second = await acquirePublishLease(store, clock, { holder: 'second' });
    clock.advance(DEFAULT_LEASE_MS + 1);
    const third = await acquirePublishLease(store, clock, { holder: 'third' });
    await expect(second.renew()).rejects.toBeInstanceOf(PublishLeaseLostError);
    await second.release(); // no effect: it is third's now
    await expect(acquirePublishLease(store, clock, { holder: 'fourth' })).rejects.toMatchObject({ holder: 'third' });
    await third.renew();
  });

  it('of 8 racing takeovers of an expired lease exactly one wins', async () => {
    const store = memoryStore();
    const clock = newClock();
    await acquirePublishLease(store, clock, { holder: 'dead' });
    clock.advance(DEFAULT_LEASE_MS + 1);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquirePublishLease(store, clock, { holder: `h${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
