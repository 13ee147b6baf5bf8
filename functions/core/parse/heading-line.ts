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
  // Both forms start with "§" or a letter: lines starting with anything else (digits, bullets, brackets) are not headings.
  const c = line.charCodeAt(0);
  if (c !== 0xa7 && !isHeadingLetter(c)) return undefined;
  const sign = SECTION_SIGN_RE.exec(line);
  if (sign) {
    const m: HeadingMatch = { number: sign[2] ?? '', rest: (sign[3] ?? '').trim() };
    if (sign[1]) m.prefix = sign[1];
    return m;
  }
  if (c === 0xa7) return undefined;
  const labelled = LABELLED_RE.exec(line);
  if (labelled) return { number: labelled[2] ?? '', prefix: labelled[1] ?? '', rest: (labelled[3] ?? '').trim() };
  return undefined;
}

/** A-Z, a-z, Å, Ä, Ö, å, ä, ö: the letters of the prefix in both heading forms. */
function isHeadingLetter(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || lower === 0xe5 || lower === 0xe4 || lower === 0xf6;
}

/** "12a" → [12, 'a'] for ordering; numbers compare first, then the letter. */
export function numberKey(number: string): number {
  const m = /^(\d{1,6})([a-z]?)$/u.exec(number);
  if (!m) return Number.NaN;
  const letter = m[2] ? m[2].charCodeAt(0) - 96 : 0;
  return Number(m[1]) * 32 + letter;
}

export function numberValue(number: string): number {
  return Math.floor(numberKey(number) / 32);
}
