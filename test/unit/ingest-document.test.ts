import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { StoreError } from '../../functions/ports/blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import type { TextExtractor } from '../../functions/ports/text-extractor.ts';
import { type IngestDeps, ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type {
  MeetingRecord,
  MeetingRecordHistoryEntry,
  OriginalMeta,
  PendingMarker,
  ReviewEntry,
} from '../../functions/store/meeting-record.ts';
import { DEFAULT_PARAGRAPHS, keys, protocolText, readJsonAt, utf8 } from './ingest-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const MEETING = 'goteborg-kommunstyrelsen-2024-03-06';
const RECORD_KEY = `records/goteborg/kommunstyrelsen/2024/${MEETING}.json`;
const FILE = `${MEETING}.txt`;
const AT = '2024-03-08T09:15:00.000Z';

let store: RecordingStore;
let clock: ReturnType<typeof fixedClock>;
let deps: IngestDeps;

beforeEach(() => {
  store = new RecordingStore(new MemoryBlobStore());
  clock = fixedClock(AT);
  deps = { store, extractor: createDocumentExtractor(), clock };
});

describe('ingestDocument: a new protocol', () => {
  const bytes = utf8(protocolText('2024-03-06'));

  it('keeps the original, writes the record and a pending marker, and reports ingested v1', async () => {
    const outcome = await ingestDocument(deps, { bytes, fileName: FILE });
    const hash = sha(bytes);
    expect(outcome).toEqual({
      status: 'ingested',
      fileName: FILE,
      sha256: hash,
      meetingId: MEETING,
      municipalitySlug: 'goteborg',
      recordKey: RECORD_KEY,
      version: 1,
      heldCount: 0,
      paragraphCount: 2,
      warningCount: expect.any(Number),
      confidence: expect.any(Number),
      lowConfidenceCount: 0,
    });
    const pending = `pending/20240308T091500000Z-${MEETING}-${hash.slice(0, 8)}.json`;
    expect(await keys(store)).toEqual([`originals/${hash}`, `originals/${hash}.json`, pending, RECORD_KEY].sort());
    // The original first (before anything can fail), the record last (the commit point).
    expect(store.writes.map((w) => w.key)).toEqual([
      `originals/${hash}`,
      `originals/${hash}.json`,
      pending,
      RECORD_KEY,
    ]);
    expect(await store.get(`originals/${hash}`)).toEqual(bytes);
    expect(await readJsonAt<OriginalMeta>(store, `originals/${hash}.json`)).toEqual({
      schemaVersion: 1,
      sha256: hash,
      size: bytes.byteLength,
      fileName: FILE,
      receivedAt: AT,
    });
    expect(await readJsonAt<PendingMarker>(store, pending)).toEqual({
      schemaVersion: 1,
      meetingId: MEETING,
      municipalitySlug: 'goteborg',
      recordKey: RECORD_KEY,
      sha256: hash,
      version: 1,
      change: 'ingested',
      at: AT,
    });
  });

  it('stores one canonical record with the publishable protocol and its provenance', async () => {
    await ingestDocument(deps, { bytes, fileName: FILE });
    const record = await readJsonAt<MeetingRecord>(store, RECORD_KEY);
    expect(record).toMatchObject({
      schemaVersion: 1,
      meetingId: MEETING,
      municipalitySlug: 'goteborg',
      bodySlug: 'kommunstyrelsen',
      year: 2024,
      held: [],
      ingest: { sha256: sha(bytes), fileName: FILE, receivedAt: AT, version: 1 },
    });
    expect(record.ingest.replaced).toBeUndefined();
    expect(record.protocol.meeting.date).toBe('2024-03-06');
    expect(record.protocol.meeting.source).toEqual({
      fileName: FILE,
      sha256: sha(bytes),
      pages: 1,
      mediaType: 'text/plain',
    });
    expect(record.protocol.paragraphs.map((p) => [p.number, p.title, p.decision])).toEqual(
      DEFAULT_PARAGRAPHS.map((p) => [String(p.number), p.title, p.decision]),
    );
  });

  it('files the record under the meeting year, not the upload year', async () => {
    clock.set('2026-01-02T00:00:00Z');
    const outcome = await ingestDocument(deps, {
      bytes: utf8(protocolText('2023-12-13')),
      fileName: 'goteborg-kommunstyrelsen-2023-12-13.txt',
    });
    expect(outcome.status === 'ingested' && outcome.recordKey).toBe(
      'records/goteborg/kommunstyrelsen/2023/goteborg-kommunstyrelsen-2023-12-13.json',
    );
  });
});

describe('ingestDocument: the same bytes again', () => {
  const bytes = utf8(protocolText('2024-03-06'));

  it('is unchanged and writes nothing', async () => {
    await ingestDocument(deps, { bytes, fileName: FILE });
    store.reset();
    clock.advance(60_000);
    const outcome = await ingestDocument(deps, { bytes, fileName: FILE });
    expect(outcome).toEqual({
      status: 'unchanged',
      fileName: FILE,
      sha256: sha(bytes),
      meetingId: MEETING,
      municipalitySlug: 'goteborg',
      recordKey: RECORD_KEY,
      version: 1,
      heldCount: 0,
    });
    expect(store.writes).toEqual([]);
  });

  it('is unchanged under another file name too, and the first name stays in the metadata', async () => {
    await ingestDocument(deps, { bytes, fileName: FILE });
    store.reset();
    const outcome = await ingestDocument(deps, { bytes, fileName: 'kopia av protokollet.txt' });
    expect(outcome.status).toBe('unchanged');
    expect(store.writes).toEqual([]);
    expect((await readJsonAt<OriginalMeta>(store, `originals/${sha(bytes)}.json`)).fileName).toBe(FILE);
  });
});

describe('ingestDocument: a corrected protocol for the same meeting', () => {
  const first = utf8(protocolText('2024-03-06'));
  const correctedParagraphs = [
    DEFAULT_PARAGRAPHS[0]!,
    { ...DEFAULT_PARAGRAPHS[1]!, decision: 'Kommunstyrelsen beviljar bidrag med 55 000 kronor till föreningen.' },
  ];
  const corrected = utf8(protocolText('2024-03-06', correctedParagraphs));
  const CORRECTED_FILE = `${MEETING}-rättad.txt`;

  it('replaces the record, keeps the previous version with the reason, and increments the version', async () => {
    await ingestDocument(deps, { bytes: first, fileName: FILE });
    const v1 = await readJsonAt<MeetingRecord>(store, RECORD_KEY);
    clock.set('2024-03-09T10:00:00.000Z');
    const outcome = await ingestDocument(deps, { bytes: corrected, fileName: CORRECTED_FILE });
    expect(outcome).toMatchObject({ status: 'replaced', meetingId: MEETING, version: 2, recordKey: RECORD_KEY });

    const reason = `replaced by ${CORRECTED_FILE} (${sha(corrected).slice(0, 8)})`;
    const v2 = await readJsonAt<MeetingRecord>(store, RECORD_KEY);
    expect(v2.ingest).toEqual({
      sha256: sha(corrected),
      fileName: CORRECTED_FILE,
      receivedAt: '2024-03-09T10:00:00.000Z',
      version: 2,
      replaced: { sha256: sha(first), reason },
    });
    expect(v2.protocol.paragraphs[1]?.decision).toBe(
      'Kommunstyrelsen beviljar bidrag med 55 000 kronor till föreningen.',
    );

    const historyKey = `records-history/${MEETING}/000001-${sha(first)}.json`;
    expect(await keys(store, 'records-history/')).toEqual([historyKey]);
    expect(await readJsonAt<MeetingRecordHistoryEntry>(store, historyKey)).toEqual({
      schemaVersion: 1,
      meetingId: MEETING,
      record: v1,
      replacedAt: '2024-03-09T10:00:00.000Z',
      reason,
      replacedBy: { sha256: sha(corrected), fileName: CORRECTED_FILE, version: 2 },
    });
    // Both originals are kept; one record; a marker per change.
    expect(await keys(store, 'originals/')).toHaveLength(4);
    expect(await keys(store, 'records/')).toEqual([RECORD_KEY]);
    const markers = await keys(store, 'pending/');
    expect(markers).toHaveLength(2);
    expect((await readJsonAt<PendingMarker>(store, markers[1]!)).change).toBe('replaced');
  });

  it('does not roll the correction back when the old bytes arrive again', async () => {
    await ingestDocument(deps, { bytes: first, fileName: FILE });
    await ingestDocument(deps, { bytes: corrected, fileName: CORRECTED_FILE });
    store.reset();
    const outcome = await ingestDocument(deps, { bytes: first, fileName: FILE });
    expect(outcome).toMatchObject({
      status: 'unchanged',
      version: 2,
      message: 'an older version; the record is at version 2',
    });
    expect(store.writes).toEqual([]);
    expect((await readJsonAt<MeetingRecord>(store, RECORD_KEY)).ingest.sha256).toBe(sha(corrected));
  });

  it('keeps every replaced version, in version order', async () => {
    const third = utf8(
      protocolText('2024-03-06', [
        ...correctedParagraphs,
        { number: 103, title: 'Övrigt', decision: 'Informationen noteras.' },
      ]),
    );
    await ingestDocument(deps, { bytes: first, fileName: FILE });
    await ingestDocument(deps, { bytes: corrected, fileName: CORRECTED_FILE });
    const outcome = await ingestDocument(deps, { bytes: third, fileName: 'v3.txt' });
    expect(outcome).toMatchObject({ status: 'replaced', version: 3 });
    expect(await keys(store, `records-history/${MEETING}/`)).toEqual([
      `records-history/${MEETING}/000001-${sha(first)}.json`,
      `records-history/${MEETING}/000002-${sha(corrected)}.json`,
    ]);
  });
});

describe('ingestDocument: the privacy gate', () => {
  const PNR = '19811218-9876';
  const withNumber = [
    ...DEFAULT_PARAGRAPHS,
    {
      number: 103,
      title: 'Ansökan om serveringstillstånd',
      decision: `Ansökan från sökanden med personnummer ${PNR} avslås.`,
    },
  ];
  const bytes = utf8(protocolText('2024-03-06', withNumber));
  const heldId = `${MEETING}-103`;

  it('holds a § with a personnummer: listed in the record by id, its text only under review/', async () => {
    const outcome = await ingestDocument(deps, { bytes, fileName: FILE });
    expect(outcome).toMatchObject({ status: 'ingested', heldCount: 1, paragraphCount: 3 });
    const record = await readJsonAt<MeetingRecord>(store, RECORD_KEY);
    expect(record.held).toEqual([{ paragraphId: heldId, number: '103', reasons: ['personal-number'] }]);
    expect(record.protocol.paragraphs.map((p) => p.number)).toEqual(['101', '102']);

    const review = await readJsonAt<ReviewEntry>(store, `review/${MEETING}/${heldId}.json`);
    expect(review).toMatchObject({
      schemaVersion: 1,
      meetingId: MEETING,
      sha256: sha(bytes),
      fileName: FILE,
      heldAt: AT,
    });
    expect(review.paragraph.visibility).toBe('private-review-only');
    expect(review.paragraph.paragraph.decision).toContain(PNR);

    // Nothing but the original and the private review entry holds the number, in any spelling.
    for (const key of await keys(store)) {
      if (key.startsWith('originals/') || key.startsWith('review/')) continue;
      const text = new TextDecoder().decode((await store.get(key)) ?? new Uint8Array());
      expect(text, key).not.toContain('811218');
      expect(text, key).not.toContain('serveringstillstånd');
    }
  });

  it('removes the review entry when a correction no longer holds the §', async () => {
    await ingestDocument(deps, { bytes, fileName: FILE });
    const fixed = [
      ...DEFAULT_PARAGRAPHS,
      { number: 103, title: 'Ansökan om serveringstillstånd', decision: 'Ansökan avslås.' },
    ];
    const outcome = await ingestDocument(deps, {
      bytes: utf8(protocolText('2024-03-06', fixed)),
      fileName: 'rättad.txt',
    });
    expect(outcome).toMatchObject({ status: 'replaced', heldCount: 0 });
    expect(await keys(store, 'review/')).toEqual([]);
    expect((await readJsonAt<MeetingRecord>(store, RECORD_KEY)).protocol.paragraphs.map((p) => p.number)).toEqual([
      '101',
      '102',
      '103',
    ]);
  });

  it('holds every § of a review-first body, also when its name came from an ASCII file name', async () => {
    const text = protocolText('2024-03-06', DEFAULT_PARAGRAPHS, 'Socialnämnden');
    const outcome = await ingestDocument(deps, {
      bytes: utf8(text),
      fileName: 'goteborg-socialnamnden-2024-03-06.txt',
    });
    expect(outcome).toMatchObject({ status: 'ingested', heldCount: 2 });
    const record = await readJsonAt<MeetingRecord>(
      store,
      'records/goteborg/socialnamnden/2024/goteborg-socialnamnden-2024-03-06.json',
    );
    expect(record.protocol.paragraphs).toEqual([]);
    expect(record.held.map((h) => h.reasons)).toEqual([['review-first-body'], ['review-first-body']]);
    expect(await keys(store, 'review/')).toHaveLength(2);
  });

  it('takes the review-first bodies from the caller', async () => {
    const outcome = await ingestDocument(
      { ...deps, reviewFirstBodies: ['kommunstyrelse'] },
      { bytes: utf8(protocolText('2024-03-06')), fileName: FILE },
    );
    expect(outcome).toMatchObject({ status: 'ingested', heldCount: 2 });
  });
});

describe('ingestDocument: failures', () => {
  const bytes = utf8(protocolText('2024-03-06'));

  it('keeps the original when a later write fails, and a retry completes the ingest', async () => {
    let failing = true;
    const inner = new MemoryBlobStore({ failOn: (op, key) => failing && op === 'put' && key.startsWith('records/') });
    const flaky = { ...deps, store: inner };
    await expect(ingestDocument(flaky, { bytes, fileName: FILE })).rejects.toThrow(StoreError);
    expect(await inner.get(`originals/${sha(bytes)}`)).toEqual(bytes);
    expect(await keys(inner, 'records/')).toEqual([]);
    failing = false;
    expect(await ingestDocument(flaky, { bytes, fileName: FILE })).toMatchObject({ status: 'ingested', version: 1 });
  });

  it('throws (for the caller to retry) when the original cannot be stored, and writes nothing else', async () => {
    const inner = new MemoryBlobStore({ failOn: (op, key) => op === 'put' && key.startsWith('originals/') });
    await expect(ingestDocument({ ...deps, store: inner }, { bytes, fileName: FILE })).rejects.toThrow(StoreError);
    expect(await keys(inner)).toEqual([]);
  });

  it('lets an unexpected extractor error through instead of quarantining, with the original kept', async () => {
    const broken: TextExtractor = { extract: () => Promise.reject(new RangeError('bug in the extractor')) };
    await expect(ingestDocument({ ...deps, extractor: broken }, { bytes, fileName: FILE })).rejects.toThrow(
      'bug in the extractor',
    );
    expect(await keys(store)).toEqual([`originals/${sha(bytes)}`, `originals/${sha(bytes)}.json`]);
  });
});
