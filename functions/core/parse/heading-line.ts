/**
 * Recognises a line that may open a § (paragraph). Only the shape of the line is judged here; whether it really
 * opens a § (and is not a table-of-contents entry or a list of other §§ inside a §) is decided by
 * paragraph-boundaries.ts from the sequence of numbers and the text that follows.
 *
 * Forms seen in Swedish protocols:
 *   "§ 95 2026.016 KS", "§108", "§ 286 Ärendenummer SLK-2024-00067", "KF § 102 DNR: KU.2017.3",
 *   "§ 162   Diarienummer 00322/2026", "§ 94 Information och överläggningar", "Ks 1 Dnr 2012-KS0123".
 * Every regex here is anchored and has no nested quantifiers (linear on adversarial input).
 */
import { isWhitespaceCode } from '../text/whitespace.ts';

export interface HeadingMatch {
  /** The § number as printed ("108", "12a"). */
  number: string;
  /** Body abbreviation printed before the number ("KF", "Ks"), when any. */
  prefix?: string;
  /** Text after the number (case numbers and/or title), trimmed; '' when none. */
  rest: string;
}

const MAX_HEADING_LENGTH = 240;
/** "§ 95 …", "KF § 102 …", "§108". The number must be followed by whitespace or the end of the line. */
const SECTION_SIGN_RE = /^(?:([A-Za-zÅÄÖåäö]{1,6})\s+)?§\s*(\d{1,4}[a-z]?)(?:\s+(\S.*))?$/u;
/** "Ks 1 Dnr 2012-KS…": no § sign, so a case-number label must follow the number. */
const LABELLED_RE = /^([A-Za-zÅÄÖåäö]{1,6})\s+(\d{1,4})\s+((?:Dnr|DNR|dnr|Diarienummer|Ärendenummer)\b.*)$/u;

export function matchHeadingLine(text: string): HeadingMatch | undefined {
  const line = text.trim();
  if (line.length === 0 || line.length > MAX_HEADING_LENGTH) return undefined;
  const after = afterPrefix(line);
  if (after === undefined) return undefined;
  const sign = line.charCodeAt(after) === 0xa7 ? SECTION_SIGN_RE.exec(line) : null;
  if (sign) {
    const m: HeadingMatch = { number: sign[2] ?? '', rest: (sign[3] ?? '').trim() };
    if (sign[1]) m.prefix = sign[1];
    return m;
  }
  const c = line.charCodeAt(after);
  const labelled = after > 0 && c >= 0x30 && c <= 0x39 ? LABELLED_RE.exec(line) : null;
  if (labelled) return { number: labelled[2] ?? '', prefix: labelled[1] ?? '', rest: (labelled[3] ?? '').trim() };
  return undefined;
}

/**
 * Where the regexes would need "§" (or, after a prefix, the number) to stand: 0 for a line starting with "§", after
 * the 1–6 prefix letters and the whitespace that follows them, or undefined when the line has neither shape. Both
 * regexes start this way, so most lines are ruled out by looking at a few characters.
 */
function afterPrefix(line: string): number | undefined {
  if (line.charCodeAt(0) === 0xa7) return 0;
  let i = 0;
  while (i < line.length && isHeadingLetter(line.charCodeAt(i))) i += 1;
  if (i === 0 || i > 6) return undefined;
  let j = i;
  while (j < line.length && isWhitespaceCode(line.charCodeAt(j))) j += 1;
  return j > i ? j : undefined;
}

/** A-Z, a-z, Å, Ä, Ö, å, ä, ö: the letters of the prefix in both heading forms. */
function isHeadingLetter(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || lower === 0xe5 || lower === 0xe4 || lower === 0xf6;
}

/** "12a" → [12, 'a'] for ordering; numbers compare first, then the letter. */
export function numberKey(number: string): number {
  // "^(\d{1,6})([a-z]?)$", read by hand: this runs for every candidate heading.
  let value = 0;
  let i = 0;
  for (; i < number.length && i <= 6; i += 1) {
    const d = number.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (i === 0 || i > 6) return Number.NaN;
  if (i === number.length) return value * 32;
  const letter = number.charCodeAt(i);
  return i + 1 === number.length && letter >= 0x61 && letter <= 0x7a ? value * 32 + letter - 96 : Number.NaN;
}

export function numberValue(number: string): number {
  return Math.floor(numberKey(number) / 32);
}
