/**
 * Full records, as opposed to flat tables: the § NDJSON (every Paragraph field, plus the meeting context a reader of
 * a single line needs) and one JSON document per meeting. Both go through the same privacy filter as the tables.
 */
import type { Meeting, Paragraph } from '../records/types.ts';
import { renderNdjson } from './formats/ndjson.ts';
import { permalink, withoutWithheld, type RenderableMeeting, type RenderContext } from './table.ts';

/** One NDJSON line: the whole § record with the meeting context it would otherwise lack. */
export type ParagraphRecord = Paragraph & {
  permalink: string;
  municipality: string;
  body: string;
  meetingDate: string;
};

/** A § as its meeting's JSON file publishes it: the record with its permalink. */
export type PublishedParagraph = Paragraph & { permalink: string };

/** One JSON file per meeting: the meeting and its publishable §. */
export interface MeetingDocument {
  schemaVersion: 1;
  meeting: Meeting;
  paragraphs: PublishedParagraph[];
}

export function paragraphRecord(meeting: Meeting, p: Paragraph, ctx: RenderContext): ParagraphRecord {
  return recordWithPermalink(meeting, p, permalink(ctx, p.id));
}

/** The NDJSON record of a § read from a published meeting file, with the permalink the file gives it. */
export function publishedParagraphRecord(meeting: Meeting, p: PublishedParagraph): ParagraphRecord {
  const { permalink: link, ...paragraph } = p;
  return recordWithPermalink(meeting, paragraph, link);
}

function recordWithPermalink(meeting: Meeting, p: Paragraph, link: string): ParagraphRecord {
  // Identity and context first so that a line is readable from its start; then the record itself, unchanged.
  const { id, meetingId, ...rest } = p;
  return {
    id,
    permalink: link,
    meetingId,
    municipality: meeting.municipality,
    body: meeting.body,
    meetingDate: meeting.date,
    ...rest,
  };
}

export function paragraphRecords(
  meeting: Meeting,
  paragraphs: readonly Paragraph[],
  ctx: RenderContext,
): ParagraphRecord[] {
  return withoutWithheld(paragraphs, ctx).map((p) => paragraphRecord(meeting, p, ctx));
}

/** § NDJSON over any number of meetings, one meeting in memory at a time. */
export function renderParagraphNdjson(
  records: Iterable<RenderableMeeting> | AsyncIterable<RenderableMeeting>,
  ctx: RenderContext,
): AsyncIterable<Uint8Array> {
  return renderNdjson(streamRecords(records, ctx));
}

async function* streamRecords(
  records: Iterable<RenderableMeeting> | AsyncIterable<RenderableMeeting>,
  ctx: RenderContext,
) {
  for await (const { meeting, paragraphs } of records) yield* paragraphRecords(meeting, paragraphs, ctx);
}

export function meetingDocument(
  meeting: Meeting,
  paragraphs: readonly Paragraph[],
  ctx: RenderContext,
): MeetingDocument {
  return {
    schemaVersion: 1,
    meeting,
    paragraphs: withoutWithheld(paragraphs, ctx).map((p) => ({ ...p, permalink: permalink(ctx, p.id) })),
  };
}

/** The meeting's JSON file. One meeting is small (tens to hundreds of kB), so it is rendered in one piece. */
export function renderMeetingJson(meeting: Meeting, paragraphs: readonly Paragraph[], ctx: RenderContext): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(meetingDocument(meeting, paragraphs, ctx), null, 2)}\n`);
}
