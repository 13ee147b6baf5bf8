/**
 * Recognises a line that may open a § (paragraph). Only the shape of the line is judged here; whether it really
 * opens a § (and is not a table-of-contents entry, a cross-reference or a list of other §§ inside a §) is decided by
 * paragraph-boundaries.ts from the chain of numbers, the layout and the text that follows.
 *
 * Forms seen in Swedish (and Finland-Swedish) protocols, each reported as a `form` so a template can be learned:
 *   sign-number         "§ 95 2026.016 KS", "§108", "§ 286 Ärendenummer SLK-2024-00067", "- § 17" (a Markdown list)
 *   prefix-sign-number  "KF § 102 DNR: KU.2017.3", "SBN § 38   Dnr 2024/1", "KS AU § 12"
 *   number-sign         "39 § Sammanträdets laglighet", "14§ Lägesrapport", "16 §"
 *   word-number         "Paragraf 12", "Paragraf 12 Val av justerare"
 *   labelled            "Ks 1 Dnr 2012-KS0123" (no § sign: a case-number label must follow the number)
 * A continuation header ("Forts § 16", "Forts. § 23", "§ 71 forts.", "§ 71 (forts.)") repeats a § on its next page:
 * it is recognised (`continuation`) so that it never opens a § of its own.
 * Every regex here is anchored and has no nested quantifiers (linear on adversarial input).
 */
import { isWhitespaceCode } from '../text/whitespace.ts';

export type HeadingForm = 'sign-number' | 'prefix-sign-number' | 'number-sign' | 'word-number' | 'labelled';

export interface HeadingMatch {
  /** The § number as printed ("108", "12a"). */
  number: string;
  /** Body abbreviation printed before the number ("KF", "Ks"), when any. */
  prefix?: string;
  /** Text after the number (case numbers and/or title), trimmed; '' when none. */
  rest: string;
  form: HeadingForm;
  /** "Forts § 16", "§ 71 forts.": the § goes on from an earlier page; not a new §. */
  continuation?: boolean;
}

const MAX_HEADING_LENGTH = 240;
/** "§ 95 …", "KF § 102 …", "§108", "KS AU § 12". The number must be followed by whitespace or the end of the line. */
const SECTION_SIGN_RE =
  /^(?:([A-Za-zÅÄÖåäö]{1,6}|[A-ZÅÄÖ]{1,5}\s+[A-ZÅÄÖ]{1,5})\s+)?§\s*(\d{1,4}[a-z]?)(?:\s+(\S.*))?$/u;
/** "Ks 1 Dnr 2012-KS…": no § sign, so a case-number label must follow the number. */
const LABELLED_RE = /^([A-Za-zÅÄÖåäö]{1,6})\s+(\d{1,4})\s+((?:Dnr|DNR|dnr|Diarienummer|Ärendenummer)\b.*)$/u;
/** "39 § Title", "14§ Title", "16 §". Not "12 §§" (a range) and not "5 kap. 12 §" (the line starts with the number). */
const NUMBER_SIGN_RE = /^(\d{1,4}[a-z]?)\s?§(?!§)(?:\s+(\S.*))?$/u;
/** "Paragraf 12 …". */
const WORD_NUMBER_RE = /^Paragraf\s+(\d{1,4}[a-z]?)(?:\s*[.:]?\s+(\S.*)|[.:]?)$/u;
/** A list bullet a converted document puts before a heading ("- § 17"). */
const BULLET_RE = /^[-–•*]\s+(?=§)/u;
/** "Forts § 16", "Forts. § 23", "Fortsättning § 4", "forts. från § 9". */
const CONTINUED_BEFORE_RE =
  /^(?:Forts(?:ättning)?|FORTS(?:ÄTTNING)?)\.?\s+(?:från\s+)?(?:[A-ZÅÄÖ]{1,6}\s+)?§\s*(\d{1,4}[a-z]?)\s*[.:]?$/iu;
/** What follows the number in "§ 71 forts.", "§ 71 (forts.)", "71 § forts", "§ 71 fortsättning". */
const CONTINUED_REST_RE = /^,?\s*\(?(?:forts\b|forts\.|fortsättning\b)/iu;

export function matchHeadingLine(text: string): HeadingMatch | undefined {
  const line = text.trim();
  if (line.length === 0 || line.length > MAX_HEADING_LENGTH) return undefined;
  const c0 = line.charCodeAt(0);
  if (c0 === 0x2d || c0 === 0x2013 || c0 === 0x2022 || c0 === 0x2a) {
    // "- § 17" alone on its line is a heading a converter made a list item; "- §29 KSAU Byte av …" is a list entry.
    const bullet = BULLET_RE.exec(line);
    if (!bullet) return undefined;
    const bare = matchHeadingLine(line.slice(bullet[0].length));
    return bare && bare.rest === '' ? bare : undefined;
  }
  const c = line.charCodeAt(0);
  const continued =
    (c | 0x20) === 0x66 && (line.startsWith('orts', 1) || line.startsWith('ORTS', 1))
      ? continuedBefore(line)
      : undefined;
  if (continued) return continued;
  if (c >= 0x30 && c <= 0x39) return continuedAfter(numberSign(line));
  if ((c === 0x50 || c === 0x70) && line.startsWith('aragraf', 1)) return wordNumber(line);
  const after = afterPrefix(line);
  if (after === undefined) return undefined;
  const sign = line.charCodeAt(after) === 0xa7 ? SECTION_SIGN_RE.exec(line) : null;
  if (sign) {
    const m: HeadingMatch = {
      number: sign[2] ?? '',
      rest: (sign[3] ?? '').trim(),
      form: sign[1] ? 'prefix-sign-number' : 'sign-number',
    };
    if (sign[1]) m.prefix = sign[1];
    return continuedAfter(m);
  }
  const d = line.charCodeAt(after);
  const labelled = after > 0 && d >= 0x30 && d <= 0x39 ? LABELLED_RE.exec(line) : null;
  if (labelled) {
    return { number: labelled[2] ?? '', prefix: labelled[1] ?? '', rest: (labelled[3] ?? '').trim(), form: 'labelled' };
  }
  return undefined;
}

/**
 * What every form above needs, tested on the untrimmed text without a regex: a "§" anywhere (sign-number,
 * prefix-sign-number, number-sign, the bullet and every continuation header), "Paragraf" first (word-number), or a
 * prefix of 1–6 letters, whitespace and a digit (labelled). False rules the line out; true means matchHeadingLine must
 * look. Most lines of a protocol are ruled out here: a caller that scans every line tests it first (inside
 * matchHeadingLine it would only add work for the callers that ask about few, likely lines).
 */
export function couldBeHeadingLine(text: string): boolean {
  if (text.indexOf('§') >= 0) return true;
  let s = 0;
  while (s < text.length && isWhitespaceCode(text.charCodeAt(s))) s += 1;
  if (text.charCodeAt(s) === 0x50 && text.startsWith('aragraf', s + 1)) return true;
  let i = s;
  while (i < text.length && i - s <= 6 && isHeadingLetter(text.charCodeAt(i))) i += 1;
  if (i === s || i - s > 6) return false;
  let j = i;
  while (j < text.length && isWhitespaceCode(text.charCodeAt(j))) j += 1;
  const d = text.charCodeAt(j);
  return j > i && d >= 0x30 && d <= 0x39;
}

/**
 * What a continuation header ("Forts § 16", "§ 71 forts.", "71 § forts", "KS § 71 forts", "- § 71 forts.") needs of
 * its trimmed text `line`, read from its first characters: "Forts" first, or a "§" where matchHeadingLine looks for
 * it (after a bullet, after the number, after a prefix). False means matchHeadingLine(line)?.continuation is not true.
 */
export function couldContinue(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 0x2d || c === 0x2013 || c === 0x2022 || c === 0x2a) {
    let i = 1;
    while (i < line.length && isWhitespaceCode(line.charCodeAt(i))) i += 1;
    return i > 1 && line.charCodeAt(i) === 0xa7;
  }
  if (c >= 0x30 && c <= 0x39) return signAfterNumber(line);
  if ((c | 0x20) === 0x66 && (line.startsWith('orts', 1) || line.startsWith('ORTS', 1))) return true;
  const after = afterPrefix(line);
  return after !== undefined && line.charCodeAt(after) === 0xa7;
}

/**
 * "39 §", "14§", "5a §": the number (at most five digits read), then a lower-case letter and one space where there
 * are, then "§" (what NUMBER_SIGN_RE needs).
 */
function signAfterNumber(line: string): boolean {
  let i = 0;
  while (i < line.length && i < 5 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i += 1;
  if (line.charCodeAt(i) >= 0x61 && line.charCodeAt(i) <= 0x7a) i += 1;
  if (line[i] === ' ') i += 1;
  return line[i] === '§';
}

function numberSign(line: string): HeadingMatch | undefined {
  // Only a line whose number is followed (after at most one space) by "§" can match: most numbered lines are not.
  if (!signAfterNumber(line)) return undefined;
  const m = NUMBER_SIGN_RE.exec(line);
  return m ? { number: m[1] ?? '', rest: (m[2] ?? '').trim(), form: 'number-sign' } : undefined;
}

function wordNumber(line: string): HeadingMatch | undefined {
  const m = WORD_NUMBER_RE.exec(line);
  return m ? { number: m[1] ?? '', rest: (m[2] ?? '').trim(), form: 'word-number' } : undefined;
}

/** "Forts § 16", "Forts. § 23": a line starting with "F" is tried only here. */
function continuedBefore(line: string): HeadingMatch | undefined {
  const m = CONTINUED_BEFORE_RE.exec(line);
  return m ? { number: m[1] ?? '', rest: '', form: 'sign-number', continuation: true } : undefined;
}

/** "§ 71 forts.", "§ 71 (forts.)", "71 § forts.": a heading whose rest starts with "forts" continues a §. */
function continuedAfter(m: HeadingMatch | undefined): HeadingMatch | undefined {
  if (!m || !CONTINUED_REST_RE.test(m.rest)) return m;
  return { ...m, rest: '', continuation: true };
}

/**
 * Where the regexes would need "§" (or, after a prefix, the number) to stand: 0 for a line starting with "§", after
 * the prefix letters (one word of 1–6, or two upper-case words) and the whitespace that follows them, or undefined
 * when the line has neither shape. Most lines are ruled out by looking at a few characters.
 */
function afterPrefix(line: string): number | undefined {
  if (line.charCodeAt(0) === 0xa7) return 0;
  // Letter runs are read only as far as a prefix can reach (6, then 5 letters): a longer word is not a prefix.
  let i = 0;
  while (i < line.length && i <= 6 && isHeadingLetter(line.charCodeAt(i))) i += 1;
  if (i === 0 || i > 6) return undefined;
  let j = i;
  while (j < line.length && isWhitespaceCode(line.charCodeAt(j))) j += 1;
  if (j === i) return undefined;
  if (line.charCodeAt(j) === 0xa7 || (line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39)) return j;
  // A second prefix word ("KS AU § 12"): upper case, then "§".
  let k = j;
  while (k < line.length && k - j <= 5 && isHeadingLetter(line.charCodeAt(k))) k += 1;
  if (k === j || k - j > 5) return j;
  let m = k;
  while (m < line.length && isWhitespaceCode(line.charCodeAt(m))) m += 1;
  return line.charCodeAt(m) === 0xa7 ? m : j;
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
