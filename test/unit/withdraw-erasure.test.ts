/**
 * Issue 12 part 4, end to end in process: a protocol is ingested (the real extractor, parser and privacy gate) and
 * published several times (several snapshots, dumps, feed chunks, unit versions); one § with a planted string is
 * withdrawn; the next publish must leave no byte under public/ and no API answer (every route, every format, pages,
 * /datasets files, old URLs an attacker saved) that holds the planted string or the § hash that would confirm a
 * guess, while every manifest and snapshot still verifies. Also: a corrected protocol that the gate holds, and a
 * re-ingest of the original protocol after a withdrawal.
 */
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { PublishedReadModel } from '../../functions/api/read-model/published-read-model.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { publishDatasets } from '../../functions/pipeline/publish-datasets.ts';
import { withdrawParagraph } from '../../functions/pipeline/review/review-decisions.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import type { ChangeEvent, PublicManifest } from '../../functions/published/manifest.ts';
import { readChangesSince } from '../../functions/published/change-feed.ts';
import { readManifest, readMunicipalityIndex, readUnitManifest } from '../../functions/published/public-store.ts';
import { PARTITION_FILES } from '../../functions/published/unit-files.ts';
import { apiHits, publicPaths, storeHits } from '../support/erasure-attack.ts';
import { MemoryCdn } from '../support/memory-cdn.ts';
import { plantedProtocol } from '../support/planted-protocol.ts';
import { checkTree, memoryStore, newClock, publishOptions, type TestClock } from './publish-support.ts';

const PLANT = 'Quokkaholmens avloppsverk';
const ID = 'alingsas-kommunstyrelsen-2024-03-06-5';
const MEETING = 'alingsas-kommunstyrelsen-2024-03-06';
const FILE = 'alingsas-kommunstyrelsen-2024-03-06.txt';
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The planted string in the § title, text, a decision item and the recipients: every table and format. */
function original(extra = ''): string {
  return plantedProtocol({
    title: `Yttrande om ${PLANT}`,
    body: `Yttrandet gäller ${PLANT} och vägen dit.${extra}`,
    item: `Meddela ${PLANT} beslutet.`,
    recipient: PLANT,
    document: `Skrivelse från ${PLANT}`,
  });
}

async function ingest(store: BlobStore, clock: TestClock, text: string, fileName = FILE) {
  const outcome = await ingestDocument(
    { store, extractor: createDocumentExtractor(), clock },
    { bytes: utf8(text), fileName },
  );
  clock.advance(60_000);
  return outcome;
}

async function publish(store: BlobStore, clock: TestClock, cdn?: MemoryCdn) {
  const summary = await publishDatasets({ store, clock, ...(cdn ? { cdn } : {}) }, publishOptions());
  clock.advance(60_000);
  return summary;
}

/** Every manifest under public/ (the current one and every snapshot) with the problems of each. */
async function verifyAll(store: BlobStore): Promise<{ manifests: number; problems: string[] }> {
  const problems: string[] = [];
  let manifests = 0;
  for (const path of (await publicPaths(store)).filter(
    (p) => p === 'manifest.json' || /^snapshots\/[^/]+\/manifest\.json$/u.test(p),
  )) {
    const m = await readManifest(store, path);
    manifests++;
    problems.push(...(await checkTree(store, m!)).problems.map((p) => `${path}: ${p}`));
  }
  return { manifests, problems };
}

/** The hashes the change feed and unit.json gave the § while it was published. */
async function hashesOf(store: BlobStore, m: PublicManifest, id: string): Promise<string[]> {
  const events = await readChangesSince(store, m.changes, { seq: 0 });
  const fromFeed = events.filter((e) => e.id === id && e.hash).map((e) => e.hash!);
  const index = await readMunicipalityIndex(store, m.municipalities.alingsas!);
  const fromUnits = await Promise.all(
    Object.values(index.units).map(async (u) => (await readUnitManifest(store, u)).paragraphs[id]?.hash),
  );
  return [...new Set([...fromFeed, ...fromUnits.filter((h): h is string => h !== undefined)])];
}

/** Every API and page URL that could show the § or its meeting, in every format, plus every /datasets path given. */
function urls(paths: readonly string[]): string[] {
  const partitions = [
    'all',
    'year/2024',
    'municipality/alingsas',
    'body/alingsas/kommunstyrelsen',
    'unit/alingsas/kommunstyrelsen/2024',
  ];
  const formats = ['json', 'csv', 'csv-excel-sv', 'ndjson'];
  return [
    '/',
    `/p/${ID}`,
    `/m/${MEETING}`,
    '/c/2024.011 KS',
    '/c/2024.011%20KS',
    '/v1/openapi.json',
    ...formats.flatMap((f) => [
      `/v1/paragraphs?format=${f}`,
      `/v1/paragraphs?q=Quokkaholmens&format=${f}`,
      `/v1/paragraphs?q=avloppsverk&format=${f}`,
      `/v1/paragraphs?meeting=${MEETING}&format=${f}`,
      `/v1/paragraphs/${ID}?format=${f}`,
      `/v1/meetings?format=${f}`,
      `/v1/meetings/${MEETING}?format=${f}`,
    ]),
    '/v1/cases/2024.011%20KS',
    '/v1/municipalities',
    '/v1/bodies',
    '/v1/changes?since=0',
    '/v1/changes?since=0&format=ndjson',
    '/v1/feed.atom',
    '/v1/datasets',
    ...partitions.flatMap((p) => [
      `/v1/datasets?partition=${p}`,
      ...PARTITION_FILES.map((f) => `/v1/datasets/download?partition=${p}&file=${f}`),
    ]),
    ...paths.map((p) => `/datasets/${p}`),
  ];
}

describe('withdraw → publish erases the § from every published byte', () => {
  const store = memoryStore();
  const clock = newClock('2024-03-07T08:00:00Z');
  const cdn = new MemoryCdn();
  let app: Hono;
  let model: PublishedReadModel;
  let before: string[];
  let hashes: string[];

  beforeAll(async () => {
    await ingest(store, clock, original());
    await publish(store, clock);
    // A second meeting of the same unit, and a corrected first protocol: more unit versions, snapshots and events.
    await ingest(
      store,
      clock,
      plantedProtocol().replaceAll('2024-03-06', '2024-04-10'),
      'alingsas-kommunstyrelsen-2024-04-10.txt',
    );
    await publish(store, clock);
    await ingest(store, clock, original('\nYttrandet kompletteras.'));
    await publish(store, clock);
    model = new PublishedReadModel(store, { clock, checkEveryMs: 60_000 });
    app = createApp({ store, clock, readModel: model });
    before = await publicPaths(store);
    hashes = await hashesOf(store, (await readManifest(store))!, ID);
  });

  it('first publishes the planted § everywhere (the test can see it)', async () => {
    expect(hashes.length).toBeGreaterThan(1);
    const hits = await storeHits(store, 'public/', [PLANT]);
    expect(hits.length).toBeGreaterThan(20);
    expect(hits.some((h) => h.includes('.parquet'))).toBe(true);
    expect(hits.some((h) => h.includes('public/dumps/'))).toBe(true);
    // A warm API instance: its caches hold the § too.
    expect((await apiHits(app, urls([]), [PLANT])).hits.length).toBeGreaterThan(10);
  });

  it('leaves no published byte and no API answer with the text or its hash; every manifest verifies', async () => {
    await withdrawParagraph(
      { store, clock },
      { paragraphId: ID, reason: 'Namn på enskild person i yttrandet', by: 'registrator' },
    );
    const summary = await publish(store, clock, cdn);
    expect(summary.erasure.paragraphs).toBe(1);
    expect(summary.erasure.snapshots).toBeGreaterThanOrEqual(3);
    expect(summary.erasure.deleted).toBeGreaterThan(10);

    const needles = [PLANT, 'Quokkaholmen', 'Namn på enskild person', ...hashes];
    expect(await storeHits(store, 'public/', needles)).toEqual([]);
    const { manifests, problems } = await verifyAll(store);
    expect(manifests).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);

    expect(await model.refresh()).toBe(true);
    const now = await publicPaths(store);
    const { hits, ok } = await apiHits(app, urls([...new Set([...before, ...now])]), needles);
    expect(hits).toEqual([]);
    expect(ok).toBeGreaterThan(now.length);
    // The old paths an attacker saved are gone, not served (the API reads only public/).
    const gone = before.filter((p) => !now.includes(p));
    expect(gone.length).toBeGreaterThan(10);
    expect(gone.length).toBeLessThanOrEqual(summary.erasure.deleted); // also chunk versions written in the same run
    for (const p of gone.slice(0, 20)) expect((await app.request(`/datasets/${p}`)).status).toBe(404);
    // The CDN is told every deleted path, every rewritten snapshot manifest, and the API and pages.
    const asked = cdn.paths();
    for (const p of [...gone, ...before.filter((x) => x.startsWith('snapshots/')), 'manifest.json'])
      expect(asked.has(`/datasets/${p}`), p).toBe(true);
    expect([...asked].filter((p) => !p.startsWith('/datasets/'))).toEqual(['/', '/c/*', '/m/*', '/p/*', '/v1/*']);
    expect([...asked].filter((p) => p.startsWith('/datasets/') && now.includes(p.slice('/datasets/'.length)))).toEqual(
      [...asked].filter((p) => /^\/datasets\/(?:snapshots\/.+\/)?manifest\.json$/u.test(p)),
    );
    expect([...(await keysUnder(store, 'erasures/'))]).toEqual([]);
  });

  it('keeps a tombstone: id, time and "withdrawn", never the reason in words', async () => {
    const m = (await readManifest(store))!;
    const events: ChangeEvent[] = await readChangesSince(store, m.changes, { seq: 0 });
    const last = events.filter((e) => e.id === ID).at(-1)!;
    expect(last).toEqual({
      seq: last.seq,
      time: last.time,
      type: 'withdrawn',
      id: ID,
      meetingId: MEETING,
      unit: 'alingsas/kommunstyrelsen/2024',
      reason: 'withdrawn',
    });
    expect(events.filter((e) => e.id === ID).every((e) => e.hash === undefined)).toBe(true);
    expect((await app.request(`/p/${ID}`)).status).toBe(404);
  });

  it('keeps it withdrawn when the original protocol is ingested again', async () => {
    // The original file once more (already known: nothing changes), then a new version whose § 5 reads as the
    // original: the decision still holds it.
    expect(['unchanged', 'replaced']).toContain((await ingest(store, clock, original())).status);
    const again = original().replace(
      'Kommunstyrelsen noterar redovisningen.',
      'Kommunstyrelsen noterar redovisningen med tack.',
    );
    expect((await ingest(store, clock, again)).status).toBe('replaced');
    const summary = await publish(store, clock, cdn);
    expect(summary.events.changed).toBe(1);
    expect(summary.events.added).toBe(0);
    expect(await storeHits(store, 'public/', [PLANT, ...hashes])).toEqual([]);
    expect((await verifyAll(store)).problems).toEqual([]);
  });
});

describe('a corrected protocol that the privacy gate holds', () => {
  it('erases the earlier published version of the § as a withdrawal does', async () => {
    const store = memoryStore();
    const clock = newClock('2024-03-07T08:00:00Z');
    const cdn = new MemoryCdn();
    await ingest(store, clock, original());
    await publish(store, clock);
    await ingest(store, clock, original(' Kontakt 850709-9805.'));
    const summary = await publish(store, clock, cdn);
    expect(summary.erasure.paragraphs).toBe(1);
    expect(await storeHits(store, 'public/', [PLANT, '850709', '8507099805'])).toEqual([]);
    expect((await verifyAll(store)).problems).toEqual([]);
    const m = (await readManifest(store))!;
    const tomb = (await readChangesSince(store, m.changes, { seq: 0 })).filter((e) => e.id === ID).at(-1)!;
    expect(tomb).toMatchObject({ type: 'withdrawn', reason: 'held' });
    expect(cdn.invalidations).toHaveLength(1);
  });

  it('finishes an erasure whose invalidation failed at the next publish', async () => {
    const store = memoryStore();
    const clock = newClock('2024-03-07T08:00:00Z');
    const cdn = new MemoryCdn();
    await ingest(store, clock, original());
    await publish(store, clock);
    await withdrawParagraph({ store, clock }, { paragraphId: ID, reason: 'fel', by: 'registrator' });
    cdn.failNext = true;
    await expect(publish(store, clock, cdn)).rejects.toThrow('CDN unavailable');
    expect(await storeHits(store, 'public/', [PLANT])).toEqual([]);
    expect((await keysUnder(store, 'erasures/')).length).toBe(1);
    await publish(store, clock, cdn);
    expect(cdn.invalidations).toHaveLength(1);
    expect(cdn.invalidations[0]!.some((p) => p.startsWith('/datasets/units/'))).toBe(true);
    expect(await keysUnder(store, 'erasures/')).toEqual([]);
    expect((await verifyAll(store)).problems).toEqual([]);
  });
});

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const meta of store.list(prefix)) out.push(meta.key);
  return out;
}
