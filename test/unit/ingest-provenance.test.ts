/**
 * Provenance on the way in: ingest keeps it (original's metadata, meeting source), feeds the notice date to the
 * parser, refuses what cannot be kept before writing anything; the S3 inbox carries it as object metadata; the local
 * inbox as a sidecar.
 */
import { describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import {
  InboxMetadataTooLargeError,
  provenanceFromS3Metadata,
  provenanceToS3Metadata,
} from '../../functions/adapters/s3-inbox.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { InvalidProvenanceError } from '../../functions/pipeline/ingest-provenance.ts';
import type { MeetingRecord } from '../../functions/store/meeting-record.ts';
import { ingestStoreInbox, StoreInbox } from '../../functions/pipeline/store-inbox.ts';
import { protocolText } from './ingest-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

const deps = (store: MemoryBlobStore | RecordingStore) => ({
  store,
  extractor: createDocumentExtractor(),
  clock: fixedClock('2026-06-20T06:00:00Z'),
});
const bytes = (date: string, text = protocolText(date)) => new TextEncoder().encode(text);
const RECORD = 'records/goteborg/kommunstyrelsen/2026/goteborg-kommunstyrelsen-2026-02-09.json';

async function record(store: MemoryBlobStore): Promise<MeetingRecord> {
  return JSON.parse(new TextDecoder().decode((await store.get(RECORD))!)) as MeetingRecord;
}

describe('ingest with provenance', () => {
  it("keeps the provenance in the meeting source and the original's metadata, and computes the appeal from the notice date", async () => {
    const store = new MemoryBlobStore();
    const provenance = { sourceUrl: 'https://goteborg.se/protokoll/ks-2026-02-09.pdf', noticeDate: '2026-02-13' };
    const outcome = await ingestDocument(deps(store), { bytes: bytes('2026-02-09'), fileName: 'ks.txt', provenance });
    expect(outcome.status).toBe('ingested');
    const r = await record(store);
    expect(r.protocol.meeting.source).toEqual({
      fileName: 'ks.txt',
      sha256: outcome.sha256,
      pages: 1,
      mediaType: 'text/plain',
      ...provenance,
    });
    // 2026-02-13 + 3 weeks = Friday 2026-03-06.
    expect(r.protocol.meeting.appeal).toEqual({
      noticeDate: '2026-02-13',
      lastDay: '2026-03-06',
      basis: 'supplied-notice',
    });
    const meta = JSON.parse(new TextDecoder().decode((await store.get(`originals/${outcome.sha256}.json`))!)) as {
      provenance: unknown;
    };
    expect(meta.provenance).toEqual(provenance);
  });

  it.each([
    [{ sourceUrl: 'javascript:alert(document.cookie)' }],
    [{ sourceUrl: 'https://k.se/"><script>alert(1)</script>' }],
    [{ noticeDate: '2026-02-30' }],
    [{ portalDocumentId: 'x'.repeat(201) }],
  ])('refuses %j before writing anything', async (provenance) => {
    const store = new RecordingStore(new MemoryBlobStore());
    await expect(
      ingestDocument(deps(store), { bytes: bytes('2026-02-09'), fileName: 'ks.txt', provenance }),
    ).rejects.toBeInstanceOf(InvalidProvenanceError);
    expect(store.writes).toEqual([]);
  });

  it('leaves records without provenance exactly as before', async () => {
    const store = new MemoryBlobStore();
    const outcome = await ingestDocument(deps(store), { bytes: bytes('2026-02-09'), fileName: 'ks.txt' });
    expect(Object.keys((await record(store)).protocol.meeting.source)).toEqual([
      'fileName',
      'sha256',
      'pages',
      'mediaType',
    ]);
    const meta = JSON.parse(new TextDecoder().decode((await store.get(`originals/${outcome.sha256}.json`))!)) as Record<
      string,
      unknown
    >;
    expect(meta['provenance']).toBeUndefined();
  });
});

describe('the local inbox', () => {
  it('writes the sidecar before the file, and ingest removes both once the file has an outcome', async () => {
    const store = new RecordingStore(new MemoryBlobStore());
    await new StoreInbox(store).deliver({
      path: 'harvest/s/goteborg-kommunstyrelsen-2026-02-09-abcd1234.txt',
      bytes: bytes('2026-02-09'),
      mediaType: 'text/plain',
      provenance: { sourceUrl: 'https://goteborg.se/p' },
    });
    expect(store.writes.map((w) => w.key)).toEqual([
      'inbox/harvest/s/goteborg-kommunstyrelsen-2026-02-09-abcd1234.txt.provenance.json',
      'inbox/harvest/s/goteborg-kommunstyrelsen-2026-02-09-abcd1234.txt',
    ]);
    const results = await ingestStoreInbox(store, (input) => ingestDocument(deps(store), input));
    expect(results).toHaveLength(1);
    expect('outcome' in results[0]! && results[0].outcome.status).toBe('ingested');
    const left: string[] = [];
    for await (const m of store.list('inbox/')) left.push(m.key);
    expect(left).toEqual([]);
  });

  it('ingests a file whose sidecar was tampered with, without the provenance, and says so', async () => {
    const store = new MemoryBlobStore();
    await new StoreInbox(store).deliver({
      path: 'x/ks-2026-02-09.txt',
      bytes: bytes('2026-02-09'),
      mediaType: 'text/plain',
      provenance: { sourceUrl: 'javascript:alert(1)' },
    });
    const [result] = await ingestStoreInbox(store, (input) => ingestDocument(deps(store), input));
    expect(result && 'note' in result ? result.note : '').toMatch(/provenance ignored/u);
    expect((await record(store)).protocol.meeting.source.sourceUrl).toBeUndefined();
  });

  it('keeps a file whose ingest throws for the next run', async () => {
    const store = new MemoryBlobStore();
    await new StoreInbox(store).deliver({
      path: 'x/a.txt',
      bytes: bytes('2026-02-09'),
      mediaType: 'text/plain',
      provenance: {},
    });
    const [result] = await ingestStoreInbox(store, () => Promise.reject(new Error('store is down')));
    expect(result && 'error' in result).toBe(true);
    expect(await store.get('inbox/x/a.txt')).not.toBeNull();
  });
});

describe('provenance as S3 object metadata', () => {
  it('survives the round trip with non-ASCII characters, percent-encoded for the headers', () => {
    const p = {
      sourceUrl: 'https://k.se/Protokoll KF/§12.pdf',
      portal: 'ciceron',
      portalDocumentId: 'DOK-1/å',
      noticeDate: '2026-02-13',
    };
    const metadata = provenanceToS3Metadata(p);
    for (const v of Object.values(metadata)) expect(v).toMatch(/^[\x21-\x7e]*$/u);
    expect(Object.keys(metadata).sort()).toEqual([
      'paragraf-notice-date',
      'paragraf-portal',
      'paragraf-portal-document-id',
      'paragraf-source-url',
    ]);
    expect(provenanceFromS3Metadata(metadata)).toEqual(p);
  });

  it("ignores what it did not write and refuses metadata over S3's 2 KB", () => {
    expect(provenanceFromS3Metadata({ 'paragraf-source-url': '%E0%A4%A', other: 'x' })).toEqual({});
    expect(() => provenanceToS3Metadata({ sourceUrl: `https://k.se/${'å'.repeat(400)}` })).toThrow(
      InboxMetadataTooLargeError,
    );
  });
});
