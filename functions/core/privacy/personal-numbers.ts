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
 */

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
 * A run of exactly 6 or 8 digits, at most one separator, exactly 4 digits, and no digit on either side. Accepted
 * separators: `-`, `+` (100 years or older), a space or no-break space, and the dashes PDF extraction tends to produce
 * (U+2010–U+2013 hyphen/figure/en dash, U+2212 minus). Only fixed-width pieces and one two-way alternation: each start
 * position costs a bounded number of steps, so a scan is linear in the text length.
 */
const CANDIDATE_SOURCE = '(?<!\\d)(\\d{6}|\\d{8})([-+ \\u00a0\\u2010-\\u2013\\u2212]?)(\\d{4})(?!\\d)';

/** Centuries accepted in the 12-digit form; anything else (e.g. the "16" prefix of an organisationsnummer) is not a birth year. */
const CENTURIES = new Set(['18', '19', '20']);

/** Samordningsnummer add this to the day of birth (folkbokföringslagen 18 a §). */
const COORDINATION_DAY_OFFSET = 60;

/** All personnummer and samordningsnummer in `text`, in order, non-overlapping. Never throws. */
export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  if (typeof text !== 'string' || text.length < 10) return [];
  const candidate = new RegExp(CANDIDATE_SOURCE, 'g');
  const matches: PersonalNumberMatch[] = [];
  for (let m = candidate.exec(text); m !== null; m = candidate.exec(text)) {
    const kind = classifyPersonalNumber(m[1] ?? '', m[3] ?? '');
    if (kind !== null) {
      matches.push({ kind, index: m.index, length: m[0].length });
    } else {
      // Rejected shape: resume one character later so no candidate starting inside it is skipped (still linear).
      candidate.lastIndex = m.index + 1;
    }
  }
  return matches;
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
