/** `attendance`: one row per person listed as present at a meeting, joined to `meetings`. */
import type { Attendee, Meeting } from '../../records/types.ts';
import { field, opt, type Row, type TableDef } from '../table.ts';

const ROLES = ['member', 'serving-substitute', 'non-serving-substitute', 'other'] as const;
type Category = (typeof ROLES)[number];

export const attendanceTable: TableDef = {
  name: 'attendance',
  title: { sv: 'Närvaro', en: 'Attendance' },
  description: {
    sv: 'En rad per person i protokollets närvarolista: beslutande, tjänstgörande och ej tjänstgörande ersättare, övriga.',
    en: 'One row per person in the attendance list: members, serving and non-serving substitutes, others.',
  },
  fields: [
    field('meeting_id', 'string', 'Sammanträdets identitet.', 'Identifier of the meeting.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning i listan (från 1).', 'Order in the list (from 1).', {
      constraints: { required: true },
    }),
    field(
      'category',
      'string',
      'member = ledamot, serving-substitute = tjänstgörande ersättare, non-serving-substitute = ej tjänstgörande ersättare, other = övriga.',
      'Member, serving substitute, non-serving substitute or other participant.',
      {
        constraints: { enum: [...ROLES] },
      },
    ),
    field('name', 'string', 'Namn.', 'Name.'),
    field('party', 'string', 'Parti.', 'Party.'),
    field('role', 'string', 'Roll som tryckt, t.ex. "ordförande".', 'Role as printed, e.g. "ordförande" (chair).'),
    field(
      'paragraphs',
      'string',
      'Paragrafer personen deltog i, som tryckt; tomt = hela sammanträdet.',
      'Paragraphs attended, as printed; empty = the whole meeting.',
    ),
    field(
      'replaces_name',
      'string',
      'Ersatt ledamot (för tjänstgörande ersättare).',
      'Member replaced (for a serving substitute).',
    ),
    field('replaces_party', 'string', 'Den ersattes parti.', 'Party of the member replaced.'),
  ],
  primaryKey: ['meeting_id', 'position'],
  foreignKeys: [{ fields: ['meeting_id'], reference: { table: 'meetings', fields: ['meeting_id'] } }],
  rows: (meeting) => listed(meeting).map(([category, a], i) => attendeeRow(meeting.id, i + 1, category, a)),
};

/**
 * Serving substitutes appear both in `members` and in `substitutes` (see records/types.ts); list each person once,
 * but keep a substitute the parser found only in `substitutes`.
 */
function listed(m: Meeting): Array<[Category, Attendee]> {
  const out: Array<[Category, Attendee]> = m.attendance.members.map((a) => [
    a.replaces ? 'serving-substitute' : 'member',
    a,
  ]);
  const seen = new Set(m.attendance.members.map((a) => a.raw));
  for (const a of m.attendance.substitutes) if (!seen.has(a.raw)) out.push(['serving-substitute', a]);
  for (const a of m.attendance.nonServingSubstitutes) out.push(['non-serving-substitute', a]);
  for (const a of m.attendance.others) out.push(['other', a]);
  return out;
}

function attendeeRow(meetingId: string, position: number, category: Category, a: Attendee): Row {
  return {
    meeting_id: meetingId,
    position,
    category,
    name: a.name,
    party: opt(a.party),
    role: opt(a.role),
    paragraphs: opt(a.paragraphsRaw),
    replaces_name: opt(a.replaces?.name),
    replaces_party: opt(a.replaces?.party),
  };
}
