/**
 * Attendance lists on the cover page: one person per line, possibly wrapped onto the next line.
 * "Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)", "Jan-Erik Wallin (M) (ordförande)",
 * "Johan Ekedahl (punkt A, samhällsbyggnadsförvaltningen, enhetschef\nprojektenheten) §94".
 */
import type { Attendee } from '../../records/types.ts';
import type { Piece } from './fields.ts';
import { PARAGRAPH_REFS_GLOBAL_RE, parseParagraphRanges } from './paragraph-refs.ts';
import { collapseWhitespace, isWhitespaceCode } from '../../text/whitespace.ts';

/** A party letter code as printed in parentheses: S, M, SD, KD, MP, V, C, L, Fi, or "-" for a member without party. */
const PARTY_RE = /^(?:-|–|[A-ZÅÄÖ]{1,5}|[A-ZÅÄÖ][a-zåäö][A-ZÅÄÖ]{0,3})$/u;
const REPLACES_RE = /\s[Ee]rsätter\s/u;
const MASK = '\u0000';

interface Entry {
  lines: string[];
  /** The last characters of the entry, enough to see a dangling "ersätter" (kept short so grouping stays linear). */
  tail: string;
  /** Parenthesis depth at the end of the entry. */
  depth: number;
}

const TAIL_LENGTH = 12;

/** Groups pieces into entries (joining wrapped lines) and parses each. */
export function parseAttendeeList(pieces: readonly Piece[]): Attendee[] {
  const entries: Entry[] = [];
  for (const { text } of pieces) {
    const last = entries.length > 0 ? (entries[entries.length - 1] as Entry) : undefined;
    if (last && continues(last, text)) {
      last.lines.push(text);
      last.tail = tailOf(last.tail, text);
      last.depth = depthAfter(last.depth, text);
    } else {
      entries.push({ lines: [text], tail: tailOf('', text), depth: depthAfter(0, text) });
    }
  }
  // One loop instead of a map/filter chain: no intermediate arrays per list.
  const out: Attendee[] = [];
  for (const e of entries) {
    const text = e.lines.length === 1 ? (e.lines[0] as string) : e.lines.join(' ');
    if (mayBeReferral(text) && REFERRAL_RE.test(text)) continue;
    const a = parseAttendee(text, e.lines.length === 1 ? text : e.lines.join('\n'));
    if (a.name !== '') out.push(a);
  }
  return out;
}

/** "Se närvarolista sid 2", "Enligt bilaga 1": a pointer to a list elsewhere, not a person. */
const REFERRAL_RE = /^(?:Se|Enligt)\s.*(?:närvarolista|bilaga|sid)/iu;

/**
 * REFERRAL_RE can match only text starting with S or E in either case, or with a non-ASCII letter that case-folds to
 * one of them (U+017F long s): everything else is ruled out by its first character without running the regex.
 */
function mayBeReferral(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return c === 0x73 || c === 0x65 || text.charCodeAt(0) >= 0x80;
}

/**
 * The next line continues the entry: an open parenthesis, a dangling "ersätter" (`/(?:\s[Ee]rsätter|,|\s-)$/` on the
 * tail), or a line starting with a lower-case letter a–z, å, ä, ö, é, "(" or "§" ("ersätter …" starts with one).
 * Read by character codes: this runs for every listed person.
 */
function continues(entry: Entry, next: string): boolean {
  if (entry.depth > 0) return true;
  if (endsDangling(entry.tail)) return true;
  const c = next.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || c === 0xe5 || c === 0xe4 || c === 0xf6 || c === 0xe9 || c === 0x28 || c === 0xa7;
}

/** The tail ends in ",", in whitespace + "-", or in whitespace + "ersätter"/"Ersätter". */
function endsDangling(tail: string): boolean {
  const n = tail.length;
  const last = tail.charCodeAt(n - 1);
  if (last === 0x2c) return true;
  if (last === 0x2d) return n >= 2 && isWhitespaceCode(tail.charCodeAt(n - 2));
  if (last !== 0x72 || n < 9 || !tail.endsWith('rsätter')) return false;
  const e = tail.charCodeAt(n - 8);
  return (e === 0x45 || e === 0x65) && isWhitespaceCode(tail.charCodeAt(n - 9));
}

/**
 * The entry's tail after `text`: `" " + text` for a new entry (`before` = ''), else `" " + before + " " + text`, cut to
 * its last TAIL_LENGTH characters. A long line is its own tail (sliced without building the joined string first).
 */
function tailOf(before: string, text: string): string {
  if (text.length >= TAIL_LENGTH) return text.slice(text.length - TAIL_LENGTH);
  const joined = before === '' ? ` ${text}` : ` ${before} ${text}`;
  return joined.length > TAIL_LENGTH ? joined.slice(joined.length - TAIL_LENGTH) : joined;
}

function depthAfter(start: number, text: string): number {
  if (!text.includes('(') && !text.includes(')')) return start;
  let depth = start;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x28) depth += 1;
    else if (c === 0x29) depth = Math.max(0, depth - 1);
  }
  return depth;
}

/**
 * Text with everything inside parentheses (and the parentheses) masked, so searches see only the top level. One MASK
 * per code point (a surrogate pair inside parentheses becomes one MASK); unmasked runs are copied as slices and each
 * masked run is appended at once, not character by character.
 */
function maskParentheses(text: string): string {
  // Without "(" the depth never rises, so nothing is masked.
  if (!text.includes('(')) return text;
  let depth = 0;
  let out = '';
  let from = 0;
  /** Code points in the masked run being read (0: outside a run). */
  let run = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (c === 0x28) depth++;
    if (depth > 0) {
      if (run === 0) out += text.slice(from, i);
      run += 1;
      from = i + width;
    } else if (run > 0) {
      out += MASK.repeat(run);
      run = 0;
    }
    if (c === 0x29) depth = Math.max(0, depth - 1);
    i += width;
  }
  if (run > 0) out += MASK.repeat(run);
  return out + text.slice(from);
}

/** Top-level parenthesised texts, without their outer parentheses ("Ersätter tom (V)-plats" keeps its inner one). */
function parentheticals(text: string, masked: string): string[] {
  const out: string[] = [];
  // Each run of MASKs is one parenthetical; positions are the masked text's (as the name's cut is).
  for (let start = masked.indexOf(MASK); start >= 0; ) {
    let end = start + 1;
    while (end < masked.length && masked.charCodeAt(end) === 0) end += 1;
    if (end === masked.length) {
      out.push(text.slice(start + 1).replace(/\)$/u, ''));
      break;
    }
    out.push(text.slice(start + 1, end - 1));
    start = masked.indexOf(MASK, end);
  }
  return out;
}

interface Person {
  name: string;
  /** Always present (undefined when none): one object shape. */
  party: string | undefined;
  roles: string[];
}

/** Name (text before the first parenthesis or §), party (first party-like parenthetical) and other parentheticals. */
function person(text: string, masked: string): Person {
  const cut = firstOf(masked, MASK, '§');
  const name = collapseWhitespace(withoutTrailingPunctuation(cut >= 0 ? text.slice(0, cut) : text).trim());
  let party: string | undefined;
  const roles: string[] = [];
  // Without a MASK there is no parenthetical: no party, no roles.
  if (masked.includes(MASK)) {
    for (const raw of parentheticals(text, masked)) {
      const p = collapseWhitespace(raw).trim();
      // The first party-like parenthetical is the party; the other non-empty ones are roles.
      if (party === undefined && PARTY_RE.test(p)) party = p;
      else if (p !== '') roles.push(p);
    }
  }
  return { name, party, roles };
}

/** The first position of either single-unit string in `text` (as a search for the class of both), or -1. */
function firstOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

const TRAILING_PUNCTUATION_RE = /[\s,;:]+$/u;

/** Same as `replace(/[\s,;:]+$/u, '')`, without running the regex where the last character ends nothing. */
function withoutTrailingPunctuation(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (!(last === 0x2c || last === 0x3b || last === 0x3a || isWhitespaceCode(last))) return text;
  return text.replace(TRAILING_PUNCTUATION_RE, '');
}

/** The § references printed at the top level of `masked`, as slices of `text` ([...matchAll] without the iterator). */
function paragraphRefs(text: string, masked: string): string[] {
  const refs: string[] = [];
  if (!masked.includes('§')) return refs;
  PARAGRAPH_REFS_GLOBAL_RE.lastIndex = 0;
  for (let m = PARAGRAPH_REFS_GLOBAL_RE.exec(masked); m; m = PARAGRAPH_REFS_GLOBAL_RE.exec(masked)) {
    refs.push(text.slice(m.index, m.index + m[0].length));
  }
  return refs;
}

/** One attendee from its text (wrapped lines joined by a space) and its verbatim lines. */
export function parseAttendee(text: string, raw: string = text): Attendee {
  const masked = maskParentheses(text);
  const refs = paragraphRefs(text, masked);
  // REPLACES_RE needs "rsätter": most entries are ruled out without running it.
  const split = masked.includes('rsätter') ? masked.search(REPLACES_RE) : -1;
  const self = split >= 0 ? text.slice(0, split) : text;
  const selfMasked = split >= 0 ? masked.slice(0, split) : masked;
  const who = person(self, selfMasked);
  const attendee: Attendee = { name: who.name, raw };
  if (who.party !== undefined) attendee.party = who.party;
  if (who.roles.length > 0) attendee.role = who.roles.join(', ');
  if (refs.length > 0) {
    attendee.paragraphsRaw = refs.join(' ');
    attendee.paragraphRanges = refs.flatMap(parseParagraphRanges);
  }
  if (split >= 0) {
    const after = split + (REPLACES_RE.exec(masked.slice(split))?.[0].length ?? 0);
    const replaced = person(text.slice(after), masked.slice(after));
    if (replaced.name) {
      attendee.replaces =
        replaced.party !== undefined ? { name: replaced.name, party: replaced.party } : { name: replaced.name };
    }
  }
  return attendee;
}

/** A serving substitute: replaces someone, or says "(Ersätter …)" for a vacant seat. */
export function isServingSubstitute(a: Attendee): boolean {
  return a.replaces !== undefined || /^ersätter\b/iu.test(a.role ?? '');
}
