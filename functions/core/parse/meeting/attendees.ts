/**
 * Attendance lists on the cover page: one person per line, possibly wrapped onto the next line.
 * "Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)", "Jan-Erik Wallin (M) (ordförande)",
 * "Johan Ekedahl (punkt A, samhällsbyggnadsförvaltningen, enhetschef\nprojektenheten) §94".
 */
import type { Attendee } from '../../records/types.ts';
import type { Piece } from './fields.ts';
import { PARAGRAPH_REFS_GLOBAL_RE, parseParagraphRanges } from './paragraph-refs.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

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
    const last = entries.at(-1);
    if (last && continues(last, text)) {
      last.lines.push(text);
      last.tail = ` ${last.tail} ${text}`.slice(-TAIL_LENGTH);
      last.depth = depthAfter(last.depth, text);
    } else {
      entries.push({ lines: [text], tail: ` ${text}`.slice(-TAIL_LENGTH), depth: depthAfter(0, text) });
    }
  }
  return entries
    .map((e) => ({ text: e.lines.join(' '), raw: e.lines.join('\n') }))
    .filter((e) => !REFERRAL_RE.test(e.text))
    .map((e) => parseAttendee(e.text, e.raw))
    .filter((a) => a.name !== '');
}

/** "Se närvarolista sid 2", "Enligt bilaga 1": a pointer to a list elsewhere, not a person. */
const REFERRAL_RE = /^(?:Se|Enligt)\s.*(?:närvarolista|bilaga|sid)/iu;

/** The next line continues the entry: an open parenthesis, a dangling "ersätter", or a lower-case/"("/"§" start. */
function continues(entry: Entry, next: string): boolean {
  if (entry.depth > 0) return true;
  if (/(?:\s[Ee]rsätter|,|\s-)$/u.test(entry.tail)) return true;
  return /^(?:[a-zåäöé(§]|ersätter\s)/u.test(next);
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
 * per code point (a surrogate pair inside parentheses becomes one MASK); unmasked runs are copied as slices, not
 * character by character.
 */
function maskParentheses(text: string): string {
  // Without "(" the depth never rises, so nothing is masked.
  if (!text.includes('(')) return text;
  let depth = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (c === 0x28) depth++;
    if (depth > 0) {
      out += text.slice(from, i) + MASK;
      from = i + width;
    }
    if (c === 0x29) depth = Math.max(0, depth - 1);
    i += width;
  }
  return out + text.slice(from);
}

/** Top-level parenthesised texts, without their outer parentheses ("Ersätter tom (V)-plats" keeps its inner one). */
function parentheticals(text: string, masked: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] === MASK && start < 0) start = i;
    if (masked[i] !== MASK && start >= 0) {
      out.push(text.slice(start + 1, i - 1));
      start = -1;
    }
  }
  if (start >= 0) out.push(text.slice(start + 1).replace(/\)$/u, ''));
  return out;
}

interface Person {
  name: string;
  party?: string;
  roles: string[];
}

/** Name (text before the first parenthesis or §), party (first party-like parenthetical) and other parentheticals. */
function person(text: string, masked: string): Person {
  const cut = masked.search(/[\u0000§]/u);
  const name = collapseWhitespace(withoutTrailingPunctuation(cut >= 0 ? text.slice(0, cut) : text).trim());
  const parts = parentheticals(text, masked).map((p) => collapseWhitespace(p).trim());
  const partyAt = parts.findIndex((p) => PARTY_RE.test(p));
  return {
    name,
    ...(partyAt >= 0 ? { party: parts[partyAt] } : {}),
    roles: parts.filter((_, i) => i !== partyAt && parts[i] !== ''),
  };
}

const TRAILING_PUNCTUATION_RE = /[\s,;:]+$/u;

/** Same as `replace(/[\s,;:]+$/u, '')`, without running the regex where the last character ends nothing. */
function withoutTrailingPunctuation(text: string): string {
  const last = text[text.length - 1];
  if (last === undefined || !(last === ',' || last === ';' || last === ':' || /\s/u.test(last))) return text;
  return text.replace(TRAILING_PUNCTUATION_RE, '');
}

/** One attendee from its text (wrapped lines joined by a space) and its verbatim lines. */
export function parseAttendee(text: string, raw: string = text): Attendee {
  const masked = maskParentheses(text);
  const refs = masked.includes('§')
    ? [...masked.matchAll(PARAGRAPH_REFS_GLOBAL_RE)].map((m) => text.slice(m.index, m.index + m[0].length))
    : [];
  const split = masked.search(REPLACES_RE);
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
      attendee.replaces = { name: replaced.name, ...(replaced.party !== undefined ? { party: replaced.party } : {}) };
    }
  }
  return attendee;
}

/** A serving substitute: replaces someone, or says "(Ersätter …)" for a vacant seat. */
export function isServingSubstitute(a: Attendee): boolean {
  return a.replaces !== undefined || /^ersätter\b/iu.test(a.role ?? '');
}
