import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type { MeetingRecord, MeetingRecordHistoryEntry, PendingMarker } from '../../functions/store/meeting-record.ts';
import { keys, protocolText, readJsonAt, utf8 } from './ingest-support.ts';

/**
 * Many protocols of one body and one year arriving at once (a municipality uploading its archive) must all end up in
 * the store. Ingests share no key, so this holds without conditional writes. The clock is frozen, so every pending
 * marker carries the same time: their keys must still not collide.
 */
const N = 16;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** 16 meetings of Göteborg's kommunstyrelse in 2024: every other Wednesday from 10 January. */
const meetings = Array.from({ length: N }, (_, i) => {
  const date = new Date(Date.UTC(2024, 0, 10 + 14 * i)).toISOString().slice(0, 10);
  const bytes = utf8(
    protocolText(date, [
      { number: i + 1, title: `Ärende ${i + 1}`, decision: `Kommunstyrelsen beslutar i ärende ${i + 1}.` },
    ]),
  );
  return {
    date,
    id: `goteborg-kommunstyrelsen-${date}`,
    fileName: `goteborg-kommunstyrelsen-${date}.txt`,
    bytes,
    sha256: sha(bytes),
  };
});

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function ingestAllAtOnce(store: BlobStore): Promise<void> {
  const deps = { store, extractor: createDocumentExtractor(), clock: fixedClock('2024-08-01T12:00:00.000Z') };
  const outcomes = await Promise.all(
    meetings.map((m) => ingestDocument(deps, { bytes: m.bytes, fileName: m.fileName })),
  );
  expect(outcomes.map((o) => [o.status, o.status === 'quarantined' ? o.reason : o.meetingId])).toEqual(
    meetings.map((m) => ['ingested', m.id]),
  );

  const records = await keys(store, 'records/');
  expect(records).toEqual(meetings.map((m) => `records/goteborg/kommunstyrelsen/2024/${m.id}.json`).sort());
  for (const m of meetings) {
    const record = await readJsonAt<MeetingRecord>(store, `records/goteborg/kommunstyrelsen/2024/${m.id}.json`);
    expect(record.ingest).toMatchObject({ sha256: m.sha256, fileName: m.fileName, version: 1 });
    expect(record.protocol.meeting.date).toBe(m.date);
    expect(await store.get(`originals/${m.sha256}`)).toEqual(m.bytes);
  }

  const markers = await keys(store, 'pending/');
  expect(markers).toEqual(
    meetings.map((m) => `pending/20240801T120000000Z-${m.id}-${m.sha256.slice(0, 8)}.json`).sort(),
  );
  const marked = await Promise.all(markers.map((k) => readJsonAt<PendingMarker>(store, k)));
  expect(marked.map((p) => p.meetingId).sort()).toEqual(meetings.map((m) => m.id).sort());
  expect(await keys(store, 'originals/')).toHaveLength(2 * N);
  expect(await keys(store, 'quarantine/')).toEqual([]);
}

describe(`${N} parallel ingests of one body and year`, () => {
  it('lose nothing in the memory store', async () => {
    await ingestAllAtOnce(new MemoryBlobStore());
  });

  it('lose nothing in the filesystem store', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paragraf-ingest-concurrency-'));
    cleanup = () => rm(dir, { recursive: true, force: true });
    await ingestAllAtOnce(new FsBlobStore(dir));
  });
});

/**
 * 16 corrected versions of one meeting arriving at once (issue 14: only 6 of 16 reached the history). Every version
 * must end in the chain: the record at version 16, the 15 others in records-history/, each naming the version that
 * replaced it, and the chain of `replaced` links unbroken.
 */
const corrections = Array.from({ length: N }, (_, i) => {
  const bytes = utf8(
    protocolText('2024-03-06', [
      { number: 7, title: 'Ärende 7', decision: `Kommunstyrelsen beslutar enligt version ${i + 1}.` },
    ]),
  );
  return { fileName: `goteborg-kommunstyrelsen-2024-03-06-v${i + 1}.txt`, bytes, sha256: sha(bytes) };
});

async function correctAllAtOnce(store: BlobStore): Promise<void> {
  const deps = { store, extractor: createDocumentExtractor(), clock: fixedClock('2024-08-01T12:00:00.000Z') };
  const outcomes = await Promise.all(
    corrections.map((c) => ingestDocument(deps, { bytes: c.bytes, fileName: c.fileName })),
  );
  expect(outcomes.filter((o) => o.status === 'ingested')).toHaveLength(1);
  expect(outcomes.filter((o) => o.status === 'replaced')).toHaveLength(N - 1);
  expect(outcomes.map((o) => (o.status === 'quarantined' ? 0 : o.version)).sort((a, b) => a - b)).toEqual(
    Array.from({ length: N }, (_, i) => i + 1),
  );
  const id = 'goteborg-kommunstyrelsen-2024-03-06';
  const record = await readJsonAt<MeetingRecord>(store, `records/goteborg/kommunstyrelsen/2024/${id}.json`);
  expect(record.ingest.version).toBe(N);
  const historyKeys = await keys(store, `records-history/${id}/`);
  expect(historyKeys).toHaveLength(N - 1);
  const history = await Promise.all(historyKeys.map((k) => readJsonAt<MeetingRecordHistoryEntry>(store, k)));
  const shas = [...history.map((h) => h.record.ingest.sha256), record.ingest.sha256];
  expect(shas.sort()).toEqual(corrections.map((c) => c.sha256).sort());
  // Each history entry names its true successor: the version after it in the chain.
  const byVersion = new Map([
    ...history.map((h) => [h.record.ingest.version, h.record] as const),
    [record.ingest.version, record],
  ]);
  for (const h of history) {
    const successor = byVersion.get(h.record.ingest.version + 1);
    expect(h.replacedBy).toMatchObject({ sha256: successor?.ingest.sha256, version: h.record.ingest.version + 1 });
    expect(successor?.ingest.replaced?.sha256).toBe(h.record.ingest.sha256);
  }
}

describe(`${N} corrections of one meeting at once`, () => {
  it('keep every version in the memory store', async () => {
    await correctAllAtOnce(new MemoryBlobStore());
  });

  it('keep every version in the filesystem store', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paragraf-ingest-corrections-'));
    cleanup = () => rm(dir, { recursive: true, force: true });
    await correctAllAtOnce(new FsBlobStore(dir));
  });
});
