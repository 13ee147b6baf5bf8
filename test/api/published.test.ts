/**
 * The API over real published files (the publisher's output for the fixtures): files and API must never disagree,
 * held-back § must appear nowhere, and a new publish must be picked up without a restart.
 */
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { PublishedReadModel } from '../../functions/api/read-model/published-read-model.ts';
import type { fixedClock } from '../../functions/ports/clock.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { readManifest, readMunicipalityIndex, readUnitManifest } from '../../functions/published/public-store.ts';
import { BASE_URL, ingestProtocol, protocol, publish, publishedFixtures } from './fixtures.ts';

let store: MemoryBlobStore;
let clock: ReturnType<typeof fixedClock>;
let model: PublishedReadModel;
let app: ReturnType<typeof createApp>;
const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes!);

beforeAll(async () => {
  ({ store, clock } = await publishedFixtures());
  model = new PublishedReadModel(store, { clock, checkEveryMs: 60_000 });
  app = createApp({ store, clock, readModel: model, baseUrl: BASE_URL });
});

async function json(path: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
}

describe('the API serves the published files', () => {
  it('lists exactly the published §: the manifest total, none held back', async () => {
    const manifest = (await readManifest(store))!;
    const all = await json('/v1/paragraphs?limit=200&count=true');
    expect(all.total).toBe(9);
    expect(manifest.totals.paragraphs).toBe(9);
    expect(all.items.map((p) => p.id)).not.toContain('testby-socialnamnden-2024-02-06-5');
    expect((await app.request('/v1/paragraphs/testby-socialnamnden-2024-02-06-5')).status).toBe(404);
    const held = await json('/v1/meetings/testby-socialnamnden-2024-02-06');
    expect(held.paragraphs).toEqual([]);
    for (const path of ['/v1/paragraphs?q=bistånd', '/v1/paragraphs?q=hemlig', '/v1/feed.atom?q=bistånd']) {
      expect(await (await app.request(path)).text()).not.toMatch(/Ansökan om bistånd|Hemlig utredning/u);
    }
  });

  it('serves a unit’s § CSV byte for byte as the published file', async () => {
    const manifest = (await readManifest(store))!;
    const index = await readMunicipalityIndex(store, manifest.municipalities.testby!);
    const unit = index.units['kommunstyrelsen/2024']!;
    const file = text(await store.get(publicKey(unit.files['paragraphs.csv']!.path)));
    const api = await (
      await app.request('/v1/paragraphs?municipality=testby&body=kommunstyrelsen&year=2024&sort=date&format=csv')
    ).text();
    expect(api).toBe(file);
    const excel = await app.request(
      '/v1/paragraphs?municipality=testby&body=kommunstyrelsen&year=2024&sort=date&format=csv-excel-sv',
    );
    expect(new Uint8Array(await excel.arrayBuffer())).toEqual(
      await store.get(publicKey(unit.files['paragraphs-excel-sv.csv']!.path)),
    );
  });

  it('serves a § as NDJSON and JSON exactly as its line in the published NDJSON', async () => {
    const manifest = (await readManifest(store))!;
    const index = await readMunicipalityIndex(store, manifest.municipalities.testby!);
    const lines = text(
      await store.get(publicKey(index.units['kommunstyrelsen/2024']!.files['paragraphs.ndjson']!.path)),
    )
      .trimEnd()
      .split('\n');
    const id = 'testby-kommunstyrelsen-2024-02-05-1';
    const line = lines.find((l) => l.startsWith(`{"id":"${id}"`))!;
    expect(await (await app.request(`/v1/paragraphs/${id}?format=ndjson`)).text()).toBe(`${line}\n`);
    const { links, ...record } = await json(`/v1/paragraphs/${id}`);
    expect(record).toEqual(JSON.parse(line));
    expect(links).toEqual({
      self: `${BASE_URL}/v1/paragraphs/${id}`,
      html: `${BASE_URL}/p/${id}`,
      meeting: `${BASE_URL}/v1/meetings/testby-kommunstyrelsen-2024-02-05`,
    });
  });

  it('serves the meeting file as published', async () => {
    const id = 'testby-kommunfullmaktige-2024-03-01';
    const { links, ...doc } = await json(`/v1/meetings/${id}`);
    const manifest = (await readManifest(store))!;
    const unit = (await readMunicipalityIndex(store, manifest.municipalities.testby!)).units['kommunfullmaktige/2024']!;
    const file = (await readUnitManifest(store, unit)).meetings[id]!.file;
    expect(doc).toEqual(JSON.parse(text(await store.get(publicKey(file.path)))));
    expect(links).toEqual({
      self: `${BASE_URL}/v1/meetings/${id}`,
      html: `${BASE_URL}/m/${id}`,
      paragraphsCsv: `${BASE_URL}/v1/paragraphs?meeting=${id}&format=csv`,
    });
    const body = doc as unknown as {
      meeting: { id: string; date: string };
      paragraphs: Array<{ id: string; permalink: string }>;
    };
    expect(body.meeting.date).toBe('2024-03-01');
    expect(body.paragraphs.map((p) => p.permalink)).toEqual([`${BASE_URL}/p/${id}-10`, `${BASE_URL}/p/${id}-11`]);
  });

  it('pages with next URLs to the end and no further', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/v1/paragraphs?municipality=testby&limit=3';
    let pages = 0;
    while (url) {
      const page = await json(url.replace(BASE_URL, ''));
      seen.push(...page.items.map((p) => String(p.id)));
      url = page.next as string | undefined;
      if (url) expect(url.startsWith(`${BASE_URL}/v1/paragraphs?`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('streams a filtered CSV through the shared renderer: header, one row per §, permalinks of the files', async () => {
    const csv = await (await app.request('/v1/paragraphs?q=detaljplan', { headers: { Accept: 'text/csv' } })).text();
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.paragraph_id)).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
    ]);
    expect(rows[1]!.permalink).toBe(`${BASE_URL}/p/testby-kommunstyrelsen-2024-02-05-1`);
    expect(rows[1]!.vote_summary).toBe('Ja 3, Nej 2');
    expect(rows[1]!.reservation).toBe('true');
  });

  it('builds a case timeline across bodies from case numbers and references', async () => {
    const t = await json('/v1/cases/KS%202023%2F12?municipality=testby');
    const items = t.items as Array<{ paragraph: { id: string }; via: string }>;
    expect(items.map((i) => [i.paragraph.id, i.via])).toEqual([
      ['testby-kommunstyrelsens-arbetsutskott-2024-01-20-3', 'case-number'],
      ['testby-kommunstyrelsen-2024-02-05-1', 'case-number'],
      ['testby-kommunfullmaktige-2024-03-01-10', 'case-number'],
    ]);
    expect(t.unresolved).toEqual([
      { raw: 'Kommunfullmäktige den 1 mars 2019, § 40', from: 'testby-kommunstyrelsen-2024-02-05-1' },
    ]);
    const both = await json('/v1/cases/KS%202023%2F12');
    expect(both.municipalities).toEqual(['aby', 'testby']);
  });

  it('lists the datasets with sizes and checksums that match the files', async () => {
    const listing = await json('/v1/datasets?partition=municipality/testby');
    const partitions = listing.partitions as Array<{
      id: string;
      files: Array<{
        name: string;
        url: string;
        bytes: number;
        sha256?: string;
        parts?: Array<{ url: string; sha256: string; bytes: number }>;
      }>;
    }>;
    expect(partitions[0]!.id).toBe('municipality/testby');
    const { createHash } = await import('node:crypto');
    const csv = partitions[0]!.files.find((f) => f.name === 'paragraphs.csv')!;
    for (const part of csv.parts!) {
      const res = await app.request(part.url.replace(BASE_URL, ''));
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBe(part.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(part.sha256);
    }
    const download = await app.request(csv.url.replace(BASE_URL, ''));
    const body = await download.text();
    expect(Buffer.byteLength(body)).toBe(csv.bytes);
    expect(parse(body, { columns: true })).toHaveLength(8);
    expect(partitions.map((p) => p.id)).toContain('unit/testby/kommunstyrelsen/2024');
  });

  it('serves an Atom feed (RFC 4287) for a saved filter: well-formed, newest § first, permalinks as ids', async () => {
    const res = await app.request('/v1/feed.atom?municipality=testby&q=detaljplan');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
    const feed = doc.documentElement!;
    expect(feed.namespaceURI).toBe('http://www.w3.org/2005/Atom');
    const entries = Array.from(feed.getElementsByTagName('entry'));
    expect(entries.map((e) => e.getElementsByTagName('id')[0]!.textContent)).toEqual([
      `${BASE_URL}/p/testby-kommunfullmaktige-2024-03-01-10`,
      `${BASE_URL}/p/testby-kommunstyrelsen-2024-02-05-1`,
      `${BASE_URL}/p/testby-kommunstyrelsens-arbetsutskott-2024-01-20-3`,
    ]);
    expect(entries[0]!.getElementsByTagName('title')[0]!.textContent).toBe(
      'Testby, Kommunfullmäktige 2024-03-01 § 10: Antagande av detaljplan för förskola vid Åsen',
    );
    for (const e of entries) expect(e.getElementsByTagName('updated')[0]!.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
  });

  it('serves the change feed with events since a sequence number or a time', async () => {
    const all = await json('/v1/changes');
    expect(all.items.map((e) => e.type)).toEqual(Array(9).fill('added'));
    expect(all.lastSeq).toBe(9);
    const page = await json('/v1/changes?since=4&limit=2');
    expect(page.items.map((e) => e.seq)).toEqual([5, 6]);
    expect(page.next).toBe(`${BASE_URL}/v1/changes?since=6&limit=2`);
    expect((await json('/v1/changes?since=2099-01-01')).items).toEqual([]);
  });

  it('picks up a new publish (added §, and a withdrawn one as a tombstone) without a restart', async () => {
    const before = await json('/v1/paragraphs?limit=1');
    await ingestProtocol(
      store,
      protocol('Testby', 'Kommunstyrelsen', '2026-06-01', [{ number: '1', title: 'Ny förskola i Östby' }]),
      clock,
    );
    // The 2025 meeting corrected: § 2 no longer in the protocol.
    await ingestProtocol(
      store,
      protocol('Testby', 'Kommunstyrelsen', '2025-01-15', [
        {
          number: '1',
          title: 'Budget 2025 för kultur- och fritidsnämnden',
          caseNumbers: [{ raw: 'KS 2024/99', normalized: 'KS 2024/99' }],
          decision: 'Kommunstyrelsen godkänner budgeten.',
          pages: [1, 1],
        },
      ]),
      clock,
    );
    await publish(store, clock);
    expect(await model.refresh()).toBe(true);
    const after = await json('/v1/paragraphs?limit=1');
    expect(after.items[0]!.id).toBe('testby-kommunstyrelsen-2026-06-01-1');
    expect(after.items[0]!.id).not.toBe(before.items[0]!.id);
    expect((await app.request('/v1/paragraphs/testby-kommunstyrelsen-2025-01-15-2')).status).toBe(404);
    const changes = await json('/v1/changes?since=9');
    expect(changes.items.map((e) => [e.type, e.id, e.reason])).toEqual(
      expect.arrayContaining([
        ['added', 'testby-kommunstyrelsen-2026-06-01-1', undefined],
        ['withdrawn', 'testby-kommunstyrelsen-2025-01-15-2', 'removed'],
      ]),
    );
    expect(await model.refresh()).toBe(false);
  });
});
