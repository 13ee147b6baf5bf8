// TEMPORARY stand-in for functions/core/parse/meeting/ (owned by another engineer); deleted when it lands.
import type { Line } from '../lines.ts';
import type { Meeting, ParseHints, ParseWarning, SourceInfo } from '../../records/types.ts';
import { meetingId } from '../../records/ids.ts';
import { findDate } from '../../text/swedish-dates.ts';

export function parseMeetingHeader(
  lines: Line[],
  input: { source: SourceInfo; hints?: ParseHints },
): { meeting: Meeting; warnings: ParseWarning[] } {
  const head = lines.slice(0, 60).map((l) => l.text).join('\n');
  const date = input.hints?.date ?? findDate(head) ?? '';
  const municipality = input.hints?.municipality ?? '';
  const body = input.hints?.body ?? '';
  const range = /Paragrafer\s+(§§?\s*(\d+)(?:\s*-\s*(\d+))?)/u.exec(head);
  const meeting: Meeting = {
    id: meetingId(municipality, body, date),
    municipality, body, date,
    attendance: { members: [], substitutes: [], nonServingSubstitutes: [], others: [] },
    justerare: [], justering: {}, notice: {}, source: input.source,
  };
  if (range) meeting.paragraphRange = { from: range[2] ?? '', to: range[3] ?? range[2] ?? '', raw: range[1] ?? '' };
  return { meeting, warnings: [] };
}
