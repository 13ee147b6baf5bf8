import { bodySlug as slugOfBody, slugify } from '../core/records/ids.ts';
import type { Paragraph, Protocol } from '../core/records/types.ts';
import { PreconditionFailedError, type BlobStore } from '../ports/blob-store.ts';
import { readJson } from '../ports/blob-json.ts';
import { putJson } from '../store/json.ts';
import type {
  HeldParagraphRef,
  MeetingRecord,
  MeetingRecordHistoryEntry,
  PendingMarker,
  ReviewEntry,
} from '../store/meeting-record.ts';
import {
  DEFAULT_PRIVACY_POLICY,
  heldParagraphForReview,
  type PrivacyOutcome,
  type PrivacyPolicy,
  type PrivateReviewParagraph,
} from './privacy-gate.ts';
import { historyKey, historyPrefix, pendingKey, reviewKey, reviewPrefix, sha8 } from '../store/keys.ts';
import { resolveReviewFirstBodies } from '../core/privacy/review-first-bodies.ts';

export interface RecordPlacement {
  meetingId: string;
  municipalitySlug: string;
  bodySlug: string;
  year: number;
}

/**
 * Where a protocol's record goes. The municipality slug is taken from the meeting id (`<municipality>-<body>-<date>`)
 * rather than re-slugged from the printed name, so the folder always agrees with the id, however the parser chose to
 * name the municipality ("Alingsås" vs "Alingsås kommun"). The year is the meeting's, not the upload's.
 */
export function placeRecord(protocol: Protocol): RecordPlacement {
  const { id, body, date, municipality } = protocol.meeting;
  const bodySlug = slugOfBody(body);
  const tail = `-${bodySlug}-${date}`;
  const municipalitySlug =
    id.endsWith(tail) && id.length > tail.length ? id.slice(0, -tail.length) : slugify(municipality);
  return { meetingId: id, municipalitySlug, bodySlug, year: Number(date.slice(0, 4)) };
}

/** The gate's policy for a deployment: its own review-first bodies (`default` expanded), or the gate's default. */
export function privacyPolicy(reviewFirstBodies: readonly string[] | undefined): PrivacyPolicy {
  return reviewFirstBodies === undefined
    ? DEFAULT_PRIVACY_POLICY
    : { reviewFirstBodies: resolveReviewFirstBodies(reviewFirstBodies) };
}

export interface NewVersion {
  record: MeetingRecord;
  recordKey: string;
  /** The held § in full (text included), for review/ only. */
  heldParagraphs: Array<{ ref: HeldParagraphRef; review: PrivateReviewParagraph }>;
  previous: MeetingRecord | null;
  at: Date;
  /** § ids whose review entries stay although the record no longer holds them (released by a reviewer). */
  keepReviews?: readonly string[];
}

/** Where a version came from: the original's hash and name, and when it was ingested. */
export interface VersionSource {
  sha256: string;
  fileName: string;
  at: Date;
}

/**
 * The next version of a meeting's record from a gated protocol: the publishable protocol, the held § by id and
 * reason (their text only in the review entries), and the ingest provenance with what it replaced.
 */
export function buildVersion(
  protocol: Protocol,
  gated: PrivacyOutcome,
  previous: MeetingRecord | null,
  recordKey: string,
  source: VersionSource,
): NewVersion {
  const held = gated.held.map((h) => ({
    paragraphId: h.paragraphId,
    number: h.number,
    reasons: [...h.reasons],
    ...(h.signals ? { signals: [...h.signals] } : {}),
  }));
  const record: MeetingRecord = {
    schemaVersion: 1,
    ...placeRecord(gated.publishable),
    protocol: gated.publishable,
    held,
    ingest: {
      sha256: source.sha256,
      fileName: source.fileName,
      receivedAt: source.at.toISOString(),
      version: previous === null ? 1 : previous.ingest.version + 1,
      ...(previous === null
        ? {}
        : { replaced: { sha256: previous.ingest.sha256, reason: replacementReason(source.fileName, source.sha256) } }),
    },
  };
  const heldParagraphs = held.flatMap((ref) => {
    const paragraph = findParagraph(protocol, ref.paragraphId);
    return paragraph === undefined
      ? []
      : [{ ref, review: heldParagraphForReview(paragraph, ref.reasons, ref.signals) }];
  });
  return { record, recordKey, heldParagraphs, previous, at: source.at };
}

/**
 * Writes one new version of a meeting record and everything that belongs to it, in an order that makes the record the
 * commit point: review entries, the history copy of the previous version and the publisher's pending marker come
 * first, the record last. A crash before the record is written leaves the old record in place, so a retry sees
 * "not ingested yet" and does it all again (every earlier write is keyed by this input, so repeating it is harmless).
 * Stale review entries (§ the previous version held and this one does not) are removed after the commit.
 */
export async function commitVersion(store: BlobStore, v: NewVersion, expectedEtag?: string | null): Promise<void> {
  const { record, at } = v;
  const { meetingId, ingest } = record;
  for (const held of v.heldParagraphs) {
    const entry: ReviewEntry = {
      schemaVersion: 1,
      meetingId,
      sha256: ingest.sha256,
      fileName: ingest.fileName,
      heldAt: at.toISOString(),
      recordKey: v.recordKey,
      paragraph: held.review,
    };
    await putJson(store, reviewKey(meetingId, held.ref.paragraphId), entry);
  }
  if (v.previous !== null) await keepHistory(store, v.previous, record, at, 'if-absent');
  const marker: PendingMarker = {
    schemaVersion: 1,
    meetingId,
    municipalitySlug: record.municipalitySlug,
    recordKey: v.recordKey,
    sha256: ingest.sha256,
    version: ingest.version,
    change: v.previous === null ? 'ingested' : 'replaced',
    at: at.toISOString(),
  };
  await putJson(store, pendingKey(at, meetingId, ingest.sha256), marker);
  // The commit point. With an expected etag (null: no record yet) it is a compare-and-swap: a concurrent version of
  // the same meeting written since `previous` was read makes it throw PreconditionFailedError, and the caller rebuilds.
  const condition =
    expectedEtag === undefined ? {} : expectedEtag === null ? { ifNoneMatch: '*' as const } : { ifMatch: expectedEtag };
  await putJson(store, v.recordKey, record, condition);
  // A racer that lost may have written the previous version's history entry naming itself as the successor; only
  // the winner reaches this line, and losers only ever create that entry, so setting it right here is final.
  if (v.previous !== null) await keepHistory(store, v.previous, record, at, 'unless-same');
  if (v.previous !== null)
    await removeStaleReviews(store, meetingId, [...record.held.map((h) => h.paragraphId), ...(v.keepReviews ?? [])]);
}

/**
 * Copies the replaced version to records-history/. 'if-absent' (before the commit): created only when missing, so a
 * loser of a race never overwrites it. 'unless-same' (after the commit): rewritten when it names another successor.
 */
async function keepHistory(
  store: BlobStore,
  previous: MeetingRecord,
  next: MeetingRecord,
  at: Date,
  mode: 'if-absent' | 'unless-same',
): Promise<void> {
  const entry: MeetingRecordHistoryEntry = {
    schemaVersion: 1,
    meetingId: previous.meetingId,
    record: previous,
    replacedAt: at.toISOString(),
    reason: replacementReason(next.ingest.fileName, next.ingest.sha256),
    replacedBy: { sha256: next.ingest.sha256, fileName: next.ingest.fileName, version: next.ingest.version },
  };
  const key = historyKey(previous.meetingId, previous.ingest.version, previous.ingest.sha256);
  if (mode === 'unless-same') {
    const stored = (await readJson(store, key)) as Partial<MeetingRecordHistoryEntry> | null;
    if (stored?.replacedBy?.sha256 !== next.ingest.sha256) await putJson(store, key, entry);
    return;
  }
  await putJson(store, key, entry, { ifNoneMatch: '*' }).catch((error: unknown) => {
    if (!(error instanceof PreconditionFailedError)) throw error;
  });
}

export function replacementReason(fileName: string, sha256: string): string {
  return `replaced by ${fileName} (${sha8(sha256)})`;
}

async function removeStaleReviews(store: BlobStore, meetingId: string, paragraphIds: readonly string[]): Promise<void> {
  const keep = new Set(paragraphIds.map((id) => reviewKey(meetingId, id)));
  const stale: string[] = [];
  for await (const meta of store.list(reviewPrefix(meetingId))) if (!keep.has(meta.key)) stale.push(meta.key);
  for (const key of stale) await store.delete(key);
}

/**
 * The current record of a meeting with the etag to write its successor over (null: no record). The etag is read
 * first: if the record changes between the two reads, the successor's conditional write fails and is rebuilt, never
 * lost.
 */
export async function readRecordVersion(
  store: BlobStore,
  key: string,
): Promise<{ previous: MeetingRecord | null; etag: string | null }> {
  const meta = await store.head(key);
  if (meta === null) return { previous: null, etag: null };
  const previous = await readRecord(store, key);
  return previous === null ? { previous: null, etag: null } : { previous, etag: meta.etag ?? null };
}

/** The current record of a meeting, or null. */
export async function readRecord(store: BlobStore, key: string): Promise<MeetingRecord | null> {
  return (await readJson(store, key)) as MeetingRecord | null;
}

/** Whether these bytes are a version of the meeting that was already replaced (a late or repeated upload). */
export async function isReplacedVersion(store: BlobStore, meetingId: string, sha256: string): Promise<boolean> {
  const suffix = `-${sha256}.json`;
  for await (const meta of store.list(historyPrefix(meetingId))) if (meta.key.endsWith(suffix)) return true;
  return false;
}

/** Looks up the § a held reference points to in the unfiltered protocol. */
export function findParagraph(protocol: Protocol, paragraphId: string): Paragraph | undefined {
  return protocol.paragraphs.find((p) => p.id === paragraphId);
}
