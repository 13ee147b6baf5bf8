/**
 * Attendance lists on the cover page: one person per line, possibly wrapped onto the next line.
 * "Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)", "Jan-Erik Wallin (M) (ordförande)",
 * "Johan Ekedahl (punkt A, samhällsbyggnadsförvaltningen, enhetschef\nprojektenheten) §94".
 */
import type { Attendee } from '../../records/types.ts';
import { checkbox, isColumnHeading, joinRoles, roleAfterComma, roleAfterParty } from './attendance-marks.ts';
import type { Piece } from './fields.ts';
import { PARAGRAPH_REFS_GLOBAL_RE, parseParagraphRanges } from './paragraph-refs.ts';
import { collapseWhitespace, isWhitespaceCode } from '../../text/whitespace.ts';

/** A party letter code as printed in parentheses: S, M, SD, KD, MP, V, C, L, Fi, or "-" for a member without party. */
const PARTY_RE = /^(?:-|–|[A-ZÅÄÖ]{1,5}|[A-ZÅÄÖ][a-zåäö][A-ZÅÄÖ]{0,3})$/u;
/** "… ersätter Peter Norlander (S)", "… för Sven Svensson (S)" (a name follows "för": "för del av § 5" replaces nobody). */
const REPLACES_GLOBAL_RE = /\s(?:[Ee]rsätter|för(?=\s+\p{Lu}))\s/gu;
const MASK = '\u0000';

interface Entry {
  lines: string[];
  /**
   * The last characters of the entry, enough to see a dangling "ersätter": its last line when that is long enough,
   * else a short join (tailOf), so grouping stays linear.
   */
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
    // "[ ] Eklund Karita": an empty box, not there; "[X] Lindvall Mikael": the box is no part of the name.
    const { box, rest } = checkbox(text);
    if (box === 'empty' || isColumnHeading(rest)) continue;
    const a = parseAttendee(rest, e.lines.length === 1 ? text : e.lines.join('\n'));
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
 * its last TAIL_LENGTH characters, or longer: endsDangling reads at most the last 9 characters of a tail of at least
 * 9, so a line of TAIL_LENGTH or more is its own tail, uncut (no string made).
 */
function tailOf(before: string, text: string): string {
  if (text.length >= TAIL_LENGTH) return text;
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
 * What the searches of an attendee's text read: `view` is the text with everything inside top-level parentheses (and
 * the parentheses) masked, so that a "§" or "ersätter" inside them is not seen; `groups` lists the masked runs as
 * [start, end) pairs of `view` positions (one run per parenthetical; "(a)(b)" is one run). Positions in `view` slice
 * the text too.
 */
export interface Masked {
  view: string;
  groups: number[];
}

const NO_GROUPS: number[] = [];

/**
 * The masked view of `text`. Masking only replaces characters (one MASK per code point), so where that keeps every
 * position (no surrogate pair inside parentheses) and no MASK is in the text already, the text is its own view and
 * the runs come from one scan, without building the masked string; otherwise the masked string is built and its MASK
 * runs read.
 */
export function masking(text: string): Masked {
  const hasMask = text.includes(MASK);
  if (!text.includes('(')) return { view: text, groups: hasMask ? maskRuns(text) : NO_GROUPS };
  const groups = hasMask ? undefined : parenthesisRuns(text);
  return groups ? { view: text, groups } : maskedView(text);
}

/** The masked view built the full way: the masked string and its MASK runs (what masking's shortcut must equal). */
export function maskedView(text: string): Masked {
  const masked = maskParentheses(text);
  return { view: masked, groups: maskRuns(masked) };
}

/**
 * The runs maskParentheses masks, read from `text` by the same depth rule; undefined when a surrogate pair stands
 * inside one (it becomes one MASK, which shifts the positions after it).
 */
function parenthesisRuns(text: string): number[] | undefined {
  const runs: number[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x28) depth++;
    if (depth > 0) {
      if (start < 0) start = i;
      if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return undefined;
    } else if (start >= 0) {
      runs.push(start, i);
      start = -1;
    }
    if (c === 0x29) depth = Math.max(0, depth - 1);
  }
  if (start >= 0) runs.push(start, text.length);
  return runs;
}

/** The runs of MASK characters in `masked`, as [start, end) pairs. */
function maskRuns(masked: string): number[] {
  const runs: number[] = [];
  for (let start = masked.indexOf(MASK); start >= 0; ) {
    let end = start + 1;
    while (end < masked.length && masked.charCodeAt(end) === 0) end += 1;
    runs.push(start, end);
    start = masked.indexOf(MASK, end);
  }
  return runs;
}

/**
 * Text with everything inside parentheses (and the parentheses) masked. One MASK per code point (a surrogate pair
 * inside parentheses becomes one MASK); unmasked runs are copied as slices and each masked run is appended at once,
 * not character by character.
 */
function maskParentheses(text: string): string {
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

/** Position `i` of the view lies in a masked run. */
function inGroup(groups: readonly number[], i: number): boolean {
  for (let k = 0; k < groups.length; k += 2) {
    if (i < (groups[k] as number)) return false;
    if (i < (groups[k + 1] as number)) return true;
  }
  return false;
}

/** The first top-level match of a global regex in the view, or null (a match never crosses into a run: see callers). */
function topLevelMatch(re: RegExp, m: Masked, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  for (let x = re.exec(m.view); x; x = re.exec(m.view)) {
    if (!inGroup(m.groups, x.index)) return x;
  }
  return null;
}

interface Person {
  name: string;
  /** Always present (undefined when none): one object shape. */
  party: string | undefined;
  /** The other non-empty parentheticals joined by ", " (undefined when none: most people print only a party). */
  role: string | undefined;
}

/**
 * Name (text before the first parenthesis or top-level §), party (first party-like parenthetical) and the other
 * parentheticals, of the part of the attendee's text from view position `from` to `to` (`text` and `view` are that
 * part, sliced). A run ending at the part's end may be unclosed: its text runs to the end, less a final ")".
 */
function person(text: string, view: string, m: Masked, from: number): Person {
  const to = from + view.length;
  let cut = firstTopLevelSection(view, m, from);
  let party: string | undefined;
  let role: string | undefined;
  let afterFirst = -1;
  for (let k = 0; k < m.groups.length; k += 2) {
    const start = (m.groups[k] as number) - from;
    if (start < 0) continue;
    if (start + from >= to) break;
    if (cut < 0 || start < cut) cut = start;
    const end = (m.groups[k + 1] as number) - from;
    if (afterFirst < 0) afterFirst = end;
    const raw = end >= view.length ? text.slice(start + 1).replace(/\)$/u, '') : text.slice(start + 1, end - 1);
    const p = collapseWhitespace(raw).trim();
    // The first party-like parenthetical is the party; the other non-empty ones are roles.
    if (party === undefined && PARTY_RE.test(p)) party = p;
    else if (p !== '') role = role === undefined ? p : `${role}, ${p}`;
  }
  const written = collapseWhitespace(withoutTrailingPunctuation(cut >= 0 ? text.slice(0, cut) : text).trim());
  // Roles printed outside parentheses: after a comma in the name, after the first parenthetical (attendance-marks.ts).
  const { name, role: commaRole } = roleAfterComma(written);
  const partyRole = afterFirst >= 0 && afterFirst < view.length ? roleAfterParty(text, afterFirst) : undefined;
  return { name, party, role: joinRoles(commaRole, partyRole, role) };
}

/** The position in the part (see person) of its first "§" outside the masked runs, or -1. */
function firstTopLevelSection(view: string, m: Masked, from: number): number {
  for (let i = view.indexOf('§'); i >= 0; i = view.indexOf('§', i + 1)) {
    if (!inGroup(m.groups, i + from)) return i;
  }
  return -1;
}

/** Same as `replace(/[\s,;:]+$/u, '')`: trailing whitespace, commas, semicolons and colons cut off. */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  for (; end > 0; end -= 1) {
    const c = text.charCodeAt(end - 1);
    if (!(c === 0x2c || c === 0x3b || c === 0x3a || isWhitespaceCode(c))) break;
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * The § references printed at the top level, as slices of `text` ([...matchAll] without the iterator). A reference
 * is "§", digits, whitespace and separators: it never takes in a parenthesis, so no match crosses into a masked run.
 */
function paragraphRefs(text: string, m: Masked): string[] {
  const refs: string[] = [];
  if (!m.view.includes('§')) return refs;
  PARAGRAPH_REFS_GLOBAL_RE.lastIndex = 0;
  for (let x = PARAGRAPH_REFS_GLOBAL_RE.exec(m.view); x; x = PARAGRAPH_REFS_GLOBAL_RE.exec(m.view)) {
    if (!inGroup(m.groups, x.index)) refs.push(text.slice(x.index, x.index + x[0].length));
  }
  return refs;
}

/** One attendee from its text (wrapped lines joined by a space) and its verbatim lines. */
export function parseAttendee(text: string, raw: string = text): Attendee {
  return attendeeFrom(text, raw, masking(text));
}

/** One attendee from its text, its verbatim lines and the text's masked view. */
export function attendeeFrom(text: string, raw: string, m: Masked): Attendee {
  const refs = paragraphRefs(text, m);
  // REPLACES_RE needs "rsätter" or " för ": most entries are ruled out without running it. The match is whitespace and letters
  // only, so it never crosses into a masked run.
  const replaces =
    m.view.includes('rsätter') || m.view.includes(' för ') ? topLevelMatch(REPLACES_GLOBAL_RE, m, 0) : null;
  const split = replaces ? replaces.index : -1;
  const who = split >= 0 ? person(text.slice(0, split), m.view.slice(0, split), m, 0) : person(text, m.view, m, 0);
  const attendee: Attendee = { name: who.name, raw };
  if (who.party !== undefined) attendee.party = who.party;
  if (who.role !== undefined) attendee.role = who.role;
  if (refs.length > 0) {
    attendee.paragraphsRaw = refs.join(' ');
    attendee.paragraphRanges = refs.flatMap(parseParagraphRanges);
  }
  if (replaces) {
    const after = replaces.index + replaces[0].length;
    const replaced = person(text.slice(after), m.view.slice(after), m, after);
    if (replaced.name) {
      attendee.replaces =
        replaced.party !== undefined ? { name: replaced.name, party: replaced.party } : { name: replaced.name };
    }
  }
  return attendee;
}

/** A serving substitute: replaces someone, or says "(Ersätter …)" for a vacant seat. */
export function isServingSubstitute(a: Attendee): boolean {
  return a.replaces !== undefined || VACANT_SEAT_RE.test(a.role ?? '');
}

const VACANT_SEAT_RE = /^ersätter\b/iu;
