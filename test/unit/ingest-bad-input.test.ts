import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { type IngestDeps, ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type { MeetingRecord, QuarantineEntry } from '../../functions/store/meeting-record.ts';
import { keys, protocolText, readJsonAt, utf8 } from './ingest-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/bad/${name}`, import.meta.url)));
const AT = '2024-03-08T09:15:00.000Z';

let store: RecordingStore;
let deps: IngestDeps;

beforeEach(() => {
  store = new RecordingStore(new MemoryBlobStore());
  deps = { store, extractor: createDocumentExtractor(), clock: fixedClock(AT) };
});

/** Windows-1252 bytes: Latin-1 for U+00A0–U+00FF (å ä ö § …), plus the en dash at 0x96. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));
}

async function expectQuarantined(bytes: Uint8Array, fileName: string, reason: string): Promise<QuarantineEntry> {
  const outcome = await ingestDocument(deps, { bytes, fileName });
  expect(outcome).toMatchObject({
    status: 'quarantined',
    reason,
    fileName,
    sha256: sha(bytes),
    alreadyQuarantined: false,
  });
  const hash = sha(bytes);
  // The original is kept byte for byte, and nothing is published.
  expect(await store.get(`originals/${hash}`)).toEqual(bytes);
  expect(await keys(store, 'records/')).toEqual([]);
  expect(await keys(store, 'pending/')).toEqual([]);
  const entry = await readJsonAt<QuarantineEntry>(store, `quarantine/${hash}.json`);
  expect(entry).toEqual({
    schemaVersion: 1,
    sha256: hash,
    fileName,
    size: bytes.byteLength,
    reason,
    message: outcome.status === 'quarantined' ? outcome.message : '',
    quarantinedAt: AT,
    originalKey: `originals/${hash}`,
  });
  expect(entry.message).toMatch(/^\S.{5,199}$/u); // one line, not empty
  return entry;
}

describe('ingestDocument: bad input is quarantined with a reason and the original kept', () => {
  it.each([
    ['empty.pdf', 'empty'],
    ['random-bytes.pdf', 'binary'],
    ['truncated.pdf', 'truncated-pdf'],
    ['encrypted.pdf', 'encrypted-pdf'],
    ['no-text-layer.pdf', 'no-text-layer'],
    ['html-error-page-named-protokoll.pdf', 'html'],
  ])('%s → %s', async (name, reason) => {
    await expectQuarantined(fixture(name), name, reason);
  });

  it('a document without any § → no-paragraphs', async () => {
    const text = 'Kallelse\nKommunstyrelsen kallas till sammanträde den 6 mars 2024 kl. 13.00 i Stadshuset.\n';
    const entry = await expectQuarantined(utf8(text), 'kallelse-2024-03-06.txt', 'no-paragraphs');
    expect(entry.message).toContain('no §');
  });

  it('a file over the size limit → too-large; with a larger limit the same file is ingested and leaves quarantine', async () => {
    const bytes = utf8(protocolText('2024-03-06'));
    const small = { ...deps, extractor: createDocumentExtractor({ maxBytes: 100 }) };
    const outcome = await ingestDocument(small, { bytes, fileName: 'goteborg-kommunstyrelsen-2024-03-06.txt' });
    expect(outcome).toMatchObject({ status: 'quarantined', reason: 'too-large' });
    expect(await keys(store, 'quarantine/')).toEqual([`quarantine/${sha(bytes)}.json`]);

    const again = await ingestDocument(deps, { bytes, fileName: 'goteborg-kommunstyrelsen-2024-03-06.txt' });
    expect(again).toMatchObject({ status: 'ingested', version: 1 });
    expect(await keys(store, 'quarantine/')).toEqual([]);
  });

  it('the same bad bytes again write nothing', async () => {
    const bytes = fixture('random-bytes.pdf');
    const first = await ingestDocument(deps, { bytes, fileName: 'a.pdf' });
    store.reset();
    const second = await ingestDocument(deps, { bytes, fileName: 'b.pdf' });
    expect(second).toEqual({ ...first, fileName: 'b.pdf', alreadyQuarantined: true });
    expect(store.writes).toEqual([]);
  });
});

describe('ingestDocument: text in Windows-1252 is read, not refused', () => {
  it('decodes å/ä/ö, § and the en dash and ingests the protocol', async () => {
    const paragraphs = [
      {
        number: 7,
        title: 'Budget för 2024–2025',
        decision: 'Kommunstyrelsen godkänner förslaget till budget för Göteborgs Stad.',
      },
    ];
    const bytes = windows1252(protocolText('2024-03-06', paragraphs));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const outcome = await ingestDocument(deps, { bytes, fileName: 'goteborg-kommunstyrelsen-2024-03-06.txt' });
    expect(outcome).toMatchObject({ status: 'ingested', paragraphCount: 1 });
    const record = await readJsonAt<MeetingRecord>(
      store,
      'records/goteborg/kommunstyrelsen/2024/goteborg-kommunstyrelsen-2024-03-06.json',
    );
    expect(record.protocol.paragraphs[0]).toMatchObject({
      number: '7',
      title: 'Budget för 2024–2025',
      decision: paragraphs[0]!.decision,
    });
  });
});
