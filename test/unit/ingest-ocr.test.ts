/**
 * Ingest of a protocol read by OCR (the extractor is a stand-in that reports what the OCR extractor reports): the
 * record says where its text came from and how sure the engine was, and § on an unsure page wait for review.
 */
import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import type { OcrPageInfo, TextExtractor } from '../../functions/ports/text-extractor.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type { MeetingRecord } from '../../functions/store/meeting-record.ts';
import { keys, protocolText, readJsonAt, utf8 } from './ingest-support.ts';

const MEETING = 'goteborg-kommunstyrelsen-2024-03-06';

/** Page 1: the header and § 101; page 2: § 102. */
function ocrExtractor(ocrPages: OcrPageInfo[]): TextExtractor {
  const text = protocolText('2024-03-06');
  const split = text.indexOf('§ 102');
  return {
    async extract() {
      return {
        pages: [
          { number: 1, text: text.slice(0, split) },
          { number: 2, text: text.slice(split) },
        ],
        mediaType: 'application/pdf',
        textSource: 'ocr',
        ocrPages,
      };
    },
  };
}

async function ingest(ocrPages: OcrPageInfo[]) {
  const store = new MemoryBlobStore();
  const deps = { store, extractor: ocrExtractor(ocrPages), clock: fixedClock('2024-03-08T09:15:00.000Z') };
  const outcome = await ingestDocument(deps, { bytes: utf8('scan bytes'), fileName: `${MEETING}.pdf` });
  if (!('recordKey' in outcome)) throw new Error(`not ingested: ${JSON.stringify(outcome)}`);
  return { store, outcome, record: await readJsonAt<MeetingRecord>(store, outcome.recordKey) };
}

describe('ingestDocument: a scanned protocol', () => {
  it('records textSource "ocr" and the confidence of every page, and publishes § read with confidence', async () => {
    const pages = [
      { page: 1, confidence: 91, uncertainNumbers: 0 },
      { page: 2, confidence: 88, uncertainNumbers: 0, skewDegrees: 1.2 },
    ];
    const { record, outcome } = await ingest(pages);
    expect(record.protocol.meeting.source).toMatchObject({
      textSource: 'ocr',
      ocrPages: pages,
      mediaType: 'application/pdf',
    });
    expect(outcome).toMatchObject({ status: 'ingested', heldCount: 0 });
    expect(record.protocol.paragraphs.map((p) => p.number)).toEqual(['101', '102']);
  });

  it('holds the § on a page read with low confidence for review, and publishes the rest', async () => {
    const { record, store } = await ingest([
      { page: 1, confidence: 91, uncertainNumbers: 0 },
      { page: 2, confidence: 55, uncertainNumbers: 3 },
    ]);
    expect(record.held).toEqual([{ paragraphId: expect.any(String), number: '102', reasons: ['low-ocr-confidence'] }]);
    expect(record.protocol.paragraphs.map((p) => p.number)).toEqual(['101']);
    expect((await keys(store, 'review/')).length).toBeGreaterThan(0);
  });
});
