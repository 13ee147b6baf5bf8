import type { Line } from './lines.ts';
import { matchHeadingLine } from './heading-line.ts';
import { knownHeadingKind } from './section-headings.ts';
import { sectionMarker } from './section-markers.ts';
import { isRule } from './sections.ts';
import { caseNumbersOnlyLine } from '../records/case-numbers.ts';
import { hasOuterWhitespace } from '../text/whitespace.ts';
import { endsDangling, firstWordLength, isBlank, isListItem, listMarker, startsLower } from './text-shape.ts';

const MAX_TITLE_LINES = 4;
/** A line counts as wrapped when the next word would not have fitted: share of the text width a line fills. */
const WRAP_SHARE = 0.62;

/**
 * The title of a §: the rest of the heading line after the case numbers, or the next non-empty line(s) up to the
 * first section heading. A title wraps over several lines when the next line starts in lower case, the line ends in
 * a word that cannot end a title, or the next word would not have fitted on the line (measured against `width`,
 * the document's typical full line length).
 */
export function extractTitle(
  body: readonly Line[],
  titleRest: string,
  width: number,
  heading?: Line,
): { title: string; consumed: number } {
  const parts: string[] = [];
  let i = 0;
  let last: Line | undefined = heading;
  if (titleRest) parts.push(titleRest);
  else {
    while (i < body.length && isBlank(body[i]?.text ?? '')) i += 1;
    const first = body[i]?.text ?? '';
    // A generic word such as "Meddelanden" or "Information" right after the number is the title, not a section.
    if (i >= body.length || !(isTitleLine(first) || isGenericTitle(first))) return { title: '', consumed: 0 };
    parts.push(first.trim());
    last = body[i];
    i += 1;
  }
  while (i < body.length && parts.length < MAX_TITLE_LINES) {
    const next = body[i]?.text ?? '';
    const previous = parts[parts.length - 1] ?? '';
    // The title goes on only if the line is wrapped text that can belong to a title. Each test can end it; the cheap
    // wrapping test comes first, as the line after a one-line title (most titles) seldom looks wrapped.
    if (isBlank(next)) break;
    const dangling = endsDangling(previous);
    const wraps = startsLower(next) || dangling || previous.length + 1 + firstWordLength(next) > width * WRAP_SHARE;
    if (!wraps) break;
    // "… om" / "att se över …": an att-clause continuing a title is not a list item.
    const attContinues = dangling && listMarker(next)?.kind === 'att';
    if (!(isTitleLine(next) || attContinues)) break;
    // A bold title followed by plain text: the title has ended, however the lines wrap.
    if (endsEmphasis(last, body[i])) break;
    last = body[i];
    parts.push(next.trim());
    i += 1;
  }
  // Most titles are one line: taken as they are, without joining an array of one.
  return { title: parts.length === 1 ? (parts[0] as string) : parts.join(' '), consumed: i };
}

/** Not a title: a list item, a rule, a § heading, a section heading (a known one is a marker too) or case numbers. */
function isTitleLine(text: string): boolean {
  return (
    !isBlank(text) &&
    !isListItem(text) &&
    !isRule(text) &&
    !matchHeadingLine(text) &&
    sectionMarker(text) === undefined &&
    (text.length > 80 || caseNumbersOnlyLine(text) === undefined)
  );
}

function endsEmphasis(previous: Line | undefined, next: Line | undefined): boolean {
  const a = previous?.layout;
  const b = next?.layout;
  return a !== undefined && b !== undefined && a.emphasis >= 0.6 && b.emphasis < 0.3;
}

/** The document's typical full line length: the 90th percentile of non-blank line lengths. */
export function typicalWidth(lines: readonly Line[]): number {
  // Counting, not sorting: line lengths are small integers.
  const counts: number[] = [];
  let n = 0;
  for (const l of lines) {
    // Trimmed only when there is something to trim (most lines): the length without a copy of the line.
    const len = hasOuterWhitespace(l.text) ? l.text.trim().length : l.text.length;
    if (len === 0) continue;
    counts[len] = (counts[len] ?? 0) + 1;
    n += 1;
  }
  if (n === 0) return 80;
  const rank = Math.floor(n * 0.9);
  let seen = 0;
  for (let len = 1; len < counts.length; len += 1) {
    seen += counts[len] ?? 0;
    if (seen > rank) return Math.max(40, len);
  }
  return 80;
}

/** A generic word such as "Meddelanden" or "Information" right after the number: the title, not a section. */
function isGenericTitle(first: string): boolean {
  return knownHeadingKind(first) === 'other' && !matchHeadingLine(first) && !isListItem(first);
}
