import { describe, expect, it } from 'vitest';
import { MemoryReadModel } from '../support/memory-read-model.ts';
import { queryMeetings, queryParagraphs } from '../../functions/api/read-model/query.ts';
import type { PageRequest, ParagraphFilter } from '../../functions/api/read-model/types.ts';
import { fixtureProtocols, protocol } from './fixtures.ts';

/** The fixtures without the held-back Socialnämnden meeting (the in-memory model has no privacy gate). */
const published = fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden');

async function index(protocols = published) {
  return (await new MemoryReadModel(protocols)).snapshot().then((s) => s.index);
}

async function ids(filter: ParagraphFilter, page: Partial<PageRequest> = {}) {
  const idx = await index();
  return queryParagraphs(idx, filter, { sort: '-date', limit: 100, ...page }).items.map((d) => idx.paragraph(d).id);
}

describe('queryParagraphs', () => {
  it('lists newest meetings first, each meeting’s § in printed order', async () => {
    expect(await ids({})).toEqual([
      'testby-kommunstyrelsen-2025-01-15-1',
      'testby-kommunstyrelsen-2025-01-15-2',
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunfullmaktige-2024-03-01-11',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsen-2024-02-05-2',
      'testby-kommunstyrelsen-2024-02-05-3',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
      'aby-kommunstyrelsen-2023-05-10-7',
    ]);
    expect((await ids({}, { sort: 'date' }))[0]).toBe('aby-kommunstyrelsen-2023-05-10-7');
  });

  it('filters by municipality, body, year, date range and meeting', async () => {
    expect(await ids({ municipality: 'aby' })).toEqual(['aby-kommunstyrelsen-2023-05-10-7']);
    expect(await ids({ municipality: 'testby', body: 'kommunfullmaktige' })).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunfullmaktige-2024-03-01-11',
    ]);
    expect(await ids({ body: 'kommunstyrelsen', year: 2025 })).toEqual([
      'testby-kommunstyrelsen-2025-01-15-1',
      'testby-kommunstyrelsen-2025-01-15-2',
    ]);
    expect(await ids({ from: '2024-01-21', to: '2024-03-01' }, { sort: 'date' })).toEqual([
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsen-2024-02-05-2',
      'testby-kommunstyrelsen-2024-02-05-3',
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunfullmaktige-2024-03-01-11',
    ]);
    expect(await ids({ meeting: 'testby-kommunfullmaktige-2024-03-01' })).toHaveLength(2);
    expect(await ids({ municipality: 'nowhere' })).toEqual([]);
    expect(await ids({ meeting: 'nowhere-2024-01-01' })).toEqual([]);
  });

  it('filters by vote and reservation', async () => {
    expect(await ids({ hasVote: true })).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunstyrelsen-2024-02-05-1',
    ]);
    expect(await ids({ hasReservation: true })).toEqual(['testby-kommunstyrelsen-2024-02-05-1']);
    expect(await ids({ hasVote: false, municipality: 'testby', year: 2024 })).toEqual([
      'testby-kommunfullmaktige-2024-03-01-11',
      'testby-kommunstyrelsen-2024-02-05-2',
      'testby-kommunstyrelsen-2024-02-05-3',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
    ]);
  });

  it('finds case numbers however they are written, in every municipality unless narrowed', async () => {
    const all = await ids({ caseNumber: 'ks 2023/12' });
    expect(all).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
      'aby-kommunstyrelsen-2023-05-10-7',
    ]);
    expect(await ids({ caseNumber: 'Dnr KS 2023 / 12', municipality: 'aby' })).toEqual([
      'aby-kommunstyrelsen-2023-05-10-7',
    ]);
    expect(await ids({ caseNumber: 'KS 2023/1' })).toEqual([]);
  });

  it('searches title, decision and case numbers with prefixes and Swedish letters', async () => {
    expect(await ids({ q: 'förskol' })).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
    ]);
    expect(await ids({ q: 'DETALJPLAN förskolan ' })).toEqual(['testby-kommunstyrelsen-2024-02-05-1']);
    expect(await ids({ q: 'får' })).toEqual(['testby-kommunstyrelsen-2024-02-05-3']);
    expect(await ids({ q: 'far ' })).toEqual(['testby-kommunfullmaktige-2024-03-01-11']);
    expect(await ids({ q: 'cafe' })).toEqual(['testby-kommunstyrelsen-2025-01-15-2']);
    expect(await ids({ q: '2024/99' })).toEqual(['testby-kommunstyrelsen-2025-01-15-1']);
    expect(await ids({ q: 'och att ' })).toEqual([]);
    expect(await ids({ q: 'ekbacken', year: 2024 })).toEqual(['testby-kommunstyrelsen-2024-02-05-3']);
  });

  it('finds Swedish word forms of the query words (Snowball stems on index and query)', async () => {
    const detaljplan = await ids({ q: 'detaljplan ' });
    expect(detaljplan.length).toBeGreaterThanOrEqual(3);
    // "detaljplanen" (the definite form) found nothing before stemming; now it finds the same § as "detaljplan",
    // among them the § where only "detaljplanen" is written.
    expect(await ids({ q: 'detaljplanen ' })).toEqual(detaljplan);
    expect(await ids({ q: 'detaljplanerna ' })).toEqual(detaljplan);
    expect(await ids({ q: 'budgetens ' })).toEqual(await ids({ q: 'budget ' }));
    expect(await ids({ q: 'hagar ' })).toEqual(['testby-kommunstyrelsen-2024-02-05-3']);
    expect(await ids({ q: 'idrottshallen ' })).toEqual(['aby-kommunstyrelsen-2023-05-10-7']);
  });

  it('pages through every match exactly once, in both orders and with any page size', async () => {
    const many = Array.from({ length: 12 }, (_, m) =>
      protocol(
        'Testby',
        m % 2 === 0 ? 'Kommunstyrelsen' : 'Kommunfullmäktige',
        `2024-0${1 + (m % 9)}-${10 + m}`,
        Array.from({ length: 1 + (m % 4) }, (_, i) => ({ number: String(i + 1), title: `Ärende ${m}.${i}` })),
      ),
    );
    const idx = await index(many);
    for (const sort of ['date', '-date'] as const) {
      const all = queryParagraphs(idx, {}, { sort, limit: 1000 }).items;
      for (const limit of [1, 2, 3, 5, 7]) {
        const seen: number[] = [];
        let after: number | undefined;
        for (;;) {
          const page = queryParagraphs(
            idx,
            { body: 'kommunstyrelsen' },
            { sort, limit, ...(after !== undefined ? { after } : {}) },
          );
          seen.push(...page.items);
          if (!page.more) break;
          after = page.items[page.items.length - 1];
        }
        expect(seen).toEqual(all.filter((d) => idx.paragraph(d).body === 'kommunstyrelsen'));
      }
    }
  });

  it('counts all matches when asked, whatever the cursor', async () => {
    const idx = await index();
    const first = queryParagraphs(idx, { municipality: 'testby' }, { sort: '-date', limit: 2, total: true });
    expect(first.total).toBe(8);
    const second = queryParagraphs(
      idx,
      { municipality: 'testby' },
      { sort: '-date', limit: 2, total: true, after: first.items[1]! },
    );
    expect(second.total).toBe(8);
    expect(second.items).not.toContain(first.items[0]);
  });
});

describe('queryMeetings', () => {
  it('filters meetings by municipality, body and year, newest first', async () => {
    const idx = await index();
    const list = (f: Parameters<typeof queryMeetings>[1]) =>
      queryMeetings(idx, f, { sort: '-date', limit: 50 }).items.map((m) => idx.parts.meetings.ids[m]);
    expect(list({ municipality: 'testby', body: 'kommunstyrelsen' })).toEqual([
      'testby-kommunstyrelsen-2025-01-15',
      'testby-kommunstyrelsen-2024-02-05',
    ]);
    expect(list({ year: 2023 })).toEqual(['aby-kommunstyrelsen-2023-05-10']);
  });
});
