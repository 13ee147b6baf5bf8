import type { Line } from './lines.ts';
import { isWhitespaceCode } from '../text/whitespace.ts';
import { couldContinue, matchHeadingLine } from './heading-line.ts';

/**
 * What a single line's wording says about it as page furniture, before any counting (page-furniture.ts decides with
 * the counts and the page zones): e-signature stamps, signature boxes, page counters, the "Protokoll" and date lines
 * of a page header, a body name. Each test first checks what its regex needs at the ends of the line, so most lines
 * are decided without running a regex.
 */

/** Furniture wherever it appears: a page counter ("Sida 3", "Sida 3 av 12", "Sida 3/12", "Sida 3 (12)"). */
const PAGE_COUNTER_RE = /^Sida\s+\d{1,4}(?:\s*(?:av|\/)\s*\d{1,4}|\s*\(\d{1,4}\))?$/iu;
/** E-signature margin text (often rotated): a reference with a UUID or hex transaction id, or the bare UUID. */
const SIGNATURE_REFERENCE_RE =
  /^(?:(?:Signature|Document|Dokument|Signatur|Transaction|Transaktion)(?:\s?(?:reference|referens|id|ID|nummer))?\s*:?\s*)?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/u;
/**
 * Furniture when the same text recurs (≥ 2 times) in a document: "Protokoll", "Protokoll nr 3", "Sammanträdesdatum",
 * "Sammanträdesdatum: 2024-01-10", a bare date. Each starts with its own character, so a line tries at most one.
 */
const REPEATED_PROTOKOLL_RE = /^Protokoll(?:\s+nr\.?\s*\d{1,4})?$/iu;
const REPEATED_MEETING_DATE_RE = /^Sammanträdesdatum:?(?:\s+\d{4}-\d{2}-\d{2})?$/iu;
const REPEATED_DATE_RE = /^\d{4}-\d{2}-\d{2}$/u;
/**
 * Alingsås prints "Paragrafen är justerad" on the pages of a § once it is signed: a stamp, furniture wherever it stands
 * (it is not omedelbar justering, see fields/immediate-justering.ts), although page-furniture.ts's NEVER_FURNITURE guards
 * "justerad".
 */
const JUSTERING_STAMP_RE = /^Paragrafen\s+är\s+justerad\.?$/iu;

/** Signature-box words: a line made only of these ("Justerandes sign Justerandes sign Utdragsbestyrkande"). */
const SIGNATURE_WORDS = new Set([
  'justerandes',
  'justerande',
  'ordförandes',
  'sekreterarens',
  'sign',
  'sign.',
  'signatur',
  'signaturer',
  'utdragsbestyrkande',
]);

const LONGEST_SIGNATURE_WORD = Math.max(...[...SIGNATURE_WORDS].map((w) => w.length));
/**
 * The first two letters of the signature words ("ju", "or", "se", "si", "ut"): a table indexed by the two char codes
 * (OR-ed with 0x20) when both lie in 0x60–0x7f, where every word starts.
 */
const SIGNATURE_STARTS = new Uint8Array(32 * 32);
for (const w of SIGNATURE_WORDS) SIGNATURE_STARTS[(w.charCodeAt(0) - 0x60) * 32 + w.charCodeAt(1) - 0x60] = 1;

function isSignatureStart(a: number, b: number): boolean {
  return a >= 0x60 && a < 0x80 && b >= 0x60 && b < 0x80 && SIGNATURE_STARTS[(a - 0x60) * 32 + b - 0x60] === 1;
}

/**
 * A signature box: a line of signature words only ("Justerandes sign   Utdragsbestyrkande"), compared without case.
 * Exported for its property test (test/unit/parse-cheap-tests.test.ts).
 */
export function isSignatureBox(text: string): boolean {
  // The first two characters rule out almost every line (ASCII letters only: | 0x20 lower-cases them).
  if (!isSignatureStart(text.charCodeAt(0) | 0x20, text.charCodeAt(1) | 0x20)) return false;
  // Then every word (at most 12), read in place: all of them signature words, not all "sign…" ("Sign Sign" is no box).
  let words = 0;
  let allSign = true;
  for (let at = 0; at < text.length; ) {
    let end = at;
    while (end < text.length && end - at <= LONGEST_SIGNATURE_WORD && !isWhitespaceCode(text.charCodeAt(end))) end += 1;
    const word = signatureWord(text, at, end);
    words += 1;
    if (words > 12 || word === undefined) return false;
    if (!word.startsWith('sign')) allSign = false;
    at = end;
    while (at < text.length && isWhitespaceCode(text.charCodeAt(at))) at += 1;
  }
  return !allSign;
}

const SIGNATURE_WORD_LIST = [...SIGNATURE_WORDS];

/**
 * The signature word text[from, to) is when lower-cased, compared in place (no slice, no toLowerCase): A–Z and Ö
 * lower-case by code, and the Kelvin sign K to "k", the only other characters toLowerCase turns into a letter of
 * these words ("İ" becomes two characters, so it matches none, as the lower-cased slice would not).
 */
function signatureWord(text: string, from: number, to: number): string | undefined {
  for (const w of SIGNATURE_WORD_LIST) {
    if (w.length !== to - from) continue;
    let k = 0;
    while (k < w.length && lowerCode(text.charCodeAt(from + k)) === w.charCodeAt(k)) k += 1;
    if (k === w.length) return w;
  }
  return undefined;
}

function lowerCode(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c | 0x20;
  return c === 0xd6 ? 0xf6 : c === KELVIN_SIGN ? 0x6b : c;
}

const PROTOKOLL_WORD_RE = /protokoll\b/iu;
const ORTS_RE = /orts/iu;
const PROTOKOLLS_START_RE = /^protokolls/iu;
const BODY_LINE_SHAPE_RE = /^[A-ZÅÄÖ][\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u;
const BODY_WORD_END_RE = /(?:styrelse|nämnd|fullmäktige|utskott)\p{L}*$/iu;

/**
 * What a line's text alone says about it (bits): furniture ANYWHERE; REPEATED furniture when the text recurs twice;
 * a PROTOKOLL header line when it recurs three times; a BODY name (texts without page breaks); a STAMP (removed).
 */
export const ANYWHERE = 1;
export const REPEATED = 2;
export const PROTOKOLL = 4;
export const BODY = 8;
export const STAMP = 16;

/** The kind bits of a line from its trimmed text `t` (non-empty) and layout; BODY only when `bodyLines`. */
export function lineKind(t: string, bodyLines: boolean, line: Line): number {
  if (line.layout?.rotated) return STAMP;
  const n = t.length;
  const c0 = t.charCodeAt(0);
  const last = t.charCodeAt(n - 1);
  // Each test below first checks what its regex needs at the ends of the line (a first letter, a length, a last
  // character): most lines are decided without running a regex. /iu folds "ſ" to "s" and "K" (Kelvin) to "k".
  if ((c0 | 0x20) === 0x70 && n >= 22 && ((last | 0x20) === 0x64 || last === 0x2e) && JUSTERING_STAMP_RE.test(t)) {
    return STAMP;
  }
  // "Forts § 16" / "§ 71 forts." / "§ 5 FORTS." start with F, §, a digit or a prefix: tried only when "§" stands where
  // a continuation header has it (couldContinue) and "orts" is in the line, in any case (as matchHeadingLine reads it).
  if (
    n <= 60 &&
    (c0 === 0x46 ||
      c0 === 0x66 ||
      c0 === 0xa7 ||
      t.charCodeAt(1) === 0x20 ||
      t.charCodeAt(2) === 0x20 ||
      t.charCodeAt(3) === 0x20 ||
      (c0 >= 0x30 && c0 <= 0x39)) &&
    couldContinue(t) &&
    ORTS_RE.test(t) &&
    matchHeadingLine(t)?.continuation
  ) {
    return STAMP;
  }
  // A signature reference ends in "-" and twelve hex digits.
  if (n >= 32 && n <= 90 && t.charCodeAt(n - 13) === 0x2d && isReferenceStart(c0) && SIGNATURE_REFERENCE_RE.test(t)) {
    return STAMP;
  }
  if (isSignatureStart(c0 | 0x20, t.charCodeAt(1) | 0x20) && isSignatureBox(t)) return ANYWHERE;
  const s0 = startsWithS(t);
  const digitEnd = last >= 0x30 && last <= 0x39;
  if (s0 && (digitEnd || last === 0x29) && PAGE_COUNTER_RE.test(t)) return ANYWHERE;
  let s = 0;
  if (isRepeatedFurniture(t, c0, s0, last, digitEnd)) s |= REPEATED;
  if (n <= 60 && mayHoldProtokoll(t) && PROTOKOLL_WORD_RE.test(t) && !PROTOKOLLS_START_RE.test(t)) s |= PROTOKOLL;
  if (bodyLines && isBodyLine(t)) s |= BODY;
  return s;
}

/** A short line shaped like a body name ("Kommunstyrelsen", "Barn- och utbildningsnämnden"): the BODY bit's test. */
export function isBodyLine(t: string): boolean {
  return t.length <= 40 && isUpperStart(t.charCodeAt(0)) && BODY_WORD_END_RE.test(t) && BODY_LINE_SHAPE_RE.test(t);
}

/**
 * How far a search for "protokoll" may move on when its 9-character window ends in a given character: the distance
 * from that character's last place in "protokol" to the end (l 1, o 2, k 3, t 5, r 7, p 8), 9 for any other. Upper
 * case alike; /iu also reads "K" (U+212A) as "k". This is the skip table of a Boyer–Moore–Horspool search.
 */
const PROTOKOLL_SHIFT = new Uint8Array(128).fill(9);
for (let j = 0; j < 8; j += 1) {
  PROTOKOLL_SHIFT['protokoll'.charCodeAt(j)] = 8 - j;
  PROTOKOLL_SHIFT['PROTOKOLL'.charCodeAt(j)] = 8 - j;
}
const KELVIN_SIGN = 0x212a;

/**
 * Whether "p" and "l" (any case) stand eight characters apart somewhere, which PROTOKOLL_WORD_RE needs: false rules
 * the line out without running the regex. Windows are skipped by PROTOKOLL_SHIFT, so a line is read in a few steps.
 */
export function mayHoldProtokoll(t: string): boolean {
  for (let end = 8; end < t.length; ) {
    const c = t.charCodeAt(end);
    if ((c | 0x20) === 0x6c && (t.charCodeAt(end - 8) | 0x20) === 0x70) return true;
    end += c < 128 ? (PROTOKOLL_SHIFT[c] as number) : c === KELVIN_SIGN ? 3 : 9;
  }
  return false;
}

/** REPEATED_*_RE, the one that can match by the first character: "Protokoll …" ends in "l" or a digit, a date in one. */
function isRepeatedFurniture(t: string, c0: number, s0: boolean, last: number, digitEnd: boolean): boolean {
  if ((c0 | 0x20) === 0x70) return ((last | 0x20) === 0x6c || digitEnd) && REPEATED_PROTOKOLL_RE.test(t);
  if (s0) return ((last | 0x20) === 0x6d || last === 0x3a || digitEnd) && REPEATED_MEETING_DATE_RE.test(t);
  return t.length === 10 && c0 >= 0x30 && c0 <= 0x39 && REPEATED_DATE_RE.test(t);
}

/** A-Z, Å, Ä, Ö: the first character BODY_LINE_SHAPE_RE allows. */
function isUpperStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0xc5 || c === 0xc4 || c === 0xd6;
}

/** A signature reference starts with a hex digit or its label (Signature, Document/Dokument, Transaction/Transaktion). */
function isReferenceStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x53 || c === 0x54;
}

/** "s", "S" or "ſ" (which /iu folds to "s"). */
function startsWithS(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c | 0x20) === 0x73 || c === 0x17f;
}
