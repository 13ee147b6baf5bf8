/** Small predicates on the shape of a line, shared by the parse stages. All regexes are anchored and linear. */
import { collapseWhitespace, hasOuterWhitespace, isWhitespaceCode } from '../text/whitespace.ts';

/** Bullet glyphs: •, ▪, the Symbol-font bullet U+F0B7 that PDFs from Word leave behind, dashes and "o". */
const BULLET_RE = /^(?:[•▪●◦‣∙\uf0b7\uf0a7]|[-–—](?=\s|\p{Lu})|o(?=\s))\s*/u;
const NUMBERED_RE = /^(\d{1,2})[.)](?=\s)\s*/u;
const LETTERED_RE = /^([a-zA-Z])[.)/](?=\s)\s*/u;
const ATT_RE = /^att(?=\s)\s*/u;

export interface ListMarker {
  /** "1", "a", "•", "-", "att" as printed (without the trailing dot or bracket). */
  label: string;
  kind: 'number' | 'letter' | 'bullet' | 'att';
  /** The text after the marker. */
  rest: string;
}

/** Character codes a bullet marker starts with (BULLET_RE): •, ▪, ●, ◦, ‣, ∙, U+F0B7, U+F0A7, -, –, —, o. */
function isBulletStart(c: number): boolean {
  if (c < 0x80) return c === 0x2d || c === 0x6f;
  return (
    c === 0x2022 ||
    c === 0x25aa ||
    c === 0x25cf ||
    c === 0x25e6 ||
    c === 0x2023 ||
    c === 0x2219 ||
    c === 0xf0b7 ||
    c === 0xf0a7 ||
    c === 0x2013 ||
    c === 0x2014
  );
}

/** text.trim(), without the call for a text that neither starts nor ends with whitespace (most lines). */
function trimmed(text: string): string {
  return hasOuterWhitespace(text) ? text.trim() : text;
}

/**
 * The list marker a line starts with. Each regex is tried, in order, only where the first characters allow it to
 * match: most lines start with none of these and are decided without running a regex.
 */
export function listMarker(text: string): ListMarker | undefined {
  const t = trimmed(text);
  const c = t.charCodeAt(0);
  let m = c >= 0x30 && c <= 0x39 ? NUMBERED_RE.exec(t) : null;
  if (m) return { label: m[1] ?? '', kind: 'number', rest: t.slice(m[0].length) };
  const second = t[1];
  const letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  m = letter && (second === '.' || second === ')' || second === '/') ? LETTERED_RE.exec(t) : null;
  if (m) return { label: m[1] ?? '', kind: 'letter', rest: t.slice(m[0].length) };
  m = isBulletStart(c) ? BULLET_RE.exec(t) : null;
  if (m) return { label: m[0].trim() || '•', kind: 'bullet', rest: t.slice(m[0].length) };
  m = c === 0x61 && t.startsWith('att') ? ATT_RE.exec(t) : null;
  if (m) return { label: 'att', kind: 'att', rest: t.slice(m[0].length) };
  return undefined;
}

export function isListItem(text: string): boolean {
  return listMarker(text) !== undefined;
}

/** Whether the text is empty or only whitespace (what trim removes), read without trimming it. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Ends a sentence (or a lead-in): ". ! ? :" possibly followed by a closing quote or bracket. */
const SENTENCE_END_RE = /[.!?:]["”’)]?$/u;
const UPPER_START_RE = /^\p{Lu}/u;
const LOWER_START_RE = /^[\p{Ll}0-9(]/u;
const FIRST_WORD_RE = /^\S*/u;

export function endsSentence(text: string): boolean {
  return SENTENCE_END_RE.test(text.trim());
}

export function startsUpper(text: string): boolean {
  return UPPER_START_RE.test(text.trim());
}

export function startsLower(text: string): boolean {
  return LOWER_START_RE.test(text.trim());
}

/** Words that cannot end a heading or a title line that is complete: a line ending in one of them wraps. */
const DANGLING = new Set([
  'och',
  'i',
  'för',
  'med',
  'om',
  'av',
  'till',
  'samt',
  'på',
  'mot',
  'att',
  'som',
  'från',
  'vid',
  'inom',
  'under',
  'efter',
  'är',
  'en',
  'ett',
  'den',
  'det',
  'de',
  'eller',
  'genom',
  'gällande',
  'avseende',
  'angående',
  'inför',
  'mellan',
]);

const LONGEST_DANGLING = Math.max(...[...DANGLING].map((w) => w.length));
const LETTER_RE = /^\p{L}$/u;

export function endsDangling(text: string): boolean {
  const t = text.trim();
  const end = t[t.length - 1];
  if (end === '-' || end === '–' || end === ',') return true;
  // The last word: the run of letters (\p{L}) at the end, read backwards; a run longer than any dangling word stops.
  let start = t.length;
  while (start > 0 && t.length - start <= LONGEST_DANGLING) {
    const width = letterBefore(t, start);
    if (width === 0) break;
    start -= width;
  }
  const word = t.slice(start);
  return word.length > 0 && word.length <= LONGEST_DANGLING && DANGLING.has(word.toLowerCase());
}

/** The length (1 or 2 code units) of the letter that ends at `end`, or 0 when the character there is no letter. */
function letterBefore(t: string, end: number): number {
  const c = t.charCodeAt(end - 1);
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? 1 : 0;
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const high = t.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return LETTER_RE.test(t.slice(end - 2, end)) ? 2 : 0;
  }
  return LETTER_RE.test(t[end - 1] as string) ? 1 : 0;
}

export function firstWordLength(text: string): number {
  return FIRST_WORD_RE.exec(text.trim())?.[0].length ?? 0;
}

/** Collapses all whitespace runs to one space. */
export function squash(text: string): string {
  return collapseWhitespace(text).trim();
}

/** How many spaces and tabs stand before the text (where its first other character is). */
export function leadingIndent(text: string): number {
  let n = 0;
  while (n < text.length && (text.charCodeAt(n) === 0x20 || text.charCodeAt(n) === 0x09)) n += 1;
  return n;
}

/** A-Z, Å, Ä, Ö or É by character code: the capitals Swedish headings and markers start with (a cheap gate). */
export function isCapitalCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0xc5 || c === 0xc4 || c === 0xd6 || c === 0xc9;
}
