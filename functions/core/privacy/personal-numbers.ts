/**
 * Finding Swedish personal identity numbers in free text, so that none is ever published.
 *
 * Personnummer (folkbokföringslagen 1991:481, 18 §): birth date YYMMDD (or YYYYMMDD), a three-digit birth number and a
 * check digit, written YYMMDD-NNNC, or YYMMDD+NNNC once the person has turned 100. Samordningsnummer (same law, 18 a §)
 * has the same shape with 60 added to the day (701063-2391 = born 1970-10-03). The check digit is the Luhn (mod 10)
 * digit over the ten digits YYMMDDNNN (Skatteverket, SKV 704 "Personnummer" and SKV 707 "Samordningsnummer").
 * Dataskyddslagen (2018:218) 3 kap. 10 § allows publishing one only when clearly justified: for us, never.
 *
 * Not flagged: organisationsnummer (third digit ≥ 2, so the "month" is ≥ 20 and no date; e.g. 556036-0793), case
 * numbers, phone numbers, dates, amounts and digit runs that are part of a longer run.
 *
 * Why not the `personnummer` npm package here: it reads the clock (`new Date()` without arguments) to infer the century
 * of a 10-digit number, which the pure core must not do (house style), and it throws for control flow. The rules are
 * small enough to state exactly below; the test suite cross-checks this validator against that package as an oracle.
 *
 * Matches carry only kind and position, never the digits: they end up in logs and review lists.
 *
 * What a person reads, not the bytes: the search runs on the folded running text (running-text.ts), so full-width or
 * Arabic-Indic digits, soft hyphens and zero-width characters inside the number, NBSP, em dashes, several spaces, and
 * breaks of a line or a page between the pieces are all found, and masked where they were written.
 */
import { originalSpan, runningText } from './running-text.ts';

export type PersonalNumberKind = 'personnummer' | 'samordningsnummer';

export interface PersonalNumberMatch {
  kind: PersonalNumberKind;
  /** UTF-16 offset of the first digit in the searched text. */
  index: number;
  /** Length of the number as written, separator included. */
  length: number;
}

/** What a personal number is replaced with when masked. */
export const PERSONAL_NUMBER_MASK = '[personnummer borttaget]';

/**
 * The written forms, tried on the folded running text (running-text.ts), so every kind of digit, space, dash and
 * invisible character is already one of ASCII digits, " ", "\n", "-", "+", "." or "/":
 * - the date part compact (YYMMDD, YYYYMMDD) or spaced (YY MM DD, YYYY-MM-DD, YYYY.MM.DD, one separator each);
 * - then a gap of up to two separators from "-+./", each with up to six spaces or line breaks around it (so
 *   "850709 - 9805", "850709-\n9805", "850709\n\n9805" across a page break), or nothing at all;
 * - then the last four digits, and no digit on either side.
 * After a spaced date the gap holds only "-", "+", spaces and line breaks ("12.04.02/2022" is a Finnish archive code).
 * A spaced 12-digit date ("1985-07-09") followed by four digits looks like a date followed by a number: there the
 * gap may not break the line, and the four digits may not continue as a decimal or case number ("2023.563").
 * Every piece has a fixed maximum width and each pattern is tried at most once per start position, so a scan is
 * linear in the length of the text.
 */
const GAP = '(?:[ \\n]{0,6}[-+./]){0,2}[ \\n]{0,6}';
/** After a spaced date only "-", "+" and spaces: "12.04.02/2022" is an archive code, not a number. */
const SPACED_GAP = '(?:[ \\n]{0,6}[-+]){0,2}[ \\n]{0,6}';
const SAME_LINE_GAP = '(?:[ ]{0,6}[-+]){0,2}[ ]{0,6}';
const IN_DATE = '[ .\\-/]';
const FORMS: readonly RegExp[] = [
  new RegExp(`(?<!\\d)(\\d{6})${GAP}(\\d{4})(?!\\d)`, 'g'),
  new RegExp(`(?<!\\d)(\\d{8})${GAP}(\\d{4})(?!\\d)`, 'g'),
  new RegExp(`(?<!\\d)(\\d{2})${IN_DATE}(\\d{2})${IN_DATE}(\\d{2})${SPACED_GAP}(\\d{4})(?!\\d)`, 'g'),
  new RegExp(`(?<!\\d)(\\d{4})${IN_DATE}(\\d{2})${IN_DATE}(\\d{2})${SAME_LINE_GAP}(\\d{4})(?![\\d]|[.,:/]\\d)`, 'g'),
];

/**
 * Arabic-Indic digits are right-to-left: PDF text extraction (pdf.js applies the Unicode bidi algorithm) gives the
 * groups of "٨٥٠٧٠٩-٩٨٠٥" in visual order, "٩٨٠٥-٨٥٠٧٠٩". So for numbers written in those digits the last four may
 * come first. Tried only where the original text has such digits, so ASCII "1234-567890" stays what it is.
 */
const REVERSED = new RegExp(`(?<!\\d)(\\d{4})${GAP}(\\d{6}|\\d{8})(?!\\d)`, 'g');
const RIGHT_TO_LEFT_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/u;

/** Centuries accepted in the 12-digit form; anything else (e.g. the "16" prefix of an organisationsnummer) is not a birth year. */
const CENTURIES = new Set(['18', '19', '20']);

/** Samordningsnummer add this to the day of birth (folkbokföringslagen 18 a §). */
const COORDINATION_DAY_OFFSET = 60;

/** A match with the number itself, for code that must compare numbers (the privacy gate). Never log or store it. */
export interface PersonalNumberHit extends PersonalNumberMatch {
  /** The ten digits YYMMDDNNNC, whatever form they were written in. */
  digits: string;
  /** The digit groups as written in the folded text (e.g. ["850709", "9805"]), to mask fragments left elsewhere. */
  groups: string[];
}

/** All personal numbers in `text`, in order, non-overlapping, with their digits. Never throws. */
export function findPersonalNumberHits(text: string): PersonalNumberHit[] {
  if (typeof text !== 'string' || text.length < 10) return [];
  const running = runningText(text);
  const found: Found[] = [];
  for (const form of FORMS) {
    const pattern = new RegExp(form.source, 'g');
    for (let m = pattern.exec(running.text); m !== null; m = pattern.exec(running.text)) {
      const groups = m.slice(1).filter((g): g is string => g !== undefined);
      const lastFour = groups[groups.length - 1] ?? '';
      const datePart = groups.slice(0, -1).join('');
      const kind = classifyPersonalNumber(datePart, lastFour);
      if (kind !== null)
        found.push({ from: m.index, to: m.index + m[0].length, kind, digits: datePart.slice(-6) + lastFour, groups });
      // Resume one character later: no candidate starting inside this one is skipped (still linear).
      pattern.lastIndex = m.index + 1;
    }
  }
  if (RIGHT_TO_LEFT_DIGIT.test(text)) found.push(...reversedHits(running));
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  const hits: PersonalNumberHit[] = [];
  let end = 0;
  for (const f of found) {
    if (f.from < end) continue;
    end = f.to;
    const { start, end: stop } = originalSpan(running, f.from, f.to);
    hits.push({ kind: f.kind, index: start, length: stop - start, digits: f.digits, groups: f.groups });
  }
  return hits;
}

type Found = { from: number; to: number; kind: PersonalNumberKind; digits: string; groups: string[] };

function reversedHits(running: ReturnType<typeof runningText>): Found[] {
  const out: Found[] = [];
  const pattern = new RegExp(REVERSED.source, 'g');
  for (let m = pattern.exec(running.text); m !== null; m = pattern.exec(running.text)) {
    const span = originalSpan(running, m.index, m.index + m[0].length);
    const lastFour = m[1] ?? '';
    const datePart = m[2] ?? '';
    const kind = RIGHT_TO_LEFT_DIGIT.test(running.source.slice(span.start, span.end))
      ? classifyPersonalNumber(datePart, lastFour)
      : null;
    if (kind !== null)
      out.push({
        from: m.index,
        to: m.index + m[0].length,
        kind,
        digits: datePart.slice(-6) + lastFour,
        groups: [datePart, lastFour],
      });
    pattern.lastIndex = m.index + 1;
  }
  return out;
}

/** All personnummer and samordningsnummer in `text`, in order, non-overlapping. Never throws. */
export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  return findPersonalNumberHits(text).map(({ kind, index, length }) => ({ kind, index, length }));
}

/** True when `text` contains at least one personal number. */
export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}

/** `text` with every personal number replaced by {@link PERSONAL_NUMBER_MASK}. */
export function maskPersonalNumbers(text: string): string {
  const matches = findPersonalNumbers(text);
  if (matches.length === 0) return text;
  let out = '';
  let from = 0;
  for (const { index, length } of matches) {
    out += text.slice(from, index) + PERSONAL_NUMBER_MASK;
    from = index + length;
  }
  return out + text.slice(from);
}

/**
 * Classifies a written number given its date part (YYMMDD or YYYYMMDD) and its last four digits (NNNC).
 * Returns null when it is not a valid personnummer or samordningsnummer.
 */
export function classifyPersonalNumber(datePart: string, lastFour: string): PersonalNumberKind | null {
  if (!/^(?:\d{6}|\d{8})$/.test(datePart) || !/^\d{4}$/.test(lastFour)) return null;
  const century = datePart.length === 8 ? datePart.slice(0, 2) : null;
  if (century !== null && !CENTURIES.has(century)) return null;
  const short = datePart.slice(-6);
  if (!luhnValid(short + lastFour)) return null;
  const yy = Number(short.slice(0, 2));
  const month = Number(short.slice(2, 4));
  const writtenDay = Number(short.slice(4, 6));
  const coordination = writtenDay > COORDINATION_DAY_OFFSET;
  const day = coordination ? writtenDay - COORDINATION_DAY_OFFSET : writtenDay;
  // 10-digit form: the century is not written. Without a clock we accept the date if it exists in 19YY or 20YY; that
  // only matters for 29 February in year 00 (a leap year in 2000, not in 1900), where we err towards flagging.
  const years = century !== null ? [Number(century) * 100 + yy] : [1900 + yy, 2000 + yy];
  if (!years.some((year) => isCalendarDate(year, month, day))) return null;
  return coordination ? 'samordningsnummer' : 'personnummer';
}

/**
 * Luhn (mod 10) over ten digits, weights 2,1,2,1,… from the left, digit sums of the products; valid when the total is
 * a multiple of 10 (SKV 704). Equivalent to computing the check digit over the first nine and comparing.
 */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const product = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return sum % 10 === 0;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Gregorian rule; Sweden's calendar for everyone alive with a personnummer. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
