import { describe, expect, it } from 'vitest';
import { paragraphRecords, renderMeetingJson, renderParagraphNdjson } from '../../functions/core/render/records.ts';
import { TABLES } from '../../functions/core/render/tables/index.ts';
import { FORMATS } from '../../functions/core/render/formats/index.ts';
import { collectText } from '../fixtures/render/collect.ts';
import { BASE_URL, meeting, paragraphs, WITHHELD_ID } from '../fixtures/render/sample-protocol.ts';

const ctx = { baseUrl: BASE_URL };
const P41 = 'alingsas-kommunfullmaktige-2024-03-27-41';

describe('§ NDJSON (full records)', () => {
  it('is the whole Paragraph plus municipality, body, meeting date and permalink, identity first', async () => {
    const text = await collectText(renderParagraphNdjson([{ meeting, paragraphs }], ctx));
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first).slice(0, 6)).toEqual([
      'id',
      'permalink',
      'meetingId',
      'municipality',
      'body',
      'meetingDate',
    ]);
    expect(first).toEqual({
      ...paragraphs[0],
      permalink: `https://paragraf.example.se/p/${P41}`,
      municipality: 'Alingsås kommun',
      body: 'Kommunfullmäktige',
      meetingDate: '2024-03-27',
    });
  });

  it('keeps redacted text redacted', () => {
    const [, redacted] = paragraphRecords(meeting, paragraphs, ctx);
    expect(redacted).toMatchObject({ redacted: true, decision: 'Borttagen på grund av sekretess.' });
  });
});

describe('meeting JSON', () => {
  it('holds the meeting and its § with permalinks', () => {
    const doc = JSON.parse(new TextDecoder().decode(renderMeetingJson(meeting, paragraphs, ctx)));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.meeting).toEqual(meeting);
    expect(doc.paragraphs.map((p: { number: string; permalink: string }) => [p.number, p.permalink])).toEqual([
      ['41', `https://paragraf.example.se/p/${P41}`],
      ['42', 'https://paragraf.example.se/p/alingsas-kommunfullmaktige-2024-03-27-42'],
      ['43', 'https://paragraf.example.se/p/alingsas-kommunfullmaktige-2024-03-27-43'],
    ]);
  });
});

describe('a § held back by the privacy gate', () => {
  it('appears in no output of any renderer', async () => {
    const held = { ...ctx, withheld: new Set([WITHHELD_ID]) };
    const outputs = [
      await collectText(renderParagraphNdjson([{ meeting, paragraphs }], held)),
      new TextDecoder().decode(renderMeetingJson(meeting, paragraphs, held)),
    ];
    for (const table of TABLES) {
      for (const format of Object.values(FORMATS)) {
        if (format.id === 'parquet') continue; // binary; its rows are the same rows as the others'
        outputs.push(await collectText(format.render(table, table.rows(meeting, paragraphs, held))));
      }
    }
    for (const out of outputs) {
      expect(out).not.toContain(WITHHELD_ID);
      expect(out).not.toContain('Anmälan av delegationsbeslut');
    }
    // …while the published § are there.
    expect(outputs[0]).toContain(P41);
  });
});
