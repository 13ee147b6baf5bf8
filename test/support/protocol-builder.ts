/**
 * Hand-built protocol records for tests: every builder returns a complete, schema-conforming object (see
 * functions/core/records/types.ts) with plain defaults, overridden by whatever the test passes.
 * Shared: other test suites may import these; keep defaults boring and stable.
 */
import { paragraphId } from '../../functions/core/records/ids.ts';
import type {
  Attendee,
  Meeting,
  Paragraph,
  ParseWarning,
  Protocol,
  Section,
} from '../../functions/core/records/types.ts';

export const DEFAULT_MEETING_ID = 'testby-kommunstyrelsen-2024-02-05';

export function buildAttendee(partial: Partial<Attendee> = {}): Attendee {
  const name = partial.name ?? 'Anna Andersson';
  const party = partial.party ?? 'S';
  return { name, party, raw: `${name} (${party})`, ...partial };
}

export function buildSection(partial: Partial<Section> = {}): Section {
  return {
    heading: 'Ärendebeskrivning',
    kind: 'description',
    text: 'Ärendet gäller en testfråga.',
    pages: [1, 1],
    ...partial,
  };
}

export function buildMeeting(partial: Partial<Meeting> = {}): Meeting {
  return {
    id: DEFAULT_MEETING_ID,
    municipality: 'Testby kommun',
    body: 'Kommunstyrelsen',
    date: '2024-02-05',
    place: 'Stadshuset, sammanträdesrum 1',
    attendance: { members: [buildAttendee()], substitutes: [], nonServingSubstitutes: [], others: [] },
    justerare: ['Bertil Berg'],
    justering: {},
    notice: {},
    source: { fileName: 'ks-2024-02-05.pdf', sha256: 'a'.repeat(64), pages: 1, mediaType: 'application/pdf' },
    confidence: 1,
    ...partial,
  };
}

/** A § with one description section and a decision; `id` follows `meetingId` and `number` unless given. */
export function buildParagraph(partial: Partial<Paragraph> = {}): Paragraph {
  const meetingId = partial.meetingId ?? DEFAULT_MEETING_ID;
  const number = partial.number ?? '1';
  const title = partial.title ?? 'Testärende';
  const decision = partial.decision ?? 'Kommunstyrelsen beslutar att godkänna förslaget.';
  return {
    id: paragraphId(meetingId, number),
    meetingId,
    number,
    heading: `§ ${number}`,
    caseNumbers: [],
    title,
    sections: [buildSection()],
    decision,
    decisionItems: [],
    votes: [],
    reservations: [],
    recipients: [],
    documents: [],
    references: [],
    redacted: false,
    immediatelyJusterad: false,
    pages: [1, 1],
    confidence: 1,
    text: `§ ${number}\n${title}\nBeslut\n${decision}`,
    ...partial,
  };
}

export interface ProtocolParts {
  meeting?: Partial<Meeting>;
  /** Each entry is completed with {@link buildParagraph}, its meetingId taken from the meeting. */
  paragraphs?: Array<Partial<Paragraph>>;
  warnings?: ParseWarning[];
}

export function buildProtocol(parts: ProtocolParts = {}): Protocol {
  const meeting = buildMeeting(parts.meeting);
  const paragraphs = (parts.paragraphs ?? [{}]).map((p, i) =>
    buildParagraph({ meetingId: meeting.id, number: String(i + 1), ...p }),
  );
  return { schemaVersion: 1, meeting, paragraphs, warnings: parts.warnings ?? [] };
}
