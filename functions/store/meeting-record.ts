import type { Protocol, SourceProvenance } from '../core/records/types.ts';
import type { RenderableMeeting } from '../core/render/table.ts';
import type { HoldReason, PrivateReviewParagraph } from '../pipeline/privacy-gate.ts';

/**
 * The canonical record of one meeting, stored at `records/<municipalitySlug>/<bodySlug>/<year>/<meetingId>.json`
 * (docs/store-layout.md). Ingest writes it; the publisher and the API read it. Exactly one per meeting id: a corrected
 * protocol replaces it and the previous version moves to `records-history/` (see {@link MeetingRecordHistoryEntry}).
 *
 * Not public as such: `protocol` is already the publishable form (after the privacy gate), but `held` lists § that
 * must not be published, and `ingest` names private store keys. The text of held § lives only under `review/`.
 */
export interface MeetingRecord {
  schemaVersion: 1;
  meetingId: string;
  municipalitySlug: string;
  bodySlug: string;
  /** The year of `protocol.meeting.date` (the meeting, not the upload). */
  year: number;
  /** The protocol after the privacy gate: held § removed, personal numbers masked. */
  protocol: Protocol;
  /** § held back for review: ids and reasons only, never their text. */
  held: HeldParagraphRef[];
  ingest: IngestProvenance;
}

export interface HeldParagraphRef {
  paragraphId: string;
  /** The § number as printed. */
  number: string;
  /** Why it was held (privacy gate reason codes); empty when only a person's decision holds it. */
  reasons: HoldReason[];
  /**
   * What a reviewer decided (pipeline/review): 'rejected' and 'withdrawn' keep it out of every version;
   * 'changed-since-release' was released once but reads differently now, so it waits for review again.
   */
  decision?: 'rejected' | 'withdrawn' | 'changed-since-release';
  /** For 'individual-case': the signals that fired (names only, never text). */
  signals?: string[];
}

export interface IngestProvenance {
  /** sha256 of the original file; the original is at `originals/<sha256>`. */
  sha256: string;
  fileName: string;
  /** ISO time this version was ingested. */
  receivedAt: string;
  /** 1 for the first version of the meeting, +1 for each replacement. */
  version: number;
  /** Present from version 2 on: the version this one replaced and why. */
  replaced?: { sha256: string; reason: string };
}

/** A replaced version, stored at `records-history/<meetingId>/<version>-<sha256>.json`. Never rewritten. */
export interface MeetingRecordHistoryEntry {
  schemaVersion: 1;
  meetingId: string;
  /** The record exactly as it was before it was replaced. */
  record: MeetingRecord;
  replacedAt: string;
  /** e.g. "replaced by kommunstyrelsen-2024-02-05-rev2.pdf (1a2b3c4d)". */
  reason: string;
  replacedBy: { sha256: string; fileName: string; version: number };
}

/** A marker for the publisher, stored at `pending/<time>-<meetingId>-<sha8>.json`; the publisher deletes it when done. */
export interface PendingMarker {
  schemaVersion: 1;
  meetingId: string;
  municipalitySlug: string;
  recordKey: string;
  sha256: string;
  version: number;
  /** 'reviewed': a person's decision changed what the record publishes (pipeline/review); 'notice': the anslag dates. */
  change: 'ingested' | 'replaced' | 'reviewed' | 'notice';
  at: string;
}

/** First-seen facts about an original, stored at `originals/<sha256>.json` next to the bytes. Written once. */
export interface OriginalMeta {
  schemaVersion: 1;
  sha256: string;
  size: number;
  /** The file name it first arrived under (later uploads of the same bytes may use other names). */
  fileName: string;
  receivedAt: string;
  /** Where the bytes first came from, when that was known (a harvested portal, `--source-url`). */
  provenance?: SourceProvenance;
}

/** A file that could not be published, stored at `quarantine/<sha256>.json`. */
export interface QuarantineEntry {
  schemaVersion: 1;
  sha256: string;
  fileName: string;
  size: number;
  /** Stable reason code (see {@link QuarantineReason}). */
  reason: string;
  /** One line, for people: what is wrong and, where possible, what to do. */
  message: string;
  quarantinedAt: string;
  originalKey: string;
}

/** A § held back by the privacy gate, with its text, stored at `review/<meetingId>/<paragraphId>.json`. Never public. */
export interface ReviewEntry {
  schemaVersion: 1;
  meetingId: string;
  sha256: string;
  fileName: string;
  heldAt: string;
  /** Where the meeting's record is (absent in entries written before issue 12). */
  recordKey?: string;
  /** The privacy gate's `heldParagraphForReview`: the whole § with its text, and why it was held. */
  paragraph: PrivateReviewParagraph;
}

export function isMeetingRecord(value: unknown): value is MeetingRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<MeetingRecord>;
  return (
    r.schemaVersion === 1 &&
    typeof r.meetingId === 'string' &&
    typeof r.protocol === 'object' &&
    typeof r.ingest === 'object' &&
    r.ingest !== null &&
    typeof r.ingest.sha256 === 'string' &&
    typeof r.ingest.version === 'number'
  );
}

/** The ids of the § a record holds back for review. */
export function heldIds(record: MeetingRecord): Set<string> {
  return new Set(record.held.map((h) => h.paragraphId));
}

/**
 * What of a stored record may be rendered: its meeting and its § without the held ones. `protocol` is already the
 * gate's publishable form; the held ids are removed again here, so a held § cannot reach a file even if a record were
 * wrong. The one place that turns a record into renderer input (the publisher's unit files, `paragraf export`).
 */
export function publishableMeeting(record: MeetingRecord): RenderableMeeting {
  const held = heldIds(record);
  const { meeting } = record.protocol;
  return {
    meeting: {
      ...meeting,
      source: { ...meeting.source, fileName: publishedFileName(meeting.id, meeting.source.fileName) },
    },
    paragraphs: record.protocol.paragraphs.filter((p) => !held.has(p.id)),
  };
}

/**
 * The source file's name as published: the meeting id (made only of what was recognised: municipality, body, date)
 * and the file's extension. An uploaded or harvested name can carry anything (a person's name, a case about them); the
 * name as received stays in the private record, and the sha256 and source URL identify the file.
 */
export function publishedFileName(meetingId: string, fileName: string): string {
  const ext = /\.([a-z0-9]{1,5})$/iu.exec(fileName)?.[1]?.toLowerCase();
  return ext ? `${meetingId}.${ext}` : meetingId;
}
