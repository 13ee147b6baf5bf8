/**
 * What the municipality's admin pages show of the private store: a meeting as it will be published (before it is),
 * what waits for the next publish, and what was quarantined. Read-only; the titles of held § have personal numbers
 * masked like the review list (a held § is read in full only on its review page).
 */
import { maskPersonalNumbers } from '../../core/privacy/personal-numbers.ts';
import type { AppealDeadline, Meeting, ParseWarning } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { PENDING_PREFIX, QUARANTINE_PREFIX, reviewKey } from '../../store/keys.ts';
import type {
  HeldParagraphRef,
  MeetingRecord,
  PendingMarker,
  QuarantineEntry,
  ReviewEntry,
} from '../../store/meeting-record.ts';
import { findRecordKey, readMeetingRecord } from '../review/review-queue.ts';

export interface PreviewParagraph {
  id: string;
  number: string;
  title: string;
  caseNumbers: string[];
  /** The decision text, for a published §; empty for a held one. */
  decision: string;
  pages: [number, number];
  appealLastDay?: string;
  /** Why the § is held back; absent when it will be published. */
  held?: Pick<HeldParagraphRef, 'reasons' | 'signals' | 'decision'>;
  redacted: boolean;
  /** A corrected protocol changed this § (shown as "Rättad" on the public page). */
  corrected?: { date: string; reason: string };
}

export interface MeetingPreview {
  meetingId: string;
  municipality: string;
  body: string;
  date: string;
  version: number;
  fileName: string;
  receivedAt: string;
  replaced?: { sha256: string; reason: string };
  /** The notice as stated in the protocol, the dates the municipality supplied, and the computed deadline. */
  statedNotice: Meeting['notice'];
  suppliedNotice: { posted?: string; removed?: string };
  appeal?: AppealDeadline;
  sourceUrl?: string;
  /** Pages read by OCR and their mean word confidence (0–100); empty for a text layer. */
  ocrPages: Array<{ page: number; confidence: number }>;
  textSource?: string;
  warnings: ParseWarning[];
  paragraphs: PreviewParagraph[];
  /** Whether a change of this meeting waits for the next publish. */
  pending: boolean;
}

export async function previewMeeting(store: BlobStore, meetingId: string): Promise<MeetingPreview | null> {
  const key = await findRecordKey(store, meetingId);
  const record = key === null ? null : await readMeetingRecord(store, key);
  if (record === null) return null;
  const pending = (await pendingMarkers(store)).some((m) => m.meetingId === meetingId);
  return previewOf(record, await heldParagraphs(store, record), pending);
}

async function heldParagraphs(store: BlobStore, record: MeetingRecord): Promise<PreviewParagraph[]> {
  const out: PreviewParagraph[] = [];
  for (const ref of record.held) {
    const entry = (await readJson(store, reviewKey(record.meetingId, ref.paragraphId))) as ReviewEntry | null;
    const p = entry?.paragraph.paragraph;
    out.push({
      id: ref.paragraphId,
      number: ref.number,
      title: maskPersonalNumbers(p?.title ?? ''),
      caseNumbers: (p?.caseNumbers ?? []).map((c) => maskPersonalNumbers(c.raw)),
      decision: '',
      pages: p?.pages ?? [0, 0],
      held: {
        reasons: ref.reasons,
        ...(ref.signals ? { signals: ref.signals } : {}),
        ...(ref.decision ? { decision: ref.decision } : {}),
      },
      redacted: false,
    });
  }
  return out;
}

export function previewOf(record: MeetingRecord, held: readonly PreviewParagraph[], pending: boolean): MeetingPreview {
  const m = record.protocol.meeting;
  const heldIds = new Set(held.map((h) => h.id));
  const published: PreviewParagraph[] = record.protocol.paragraphs
    .filter((p) => !heldIds.has(p.id))
    .map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      caseNumbers: p.caseNumbers.map((c) => c.raw),
      decision: p.decision,
      pages: p.pages,
      ...(p.appealLastDay ? { appealLastDay: p.appealLastDay } : {}),
      redacted: p.redacted,
      ...(p.corrected ? { corrected: p.corrected } : {}),
    }));
  return {
    meetingId: record.meetingId,
    municipality: m.municipality,
    body: m.body,
    date: m.date,
    version: record.ingest.version,
    fileName: record.ingest.fileName,
    receivedAt: record.ingest.receivedAt,
    ...(record.ingest.replaced ? { replaced: record.ingest.replaced } : {}),
    statedNotice: m.notice,
    suppliedNotice: {
      ...(m.source.noticeDate ? { posted: m.source.noticeDate } : {}),
      ...(m.source.noticeRemovedDate ? { removed: m.source.noticeRemovedDate } : {}),
    },
    ...(m.appeal ? { appeal: m.appeal } : {}),
    ...(m.source.sourceUrl ? { sourceUrl: m.source.sourceUrl } : {}),
    ocrPages: (m.source.ocrPages ?? []).map((p) => ({ page: p.page, confidence: p.confidence })),
    ...(m.source.textSource ? { textSource: m.source.textSource } : {}),
    warnings: record.protocol.warnings,
    paragraphs: [...published, ...held].sort(protocolOrder),
    pending,
  };
}

export async function pendingMarkers(store: BlobStore): Promise<PendingMarker[]> {
  const out: PendingMarker[] = [];
  for await (const meta of store.list(PENDING_PREFIX)) {
    const marker = (await readJson(store, meta.key).catch(() => null)) as PendingMarker | null;
    if (marker?.schemaVersion === 1 && typeof marker.meetingId === 'string') out.push(marker);
  }
  return out;
}

/** Meetings whose changes wait for the next publish: one entry per meeting, the latest change. */
export async function listUnpublished(store: BlobStore): Promise<PendingMarker[]> {
  const byMeeting = new Map<string, PendingMarker>();
  for (const m of await pendingMarkers(store)) {
    const seen = byMeeting.get(m.meetingId);
    if (seen === undefined || seen.at < m.at) byMeeting.set(m.meetingId, m);
  }
  return [...byMeeting.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export async function listQuarantine(store: BlobStore): Promise<QuarantineEntry[]> {
  const out: QuarantineEntry[] = [];
  for await (const meta of store.list(QUARANTINE_PREFIX)) {
    const entry = (await readJson(store, meta.key).catch(() => null)) as QuarantineEntry | null;
    if (entry?.schemaVersion === 1) out.push(entry);
  }
  return out.sort((a, b) => (a.quarantinedAt < b.quarantinedAt ? 1 : -1));
}

/** First page, then the § number, then as printed. */
function protocolOrder(a: PreviewParagraph, b: PreviewParagraph): number {
  const page = a.pages[0] - b.pages[0];
  if (page !== 0) return page;
  const n = Number.parseInt(a.number, 10) - Number.parseInt(b.number, 10);
  if (Number.isFinite(n) && n !== 0) return n;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}
