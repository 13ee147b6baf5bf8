import type { LineLayout } from '../records/types.ts';
import { isWhitespaceCode } from '../text/whitespace.ts';
import type { Line } from './lines.ts';
import { mayBeKeyStart, NORMALISED_AWAY_RE, startsWithKeyWord } from './section-headings.ts';
import { endsInMarkerWord, MAX_MARKER_LENGTH, type Marker, sectionMarker } from './section-markers.ts';
import { isCapitalCode } from './text-shape.ts';

/**
 * Per-line tests of the section splitter (sections.ts), read from the line's own text with character codes. They are
 * asked of every line of every §, so they copy nothing, and they are called only with line texts: V8 then sees the
 * few string forms lines have (lines.ts, flatString) at each test, where the shared helpers, asked about every kind
 * of string, fall back to slow generic property lookups.
 */

/** A rule: "______", "––––––––", "-----", "====" (three or more, nothing else). */
const RULE_RE = /^[_\-–—=]{3,}$/u;

export function isRule(text: string): boolean {
  // A rule starts with one of its characters: every other line is ruled out by one comparison.
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 0x20) i += 1;
  const c = text.charCodeAt(i);
  if (c !== 0x5f && c !== 0x2d && c !== 0x2013 && c !== 0x2014 && c !== 0x3d) return false;
  const t = text.trim();
  return t.length >= 3 && RULE_RE.test(t);
}

/** Blank: only whitespace (what trim() removes), read in place. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Some line holds more than whitespace. */
export function hasContentLine(lines: readonly Line[]): boolean {
  return firstContentLine(lines) !== undefined;
}

/** The first line that holds more than whitespace. */
export function firstContentLine(lines: readonly Line[]): Line | undefined {
  for (let i = 0; i < lines.length; i += 1) if (!isBlankText((lines[i] as Line).text)) return lines[i];
  return undefined;
}

/**
 * A line that can open nothing: its first non-whitespace character is no capital letter and no rule character, the
 * layout does not emphasise it, and it names no "Bilaga" (or is too long for an attachment line). Every test of the
 * splitter's loop needs one of these (a marker starts with a capital or is emphasised, a rule with its character, an
 * attachment with "Bilaga", a heading or the end of a bulleted list with a capital), so such a line is plain text of
 * the current section.
 */
export function isPlainLine(line: Line): boolean {
  if (line.layout !== undefined && line.layout.emphasis >= 0.8) return false;
  const text = line.text;
  let i = 0;
  while (i < text.length && isWhitespaceCode(text.charCodeAt(i))) i += 1;
  if (i === text.length) return true;
  const c = text.charCodeAt(i);
  if (c === 0x5f || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x3d) return false;
  if (c < 0x80 ? c >= 0x41 && c <= 0x5a : c >= 0xd800 || UPPER_START_RE.test(text[i] as string)) return false;
  // An attachment line is at most 120 characters long (sections.ts): a longer one is not searched for "Bilaga".
  return text.length > 120 || !text.includes('Bilaga');
}

const UPPER_START_RE = /^\p{Lu}/u;

/** The first two non-space characters are capital letters (a cheap test before the all-caps regex). */
export function twoCapitals(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 0x20) i += 1;
  return isCapitalCode(text.charCodeAt(i)) && isCapitalCode(text.charCodeAt(i + 1));
}

export function hasAsciiLower(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return false;
}

/** A capitalised name of up to five words: letters and hyphens, single spaces ("Kommunfullmäktiges handläggning"). */
export const HEADING_SHAPE = /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,4}$/u;

/**
 * HEADING_SHAPE.test(t), read by hand for Latin-1 text (ASCII letters, hyphens, single spaces, À–ÿ less × and ÷);
 * a line with any other character above ASCII goes to the regex. Most lines fail at their first digit or punctuation
 * mark, before the regex would have classified a letter (it calls out of the compiled code for every non-ASCII one).
 */
export function headingShaped(t: string): boolean {
  const first = t.charCodeAt(0);
  if (first < 0x80) {
    if (first < 0x41 || first > 0x5a) return false;
  } else if (!(first >= 0xc0 && first <= 0xde && first !== 0xd7)) return HEADING_SHAPE.test(t);
  let spaces = 0;
  for (let i = 1; i < t.length; i += 1) {
    const c = t.charCodeAt(i);
    if (c === 0x20) {
      // A space starts a new word: at most four more, each at least one character long.
      spaces += 1;
      if (spaces > 4 || i === t.length - 1 || t.charCodeAt(i + 1) === 0x20) return false;
    } else if (c < 0x80) {
      if (c !== 0x2d && !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return false;
    } else if (!(c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)) return HEADING_SHAPE.test(t);
  }
  return true;
}

/**
 * sectionMarker for a line of a § body, with the same answer: most lines are ruled out here, in place and with
 * character codes, before sectionMarker trims the line and asks the vocabulary and the wording rules. The splitter
 * asks this of thousands of lines per protocol, and only of line texts (which keeps V8's view of the strings here
 * narrow; sectionMarker's helpers also serve other callers with other strings).
 */
export function lineMarker(text: string, layout: LineLayout | undefined, body: string): Marker | undefined {
  const emphasised = layout !== undefined && layout.emphasis >= 0.8;
  if (!emphasised && !mayStartMarker(text)) return undefined;
  return sectionMarker(text, layout, body);
}

/**
 * False only when sectionMarker gives an unemphasised line no marker: it needs the vocabulary (a capital, at most 60
 * characters, a key of its length starting with its letter, or a key's first word and a colon or a run of spaces to
 * normalise away), couldBeMarkerTrimmed (read here in place), or a colon early in the line.
 */
function mayStartMarker(text: string): boolean {
  // The bounds trimSpaced would cut the line to (it trims only a line that starts or ends with a space).
  let s = 0;
  let e = text.length;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(e - 1) === 0x20) {
    while (s < e && isWhitespaceCode(text.charCodeAt(s))) s += 1;
    while (e > s && isWhitespaceCode(text.charCodeAt(e - 1))) e -= 1;
  }
  const length = e - s;
  const c = text.charCodeAt(s);
  // Both the vocabulary and couldBeMarkerTrimmed need a capital first: ASCII outside A-Z and the Latin-1 lower-case
  // letters are none; any other character above ASCII is let through.
  const capital = c < 0x80 ? c >= 0x41 && c <= 0x5a : !(c >= 0xdf && c <= 0xff && c !== 0xf7);
  const colon = text.indexOf(':');
  if (colon > 1 && colon <= 60 && text.charCodeAt(colon + 1) === 0x20) return true;
  if (!capital || length === 0) return false;
  // The vocabulary: a key of the line's length starting with its letter, or (for a line with a colon or a run of
  // spaces, which normalising takes out) a key's first word at its start.
  if (
    length <= 60 &&
    (mayBeKeyStart(length, c) || ((colon >= 0 || NORMALISED_AWAY_RE.test(text)) && startsWithKeyWord(text, s)))
  ) {
    return true;
  }
  if (length < 4 || length > MAX_MARKER_LENGTH) return false;
  return text.charCodeAt(e - 1) === 0x3a || mayBeWordedMarkerAt(text, s, e);
}

/** mayBeWordedMarker of text.slice(s, e), read in place. */
function mayBeWordedMarkerAt(text: string, s: number, e: number): boolean {
  let end = e;
  if (text.charCodeAt(end - 1) === 0x3a) end -= 1;
  while (end > s && text.charCodeAt(end - 1) === 0x20) end -= 1;
  const last = text.charCodeAt(end - 1) | 0x20;
  if ((last === 0x74 || last === 0x72 || last === 0x65 || last === 0x67) && endsInMarkerWord(text, end, s)) return true;
  const c1 = text.charCodeAt(s + 1);
  if (c1 >= 0x41 && c1 <= 0x5a) return true;
  return text.startsWith('Förslag', s) || text.startsWith('Beslutsförslag', s);
}
