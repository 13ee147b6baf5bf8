/**
 * The notice (anslag) of a meeting's justering, given after ingest: `paragraf notice MEETING_ID --posted DATE
 * [--removed DATE]` and the admin page's form. The appeal period (KL 13 kap. 5 §) runs from the day the justering was
 * announced on the anslagstavla; most protocols do not print that day, so the municipality supplies it.
 *
 * Stated and supplied dates are kept apart: `meeting.notice` is what the protocol states (never changed here),
 * `meeting.source.noticeDate` / `noticeRemovedDate` what the municipality supplied, and `meeting.appeal` the computed
 * last day with its basis. A date the protocol states wins: a supplied date that differs is kept but not used, and
 * the outcome says so.
 *
 * Order as for a review decision: a pending marker, then the record (the next publish applies it).
 */
import { appealLastDay } from '../core/records/appeal-deadline.ts';
import { isRealIsoDate } from '../core/records/provenance.ts';
import type { AppealDeadline, Paragraph } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import { putJson } from '../store/json.ts';
import { pendingKey } from '../store/keys.ts';
import type { MeetingRecord, PendingMarker } from '../store/meeting-record.ts';
import { findRecordKey, readMeetingRecord } from './review/review-queue.ts';

export interface NoticeInput {
  meetingId: string;
  /** The day the justering was posted on the anslagstavla (YYYY-MM-DD). */
  posted: string;
  /** The day the notice was taken down, when known. */
  removed?: string;
}

export interface NoticeOutcome {
  meetingId: string;
  appeal: AppealDeadline;
  /** The date the protocol itself states, when it differs from the supplied one (which is then not used). */
  statedDiffers?: string;
  recordChanged: boolean;
}

export class NoticeRefusedError extends Error {
  override name = 'NoticeRefusedError';
}

export class MeetingNotFoundError extends Error {
  override name = 'MeetingNotFoundError';
}

export async function setNoticeDate(
  deps: { store: BlobStore; clock: Clock },
  input: NoticeInput,
): Promise<NoticeOutcome> {
  if (!isRealIsoDate(input.posted))
    throw new NoticeRefusedError(`the notice date must be a real date as YYYY-MM-DD, got '${input.posted}'`);
  if (input.removed !== undefined && !isRealIsoDate(input.removed)) {
    throw new NoticeRefusedError(`the removal date must be a real date as YYYY-MM-DD, got '${input.removed}'`);
  }
  if (input.removed !== undefined && input.removed < input.posted)
    throw new NoticeRefusedError('the notice cannot be taken down before it was posted');
  const key = await findRecordKey(deps.store, input.meetingId);
  const record = key === null ? null : await readMeetingRecord(deps.store, key);
  if (key === null || record === null) throw new MeetingNotFoundError(`no meeting ${input.meetingId} in the store`);
  const meeting = record.protocol.meeting;
  if (meeting.date && input.posted < meeting.date)
    throw new NoticeRefusedError(`the notice cannot be posted before the meeting (${meeting.date})`);
  const next = withNotice(record, input);
  const appeal = next.protocol.meeting.appeal!;
  const stated = meeting.notice.posted;
  const outcome = {
    meetingId: record.meetingId,
    appeal,
    ...(stated && stated !== input.posted ? { statedDiffers: stated } : {}),
  };
  if (JSON.stringify(next) === JSON.stringify(record)) return { ...outcome, recordChanged: false };
  const at = deps.clock.now();
  const marker: PendingMarker = {
    schemaVersion: 1,
    meetingId: record.meetingId,
    municipalitySlug: record.municipalitySlug,
    recordKey: key,
    sha256: record.ingest.sha256,
    version: record.ingest.version,
    change: 'notice',
    at: at.toISOString(),
  };
  await putJson(deps.store, pendingKey(at, record.meetingId, record.ingest.sha256), marker);
  await putJson(deps.store, key, next);
  return { ...outcome, recordChanged: true };
}

/** The record with the supplied dates and the appeal deadline they give (unless the protocol states its own). */
export function withNotice(record: MeetingRecord, input: NoticeInput): MeetingRecord {
  const meeting = record.protocol.meeting;
  const stated = meeting.notice.posted;
  const appeal: AppealDeadline =
    stated && isRealIsoDate(stated)
      ? { noticeDate: stated, lastDay: appealLastDay(stated), basis: 'stated-notice' }
      : { noticeDate: input.posted, lastDay: appealLastDay(input.posted), basis: 'supplied-notice' };
  const { noticeRemovedDate: _old, ...source } = meeting.source;
  const previous = meeting.appeal?.lastDay;
  // A § carries the meeting's last day unless the parser found its own (none does yet); follow the meeting's.
  const follow = (p: Paragraph): Paragraph =>
    p.appealLastDay === undefined || p.appealLastDay === previous ? { ...p, appealLastDay: appeal.lastDay } : p;
  return {
    ...record,
    protocol: {
      ...record.protocol,
      meeting: {
        ...meeting,
        source: { ...source, noticeDate: input.posted, ...(input.removed ? { noticeRemovedDate: input.removed } : {}) },
        appeal,
      },
      paragraphs: record.protocol.paragraphs.map(follow),
    },
  };
}

/**
 * A new version of a meeting keeps the notice dates the municipality gave for the version it replaces, unless this
 * upload gives its own (a corrected protocol is not a new anslag).
 */
export function keepSuppliedNotice<V extends { record: MeetingRecord }>(version: V, previous: MeetingRecord | null): V {
  const given = previous?.protocol.meeting.source;
  if (!given?.noticeDate || version.record.protocol.meeting.source.noticeDate) return version;
  const input = {
    meetingId: version.record.meetingId,
    posted: given.noticeDate,
    ...(given.noticeRemovedDate ? { removed: given.noticeRemovedDate } : {}),
  };
  return { ...version, record: withNotice(version.record, input) };
}
