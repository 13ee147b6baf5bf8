import { describe, expect, it } from 'vitest';
import { ingest, memoryStore, newClock, protocol, publicTexts, publish } from './publish-support.ts';

/**
 * Withheld data stays out: § the privacy gate holds appear in no published byte (CSV, Excel CSV, NDJSON, meeting
 * JSON, Parquet cell values, indexes, change feed, dump, metadata); redacted § stay redacted.
 */
describe('publish: withheld § appear in no published file', () => {
  async function archive() {
    const store = memoryStore();
    const clock = newClock();
    const ks = protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [
      { title: 'Budget 2027', text: '§ 1\nBudget 2027\nBeslut\nGodkänns.' },
      {
        title: 'Ansökan om bistånd Zebrafink',
        decision: 'Bifalls för Zebrafinkgatan 7.',
        text: '§ 2\nAnsökan om bistånd Zebrafink\nSökanden 701063-2391 bor på Zebrafinkgatan 7.',
      },
      {
        title: 'Personalärende',
        redacted: true,
        decision: '',
        text: '§ 3\nPersonalärende\nBorttagen på grund av sekretess',
      },
    ]);
    const sn = protocol('Testby', 'Socialnämnden', '2026-03-03', [
      {
        title: 'Placering av barn Gråsparv',
        decision: 'Vård enligt LVU för Gråsparvsbarnet.',
        text: '§ 1\nPlacering av barn Gråsparv',
      },
    ]);
    await ingest(store, ks, clock);
    await ingest(store, sn, clock);
    await publish(store, clock, { full: true });
    return { store, held: [ks.paragraphs[1]!, sn.paragraphs[0]!] };
  }

  it('finds neither the text nor the id of a held § anywhere under public/', async () => {
    const { store, held } = await archive();
    const texts = await publicTexts(store);
    expect(texts.length).toBeGreaterThan(30);
    for (const [key, text] of texts) {
      for (const needle of ['Zebrafink', '701063-2391', '7010632391', 'Gråsparv', held[0]!.id, held[1]!.id]) {
        expect(text.includes(needle), `${needle} in ${key}`).toBe(false);
      }
    }
  });

  it('drops a held § even when a record still carries it in its protocol (defence in depth)', async () => {
    const store = memoryStore();
    const clock = newClock();
    const p = protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [
      {},
      { title: 'Kolibri', text: '§ 2\nKolibri 701063-2391' },
    ]);
    const { recordKey, record } = await ingest(store, p, clock);
    expect(record.held.map((h) => h.paragraphId)).toEqual([p.paragraphs[1]!.id]);
    // A faulty writer put the held § back into the publishable protocol; only the held list says it must not go out.
    const broken = { ...record, protocol: { ...record.protocol, paragraphs: p.paragraphs } };
    await store.put(recordKey, JSON.stringify(broken));
    await publish(store, clock, { full: true });
    for (const [key, text] of await publicTexts(store)) expect(text.includes('Kolibri'), key).toBe(false);
  });

  it('publishes the source file name only as the meeting id and extension, never the name as uploaded', async () => {
    const store = memoryStore();
    const clock = newClock();
    const p = protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{ title: 'Budget 2027' }]);
    p.meeting.source.fileName = 'KS 2026-03-02 Zebrafink Anna bistånd.PDF';
    await ingest(store, p, clock);
    await publish(store, clock, { full: true });
    const texts = await publicTexts(store);
    for (const [key, text] of texts) expect(text.includes('Zebrafink'), key).toBe(false);
    const csv = texts.find(([k]) => k.endsWith('/paragraphs.csv'))![1];
    expect(csv).toContain(',testby-kommunstyrelsen-2026-03-02.pdf,');
  });

  it('still publishes the meeting of a review-first body, with no §', async () => {
    const { store } = await archive();
    const texts = new Map(await publicTexts(store));
    const meetingsCsv = [...texts].find(([k]) => k.includes('/socialnamnden/') && k.endsWith('/meetings.csv'))![1];
    expect(meetingsCsv).toContain('testby-socialnamnden-2026-03-03');
    const paragraphsCsv = [...texts].find(([k]) => k.includes('/socialnamnden/') && k.endsWith('/paragraphs.csv'))![1];
    expect(paragraphsCsv.trim().split('\r\n')).toHaveLength(1); // the header only
  });

  it('keeps redacted § redacted: flagged, and only the redaction notice as text', async () => {
    const { store } = await archive();
    const texts = await publicTexts(store);
    const ndjson = texts.find(([k]) => k.includes('/kommunstyrelsen/') && k.endsWith('/paragraphs.ndjson'))![1];
    const lines = ndjson
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; redacted: boolean; text: string });
    expect(lines.map((l) => l.id)).toEqual([
      'testby-kommunstyrelsen-2026-03-02-1',
      'testby-kommunstyrelsen-2026-03-02-3',
    ]);
    expect(lines[1]).toMatchObject({ redacted: true, text: '§ 3\nPersonalärende\nBorttagen på grund av sekretess' });
  });
});
