/** What the read model knows about published data, in the shapes the routes and pages use. */
import type { FileEntry } from '../manifest.ts';

/** One unit partition (municipality, body, year) as listed in the published indexes. */
export interface UnitInfo {
  municipality: string;
  municipalityName: string;
  body: string;
  bodyName: string;
  year: number;
  /** The unit's immutable folder under public/, e.g. "units/alingsas/kommunstyrelsen/2024/3f2a…/". */
  dir: string;
  /** When the unit last changed (ISO time). */
  modified: string;
  /** The unit's data files by name (paragraphs.csv, paragraphs.ndjson, …), as the municipality index lists them. */
  files: Record<string, FileEntry>;
  meetings?: number;
  paragraphs?: number;
}

/** A § as the hot index holds it: enough for lists, filters and pages; the full record is read on demand. */
export interface ParagraphSummary {
  id: string;
  meetingId: string;
  municipality: string;
  municipalityName: string;
  body: string;
  bodyName: string;
  meetingDate: string;
  number: string;
  title: string;
  caseNumbers: string[];
  /** The decision, whitespace collapsed, cut at a word boundary; `decisionTruncated` tells whether it was cut. */
  decisionExcerpt: string;
  decisionTruncated: boolean;
  hasVote: boolean;
  hasReservation: boolean;
  redacted: boolean;
  immediatelyJusterad: boolean;
  pages: [number, number];
}

export interface MeetingSummary {
  id: string;
  municipality: string;
  municipalityName: string;
  body: string;
  bodyName: string;
  date: string;
  /** Published § (held ones are not counted). */
  paragraphs: number;
}

export interface MunicipalitySummary {
  slug: string;
  name: string;
  bodies: number;
  meetings: number;
  paragraphs: number;
  firstMeeting?: string;
  lastMeeting?: string;
}

export interface BodySummary {
  municipality: string;
  municipalityName: string;
  slug: string;
  name: string;
  meetings: number;
  paragraphs: number;
  firstMeeting?: string;
  lastMeeting?: string;
}
