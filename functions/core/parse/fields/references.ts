import type { Reference } from '../../records/types.ts';
import { isoDate, swedishMatchToIso } from '../../text/swedish-dates.ts';
import { abbreviates, firstBodyName } from './body-names.ts';
import { collapseWhitespace, isWhitespaceCode } from '../../text/whitespace.ts';

/** "§ 68" at a "§" found by indexOf (sticky: matched only where it stands). */
const SECTION_NUMBER_RE = /§\s{0,3}(\d{1,4}[a-z]?)(?![\d:/.]\d)/uy;

/**
 * A date right before "§ N": "den 20 maj 2026, ", "2022-10-24, ", "11 maj, " (year missing: no ISO date). Captures
 * day, month and year (1–3) or the ISO date's year, month and day (4–6).
 */
const DATE_BEFORE_RE =
  /(?:den\s)?(?:(\d{1,2})\s(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s(\d{4}))?|(\d{4})-(\d{2})-(\d{2})),?\s?$/iu;
const ABBREVIATION_AFTER_RE = /^\s?([A-ZÅÄÖ]{2,6}(?:\s[A-ZÅÄÖ]{2,4})?)(?![\p{L}\d])(?:\s?-?\s?(\d{4}-\d{2}-\d{2}))?/u;
const ABBREVIATION_BEFORE_RE = /(?:^|[\s(])([A-ZÅÄÖ]{2,6})\s$/u;
const LAW_BEFORE_RE = /kap\.?\s?\d{0,3}\s?$/iu;
const WINDOW = 240;
/** The last letters of the month names, in the case variants /iu accepts ("ſ" folds to "s"). */
const MONTH_ENDINGS = new Set(['i', 'l', 's', 'j', 'r', 'I', 'L', 'S', 'J', 'R', 'ſ']);
const UPPER_RE = /\p{Lu}/u;
const LAST_WORD_RE = /(\p{L}+)$/u;
/** Words whose abbreviation dot does not end a sentence: "4 kap. Kommunallagen", "bl.a. Kommunstyrelsen". */
const ABBREVIATED_WORD_RE = /^(?:kap|kl|nr|m\.?fl|bl\.?a|resp|st|ca)$/iu;

/**
 * References to other §§: "Kommunstyrelsens arbetsutskott har den 20 maj 2026, § 68 behandlat ärendet",
 * "Kommunfullmäktige antog den 6 november 2024, §149", "(KF 2024-11-06, §149)", and document lines such as
 * "§68 KSAU …" or "§ 174 SBN 2022-10-24". Law citations ("4 kap. § 20") are not references. The same § cited twice
 * (in prose and in Beslutsunderlag) is kept once, with the fuller wording.
 */
export function referencesFrom(texts: readonly string[]): Reference[] {
  // Most section texts cite no §: they are passed over without a call or an empty array each.
  const found: Reference[] = [];
  for (const text of texts) if (hasSectionNumber(text)) referencesIn(text, found);
  return found.length === 0 ? found : dedupe(found);
}

function referencesIn(text: string, found: Reference[]): void {
  const flat = flatAroundSigns(text);
  for (let at = flat.indexOf('§'); at >= 0; at = flat.indexOf('§', at + 1)) {
    SECTION_NUMBER_RE.lastIndex = at;
    const m = SECTION_NUMBER_RE.exec(flat);
    if (!m) continue;
    const before = flat.slice(Math.max(0, at - WINDOW), at);
    if (LAW_BEFORE_RE.test(before.slice(-12)) || flat.slice(at - 1, at) === '§') continue;
    const number = m[1] ?? '';
    const after = flat.slice(at + m[0].length, at + m[0].length + 40);
    const ref = prose(before, at, m[0].length, number, flat) ?? docLine(after, at, m[0].length, number, flat);
    found.push(ref ?? { raw: m[0], number });
  }
}

/**
 * What a reference reads of the squashed text around its "§": the window before it and the 40 characters of a date
 * before the window's sentence start (sentenceStart looks back WINDOW from the date), and after it the number (at
 * most 7 characters with its space) and the 40 characters a document line is read from.
 */
const READ_BEFORE = WINDOW + 40;
const READ_AFTER = 48;
/** Raw characters kept before the first "§" and after the last: twice what is read, as whitespace runs squash. */
const RAW_BEFORE = 2 * READ_BEFORE;
const RAW_AFTER = 2 * READ_AFTER;

/**
 * The text with whitespace runs squashed, from READ_BEFORE squashed characters before its first "§" to READ_AFTER
 * after its last (or from its start, to its end, where they are nearer): references read nothing outside that, and
 * most of a long section lies outside it. Squashing is local (a run cut at the edge still squashes to its one
 * space), so every offset a reference reads from the first "§" on holds the same text as in the whole squashed text;
 * and where the kept part starts at least READ_BEFORE before the first "§", no window reaches its start, so no
 * clamping at offset 0 differs. When the raw margins squash to less than that, the whole text is squashed.
 * (Exported for its property test.)
 */
export function flatAroundSigns(text: string): string {
  const first = text.indexOf('§');
  const from = Math.max(0, first - RAW_BEFORE);
  const to = Math.min(text.length, lastSign(text, first) + RAW_AFTER);
  if (from === 0 && to === text.length) return collapseWhitespace(text);
  const flat = collapseWhitespace(text.slice(from, to));
  const flatFirst = flat.indexOf('§');
  const enoughBefore = from === 0 || flatFirst >= READ_BEFORE;
  const enoughAfter = to === text.length || flat.length - lastSign(flat, flatFirst) >= READ_AFTER;
  return enoughBefore && enoughAfter ? flat : collapseWhitespace(text);
}

/** The last "§" from the first on (forward searches: lastIndexOf compares the text's tail character by character). */
function lastSign(text: string, first: number): number {
  let last = first;
  for (let at = text.indexOf('§', first + 1); at >= 0; at = text.indexOf('§', at + 1)) last = at;
  return last;
}

/**
 * A "§" followed (after any whitespace) by a digit: texts without one have no reference. A loop, because a regex
 * search for "§" is many times slower than indexOf.
 */
function hasSectionNumber(text: string): boolean {
  for (let at = text.indexOf('§'); at >= 0; at = text.indexOf('§', at + 1)) {
    let i = at + 1;
    while (i < text.length && isWhitespaceCode(text.charCodeAt(i))) i += 1;
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function prose(before: string, at: number, len: number, number: string, flat: string): Reference | undefined {
  const date = mayEndInDate(before) ? DATE_BEFORE_RE.exec(before.slice(-40)) : null;
  if (!date) return undefined;
  const dateStart = at - (before.slice(-40).length - date.index);
  const iso = dateOf(date);
  const sentence = sentenceStart(flat, dateStart);
  const head = flat.slice(sentence, dateStart);
  const name = firstBodyName(head);
  const abbr = name ? null : ABBREVIATION_BEFORE_RE.exec(head);
  let start = dateStart;
  const ref: Reference = { raw: '', number };
  if (name) {
    ref.body = head.slice(name.start, name.end);
    start = sentence + name.start;
  } else if (abbr) {
    ref.body = abbr[1] ?? '';
    start = dateStart - (head.length - head.lastIndexOf(ref.body));
  }
  if (iso) ref.date = iso;
  ref.raw = flat.slice(start, at + len).trim();
  return ref;
}

/**
 * The ISO date of a DATE_BEFORE_RE match, read from its captures: what findDate reads from the matched text (a day,
 * month name and year; an ISO date; a date without its year is none).
 */
function dateOf(m: RegExpExecArray): string | undefined {
  if (m[4] !== undefined) return isoDate(Number(m[4]), Number(m[5]), Number(m[6]));
  return m[3] === undefined ? undefined : swedishMatchToIso(m);
}

/**
 * DATE_BEFORE_RE ends in a digit (year, ISO date) or the last letter of a month name (januari, mars, april, maj,
 * september …), then an optional comma and one optional space: one character decides before the regex runs.
 */
function mayEndInDate(before: string): boolean {
  let end = before.length;
  if (end > 0 && isWhitespaceCode(before.charCodeAt(end - 1))) end -= 1;
  if (end > 0 && before[end - 1] === ',') end -= 1;
  const c = before[end - 1] ?? '';
  return (c >= '0' && c <= '9') || MONTH_ENDINGS.has(c);
}

function docLine(after: string, at: number, len: number, number: string, flat: string): Reference | undefined {
  const m = ABBREVIATION_AFTER_RE.exec(after);
  if (!m) return undefined;
  const ref: Reference = { raw: flat.slice(at, at + len + m[0].length).trim(), number, body: m[1] ?? '' };
  if (m[2]) {
    // An ISO date, "2022-10-24" (what findDate reads from it).
    const iso = isoDate(Number(m[2].slice(0, 4)), Number(m[2].slice(5, 7)), Number(m[2].slice(8, 10)));
    if (iso) ref.date = iso;
  }
  return ref;
}

/** Start of the sentence containing `pos`: after the last ". X" within the window, never before the window. */
function sentenceStart(flat: string, pos: number): number {
  const floor = Math.max(0, pos - WINDOW);
  for (let i = pos - 2; i > floor; i -= 1) {
    const c = flat.charCodeAt(i); // ". ! ? :" then a space (codes: no one-character string per position)
    if (
      (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a) &&
      flat.charCodeAt(i + 1) === 0x20 &&
      UPPER_RE.test(flat[i + 2] ?? '')
    ) {
      const word = LAST_WORD_RE.exec(flat.slice(Math.max(floor, i - 6), i))?.[1] ?? '';
      if (!ABBREVIATED_WORD_RE.test(word)) return i + 2;
    }
  }
  return floor;
}

function compatible(a: Reference, b: Reference): boolean {
  if (a.number !== b.number) return false;
  if (a.date && b.date && a.date !== b.date) return false;
  if (!a.body || !b.body) return true;
  // "Kommunstyrelsen" and "kommunstyrelsens" (genitive) name the same body.
  const x = a.body.toLowerCase().replace(/s$/u, '');
  const y = b.body.toLowerCase().replace(/s$/u, '');
  return x === y || abbreviates(a.body, b.body) || abbreviates(b.body, a.body);
}

function richness(r: Reference): number {
  return (r.date ? 2 : 0) + (r.body ? (r.body.length > 6 ? 2 : 1) : 0);
}

/**
 * Keeps the first of compatible references (the richer wording in its place). Only references to the same § number
 * can be compatible, so each is compared with those alone (in order): linear in the number of distinct §§ cited.
 */
function dedupe(refs: Reference[]): Reference[] {
  const out: Reference[] = [];
  const byNumber = new Map<string, number[]>();
  for (const r of refs) {
    const key = r.number ?? '';
    const same = byNumber.get(key);
    const i = same === undefined ? -1 : firstCompatible(out, same, r);
    if (i < 0) {
      if (same === undefined) byNumber.set(key, [out.length]);
      else same.push(out.length);
      out.push(r);
    } else if (richness(r) > richness(out[i] as Reference)) out[i] = r;
  }
  return out;
}

/** The first of the references at `indices` (in order) compatible with `r`, or -1. */
function firstCompatible(out: readonly Reference[], indices: readonly number[], r: Reference): number {
  for (const k of indices) if (compatible(out[k] as Reference, r)) return k;
  return -1;
}
