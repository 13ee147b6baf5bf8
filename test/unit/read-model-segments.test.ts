import fc from 'fast-check';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import { PublishedReadModel } from '../../functions/api/read-model/published-read-model.ts';
import { composeSegments } from '../../functions/api/read-model/segments.ts';
import type { Paragraph } from '../../functions/core/records/types.ts';
import { withdrawParagraph } from '../../functions/pipeline/review/review-decisions.ts';
import { NotUnderReviewError } from '../../functions/pipeline/review/review-queue.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import type { PublicManifest } from '../../functions/published/manifest.ts';
import { MANIFEST_PATH, publicKey } from '../../functions/published/paths.ts';
import { jsonBytes, readManifest, readMunicipalityIndex } from '../../functions/published/public-store.ts';
import { search } from '../../functions/api/read-model/query.ts';
import { RecordingStore } from '../support/recording-store.ts';
import { loadPublished } from '../../functions/published/read-model/load-published.ts';
import { whenComplete } from '../../functions/published/read-model/lazy-index.ts';
import { readModelPaths, segmentFiles } from '../../functions/published/read-model/segments.ts';
import { ingest, memoryStore, newClock, protocol, publish, type TestClock } from './publish-support.ts';

/**
 * The § index in segments (docs/read-model.md): for any sequence of publishes that add, replace and withdraw § and
 * meetings, the API over the listed base and deltas answers byte for byte as the API over one index built from every
 * current unit file (the same store with the listing hidden, so the unit files are read).
 */
const WORDS = ['detaljplan', 'budget', 'skola', 'vatten', 'cykelväg', 'förskola', 'taxa', 'bygglov', 'avfall'];
const PLACES = [
  ['Testby', 'Kommunstyrelsen'],
  ['Testby', 'Tekniska nämnden'],
  ['Annaby', 'Kommunfullmäktige'],
  ['Annaby', 'Kommunstyrelsen'],
  ['Cestad', 'Kommunstyrelsen'],
] as const;

type Op =
  | { kind: 'meeting'; place: number; day: number; paragraphs: Array<Partial<Paragraph>> }
  | { kind: 'withdraw'; pick: number };

const paragraph = fc
  .record({ a: fc.nat(WORDS.length - 1), b: fc.nat(WORDS.length - 1), vote: fc.boolean(), dnr: fc.nat(3) })
  .map(
    ({ a, b, vote, dnr }): Partial<Paragraph> => ({
      title: `Ärende om ${WORDS[a]}`,
      decision: `Beslut om ${WORDS[b]} och ${WORDS[(a + b) % WORDS.length]}.`,
      caseNumbers: [{ raw: `KS 2025/${dnr}`, normalized: `KS 2025/${dnr}` }],
      ...(vote ? { votes: [{ counts: { yes: 5, no: 4 }, roll: [], rollMatchesCounts: null, raw: 'Votering' }] } : {}),
    }),
  );
/** A new meeting or a new version of one (a day already used); or a withdrawal of some published §. */
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('meeting' as const),
      place: fc.nat(PLACES.length - 1),
      day: fc.nat(5),
      paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }) },
);

/** The store as a reader that does not know the listing sees it: the manifest without `readModel`. */
function withoutListing(store: BlobStore): BlobStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'get')
        return async (key: string) => {
          const bytes = await target.get(key);
          if (key !== publicKey(MANIFEST_PATH) || bytes === null) return bytes;
          const { readModel: _hidden, ...rest } = JSON.parse(new TextDecoder().decode(bytes)) as PublicManifest;
          return jsonBytes(rest);
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function apiOver(store: BlobStore, clock: TestClock): Hono {
  return createApp({ store, clock, readModel: new PublishedReadModel(store, { clock }) }) as unknown as Hono;
}

/** Every answer the comparison looks at, pages followed to the end. */
async function answers(app: Hono, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const get = async (path: string) => {
    const res = await app.request(path);
    const body = await res.text();
    out.push(`${path} ${res.status} ${body}`);
    return body;
  };
  const lists = [
    '/v1/paragraphs?limit=3&count=true',
    '/v1/paragraphs?limit=4&sort=date',
    '/v1/paragraphs?municipality=testby&limit=5&count=true',
    '/v1/paragraphs?body=kommunstyrelsen&year=2025&limit=50',
    '/v1/paragraphs?hasVote=true&limit=50&count=true',
    '/v1/paragraphs?caseNumber=KS%202025%2F1&limit=50',
    '/v1/paragraphs?from=2025-03-02&to=2025-03-04&limit=50',
    ...WORDS.slice(0, 4).map((w) => `/v1/paragraphs?q=${encodeURIComponent(w)}&limit=2&count=true`),
    '/v1/paragraphs?q=f%C3%B6r&limit=50',
    '/v1/paragraphs?q=skola%20budget&limit=50',
    '/v1/meetings?limit=4&count=true',
    '/v1/municipalities',
    '/v1/bodies',
    '/v1/cases/KS%202025%2F1',
    '/v1/cases/KS%202025%2F2',
  ];
  for (const first of lists) {
    let path: string | undefined = first;
    for (let page = 0; path !== undefined && page < 40; page++) {
      const next: string | undefined = (JSON.parse(await get(path)) as { next?: string }).next;
      path = next === undefined ? undefined : next.replace(/^https?:\/\/[^/]+/u, '');
    }
  }
  for (const id of ids) await get(`/v1/paragraphs/${id}`);
  for (const id of ids.slice(0, 3)) await get(`/p/${id}`);
  await get('/?q=skola');
  return out;
}

describe('the § index in segments', () => {
  it('answers as one index built from every current unit, whatever publishes led there', async () => {
    let deltasSeen = 0;
    let tombstonesSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 7 }),
        async (runs) => {
          const store = memoryStore();
          const clock = newClock();
          const policy = { readModel: { rewriteShare: 2, maxDeltas: 3 }, autoDumpParagraphs: 0 };
          for (const [m, body] of PLACES.slice(0, 3))
            await ingest(store, protocol(m, body, '2025-03-02', [{}, {}]), clock);
          await publish(store, clock, policy);
          const everId = new Set<string>();
          for (const batch of runs) {
            for (const o of batch) {
              if (o.kind === 'meeting') {
                const [m, body] = PLACES[o.place]!;
                await ingest(store, protocol(m, body, `2025-03-0${o.day + 1}`, o.paragraphs), clock);
              } else {
                const live = (await loadPublished(store)).index;
                if (live.size === 0) continue;
                const id = live.paragraphId(o.pick % live.size);
                // A meeting ingested again earlier in this batch may have dropped the § (published until the next
                // publish): then there is nothing to withdraw, which the review step says.
                await withdrawParagraph({ store, clock }, { paragraphId: id, reason: 'test', by: 'registrator' }).catch(
                  (error: unknown) => {
                    if (!(error instanceof NotUnderReviewError)) throw error;
                  },
                );
              }
            }
            await publish(store, clock, policy);
            const manifest = (await readManifest(store))!;
            const files = segmentFiles(manifest.readModel!);
            deltasSeen += files.length - 1;
            tombstonesSeen += files.reduce((n, f) => n + f.supersedes.length, 0);
            for (const path of readModelPaths(manifest.readModel))
              expect(await store.get(publicKey(path))).not.toBeNull();
            expect((await loadPublished(store, { compose: composeSegments })).from).toBe('index-file');
            const composed = apiOver(store, clock);
            const built = apiOver(withoutListing(store), clock);
            const index = (await loadPublished(store)).index;
            for (let d = 0; d < index.size; d++) everId.add(index.paragraphId(d));
            const ids = [...everId].sort();
            expect(await answers(composed, ids)).toEqual(await answers(built, ids));
          }
        },
      ),
      { numRuns: 8 },
    );
    // The property is only worth something if base and deltas were really composed, with units superseded.
    expect(deltasSeen).toBeGreaterThan(10);
    expect(tombstonesSeen).toBeGreaterThan(5);
  }, 120_000);
});

describe('publishing the § index in segments', () => {
  const PLACE_DATES = ['2025-01-13', '2025-02-10', '2025-03-10', '2025-04-14', '2025-05-12'];

  async function archive() {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    for (const [m, body] of PLACES)
      for (const date of PLACE_DATES) await ingest(store, protocol(m, body, date, [{}, {}, {}]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0 });
    return { store, clock };
  }

  it('writes a delta of the changed unit, superseding its old folder, without reading the base', async () => {
    const { store, clock } = await archive();
    const before = (await readManifest(store))!;
    expect(before.readModel!.deltas).toBeUndefined();
    expect(before.readModel!.paragraphs).toBe(75);
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2025-06-09', [{ title: 'Ärende om badhus' }]), clock);
    store.reset();
    await publish(store, clock, { autoDumpParagraphs: 0, readModel: { rewriteShare: 0.5 } });

    const after = (await readManifest(store))!;
    const [base, delta, ...rest] = segmentFiles(after.readModel!);
    expect(rest).toEqual([]);
    expect(base!.sha256).toBe(before.readModel!.sha256);
    expect(base!.sequence).toBe(before.sequence); // a reader that knows no deltas falls back to the unit files
    expect(delta).toMatchObject({ sequence: after.sequence, paragraphs: 16 }); // the unit's 15 § and the new one
    const oldUnit = Object.values((await readMunicipalityIndex(store, before.municipalities.testby!)).units).find(
      (u) => u.body === 'kommunstyrelsen',
    )!;
    expect(delta!.supersedes).toEqual([oldUnit.dir]);
    expect(delta!.bytes).toBeLessThan(base!.bytes / 2);
    const read = store.gets.filter((k) => k.startsWith('public/read-model/'));
    expect(read).toEqual([]);
    expect((await loadPublished(store)).from).toBe('unit-files');
    const composed = await loadPublished(store, { compose: composeSegments });
    await whenComplete(composed.index); // composed lazily: its cold parts follow the segments'
    expect(composed.from).toBe('index-file');
    expect(composed.index.size).toBe(76);
    expect(search(composed.index, 'badhus').length).toBe(1);
  });

  it('merges deltas while the last is no smaller, and rewrites the base when they outgrow its share', async () => {
    const { store, clock } = await archive();
    const sizes: number[][] = [];
    for (let i = 0; i < 6; i++) {
      // A new unit each time (a new year), 1 §: deltas of 1 § merge like a binary counter.
      await ingest(store, protocol('Annaby', 'Kommunstyrelsen', `${2030 + i}-06-09`, [{}]), clock);
      await publish(store, clock, { autoDumpParagraphs: 0, readModel: { rewriteShare: 0.1 } });
      sizes.push(segmentFiles((await readManifest(store))!.readModel!).map((s) => s.paragraphs));
    }
    expect(sizes).toEqual([
      [75, 1],
      [75, 2],
      [75, 2, 1],
      [75, 4],
      [75, 4, 1],
      [75, 4, 2],
    ]);
    // 2 more § merge the deltas into 8 > 10 % of 75: the publish folds everything into one base instead.
    await ingest(store, protocol('Annaby', 'Kommunstyrelsen', '2040-06-09', [{}, {}]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0, readModel: { rewriteShare: 0.1 } });
    const m = (await readManifest(store))!;
    expect(segmentFiles(m.readModel!).map((s) => s.paragraphs)).toEqual([83]);
    expect(m.readModel!.sequence).toBe(m.sequence);
    expect((await loadPublished(store)).from).toBe('index-file');
  });

  it('rewrites every segment on an erasure: no listed or left file holds the withdrawn § any more', async () => {
    const { store, clock } = await archive();
    const PLANT = 'Ärende om Planterad Persons bostad';
    await ingest(store, protocol('Cestad', 'Kommunstyrelsen', '2026-06-08', [{}, { title: PLANT }]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0 });
    const withDelta = (await readManifest(store))!;
    expect(withDelta.readModel!.deltas).toHaveLength(1);
    const hits = async () => {
      const out: string[] = [];
      for await (const meta of store.list('public/read-model/'))
        if (Buffer.from((await store.get(meta.key))!).includes(Buffer.from(PLANT))) out.push(meta.key);
      return out;
    };
    expect(await hits()).not.toEqual([]);
    await withdrawParagraph(
      { store, clock },
      { paragraphId: 'cestad-kommunstyrelsen-2026-06-08-2', reason: 'namn', by: 'registrator' },
    );
    await publish(store, clock, { autoDumpParagraphs: 0 });
    const after = (await readManifest(store))!;
    expect(after.readModel!.deltas).toBeUndefined();
    expect(await hits()).toEqual([]);
    for (const path of readModelPaths(after.readModel)) expect(await store.get(publicKey(path))).not.toBeNull();
  });
});

describe('a damaged segment', () => {
  it('costs only time: the publish that would merge it builds the index from the unit files', async () => {
    const store = memoryStore();
    const clock = newClock();
    for (const date of ['2025-01-13', '2025-02-10', '2025-03-10'])
      await ingest(store, protocol('Testby', 'Kommunstyrelsen', date, [{}, {}, {}]), clock);
    const policy = { autoDumpParagraphs: 0, readModel: { rewriteShare: 1 } };
    await publish(store, clock, policy);
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2031-01-13', [{}]), clock);
    await publish(store, clock, policy);
    const [, delta] = segmentFiles((await readManifest(store))!.readModel!);
    await store.delete(publicKey(delta!.parts[0]!.path));
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2032-01-13', [{}]), clock);
    await publish(store, clock, policy);
    const m = (await readManifest(store))!;
    expect(segmentFiles(m.readModel!).map((f) => f.paragraphs)).toEqual([11]);
    expect((await loadPublished(store)).index.size).toBe(11);
  });
});

describe('an API instance over the § index in segments', () => {
  it('reads only the new delta when a publish added one, and answers the new version', async () => {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    for (const date of ['2025-01-13', '2025-02-10', '2025-03-10'])
      await ingest(store, protocol('Testby', 'Kommunstyrelsen', date, [{}, {}, {}]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0 });
    const model = new PublishedReadModel(store, { clock });
    const first = (await model.snapshot()).index;
    expect(first.size).toBe(9);
    await whenComplete(first); // the base opens lazily: its cold parts arrive in the background
    const base = readModelPaths((await readManifest(store))!.readModel);
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-01-12', [{ title: 'Ärende om badhus' }]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0, readModel: { rewriteShare: 1 } });
    store.reset();
    expect(await model.refresh()).toBe(true);
    const listed = readModelPaths((await readManifest(store))!.readModel);
    expect(listed.length).toBe(base.length + 1);
    const snapshot = await model.snapshot();
    expect(snapshot.index.size).toBe(10);
    await whenComplete(snapshot.index); // the delta's cold parts arrive in the background too
    // Ranged reads: the new delta's header, hot and cold sections, and nothing of the base.
    const read = store.gets.filter((k) => k.startsWith('public/read-model/')).map((k) => k.slice('public/'.length));
    expect([...new Set(read)]).toEqual(listed.filter((p) => !base.includes(p)));
    expect(search(snapshot.index, 'badhus').length).toBe(1);
  });
});
