import type { LineLayout, PageText } from '../records/types.ts';
import { hasOuterWhitespace } from '../text/whitespace.ts';

/** One line of source text with its position. The unit every parse stage works on. */
export interface Line {
  text: string;
  /** 1-based page number in the source. */
  page: number;
  /** 1-based line number within the page. */
  line: number;
  /** Layout marks, when the extractor gave them (PDF, Markdown, HTML); undefined for plain text. */
  layout: LineLayout | undefined;
}

/**
 * Every Line is made here, with its properties always in the same order and always present: one object shape for
 * every line of every document keeps the property reads in every parse stage monomorphic (fast).
 */
export function makeLine(text: string, page: number, line: number, layout: LineLayout | undefined): Line {
  return { text, page, line, layout };
}

/**
 * Pages → lines. Normalises line endings, non-breaking and odd spaces, soft hyphens and trailing space,
 * but keeps every line (blank ones too) so positions match the source.
 */
export function toLines(pages: readonly PageText[], chars: readonly PageChars[] = scanPages(pages)): Line[] {
  const out: Line[] = [];
  for (const [p, page] of pages.entries()) {
    const kind = chars[p] ?? 'unusual';
    // Without odd characters "\n" is the only line end, so trailing space can be cut per line after the split.
    const odd = kind === 'unusual' && ODD_RE.test(page.text);
    const text = odd ? normalizeOdd(page.text) : page.text;
    // Lines of a Latin-1 page are slices of a one-byte text, copied below; any other page's are fresh copies.
    const rows = kind === 'latin1' ? text.split('\n') : compactRows(text, kind === 'wide');
    // Marks are used only when they line up one to one with the lines (an extractor's own output always does).
    const layout = page.layout && page.layout.length === rows.length ? page.layout : undefined;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as string;
      const cut = odd ? row : withoutTrailingSpace(row);
      out.push(makeLine(cut === row && kind !== 'latin1' ? row : flatString(cut), page.number, i + 1, layout?.[i]));
    }
  }
  return out;
}

/**
 * The text's lines as fresh flat strings, each in the narrowest form V8 has for it: one byte per character when all
 * its characters are Latin-1 (å, ä, ö and é are), as nearly every line of a Swedish protocol is. A page holding one
 * dash or quotation mark (U+2013, U+201D) is stored two bytes per character, and split() would leave its lines as
 * slices of it, two-byte too: every later regex, search and comparison on a line, and on each text joined from lines,
 * would run on the slower form (5–15 % of the rest of a parse, measured on the corpus). JSON.parse is the one native
 * reader that copies strings and narrows them, so the lines are read as one JSON array of strings: the text becomes
 * its JSON with "\n" as the separator between array items. Only quotation marks, backslashes and control characters
 * need escaping; a plain page (scanPages) holds no control characters but tab, newline and form feed, and most
 * pages hold none of them, so each escape is one native search when not needed. Other pages: JSON.stringify.
 */
function compactRows(text: string, plain: boolean): string[] {
  if (!plain) return JSON.parse(JSON.stringify(text.split('\n'))) as string[];
  let body = text;
  for (const [c, escaped] of JSON_ESCAPES) if (body.includes(c)) body = body.replaceAll(c, escaped);
  // Joined, not concatenated: concatenation builds a rope that JSON.parse would first copy into one flat string.
  return JSON.parse(['["', body.replaceAll('\n', '","'), '"]'].join('')) as string[];
}

/** The characters of a plain page that JSON strings cannot hold as they are, backslash first. */
const JSON_ESCAPES: ReadonlyArray<readonly [string, string]> = [
  ['\\', '\\\\'],
  ['"', '\\"'],
  ['\t', '\\t'],
  ['\f', '\\f'],
];

/**
 * The same text as one flat sequential string. slice() and trim() leave slices of the line (copies when shorter than
 * 13 characters): every parse stage that reads line texts would then see slices and flat strings, in one-byte and
 * two-byte form, and V8's inline caches for `length`, `charCodeAt` and the string methods turn megamorphic (a generic
 * lookup per access). A longer one is copied by joining two of its pieces, which builds one new sequential string in
 * the form of its source (compactRows has narrowed that already).
 */
export function flatString(text: string): string {
  return text.length < MIN_SLICE ? text : [text.slice(0, 1), text.slice(1)].join('');
}

/** The trimmed text, flat (see flatString) when trimming cut anything. */
export function flatTrim(text: string): string {
  if (!hasOuterWhitespace(text)) return text;
  const t = text.trim();
  return t.length === text.length ? text : flatString(t);
}

/**
 * What a page's characters are, for the stages that read its text whole: 'unusual' when it holds any of the characters
 * that either the line normaliser (ODD_RE) or the text-layer signal's junk count (text-layer-quality.ts) looks for;
 * otherwise 'latin1' when none is beyond U+00FF (such a text is one byte per character, and so are its slices), else
 * 'wide'. Most pages are not 'unusual', and about half of a corpus's are 'latin1'.
 */
export type PageChars = 'latin1' | 'wide' | 'unusual';

/**
 * Per page, what its characters are (PageChars): one scan answers the line normaliser, compactRows and the text-layer
 * signal, and parseProtocol hands the answer to each. The scan stops at the first character that is unusual or beyond
 * Latin-1; only a page with a wide character is searched on from there for an unusual one. Nothing is remembered
 * between calls.
 */
export function scanPages(pages: readonly PageText[]): PageChars[] {
  return pages.map((page) => pageChars(page.text));
}

function pageChars(text: string): PageChars {
  BEYOND_PLAIN_LATIN1_RE.lastIndex = 0;
  if (!BEYOND_PLAIN_LATIN1_RE.test(text)) return 'latin1';
  UNUSUAL_RE.lastIndex = BEYOND_PLAIN_LATIN1_RE.lastIndex - 1;
  return UNUSUAL_RE.test(text) ? 'unusual' : 'wide';
}

/**
 * ODD_RE's characters and text-layer-quality.ts's junk (controls other than tab, newline, form feed and carriage
 * return, U+FFFD, private-use code points except the Symbol-font bullets U+F0A7 and U+F0B7), in one class; and the
 * same class's Latin-1 part with everything beyond U+00FF, a class of a few ranges that is quicker to test. No `u`
 * flag: neither class holds an astral or a surrogate code point, so code units and code points answer alike.
 */
const UNUSUAL_RE =
  /[\u0000-\u0008\u000b\u000d-\u001f\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd\ue000-\uf0a6\uf0a8-\uf0b6\uf0b8-\uf8ff]/g;
const BEYOND_PLAIN_LATIN1_RE = /[\u0000-\u0008\u000b\u000d-\u001f\u00a0\u00ad\u0100-\uffff]/g;

/** V8 copies substrings shorter than this; longer ones become slices of their parent. */
const MIN_SLICE = 13;

function withoutTrailingSpace(row: string): string {
  let end = row.length;
  while (end > 0 && (row[end - 1] === ' ' || row[end - 1] === '\t')) end -= 1;
  return end === row.length ? row : row.slice(0, end);
}

/** Characters the first three replacements touch, and the separators (besides \n) that end a line for `$`. */
const ODD_RE = /[\r\u00a0\u2000-\u200a\u202f\u205f\u3000\u00ad\u200b\u200c\u200d\ufeff\u2028\u2029]/u;
const TRAILING_RE = /[ \t]\n|[ \t]$/u;
/** What ends a line for the trailing-space rule: \n and the Unicode line/paragraph separators (kept as they are). */
const LINE_END_RE = /(\n|\u2028|\u2029)/u;

/**
 * Spaces and tabs before every line end removed, line by line with withoutTrailingSpace: linear, where a
 * `/[ \t]+$/gm` replace is quadratic on a long run of spaces that does not end a line (found by the fuzz bench).
 */
function stripTrailingSpace(text: string): string {
  return text.split(LINE_END_RE).map(withoutTrailingSpace).join('');
}

export function normalizeText(text: string): string {
  // Extracted text rarely holds any of these: one scan decides whether the replacements are needed at all.
  if (ODD_RE.test(text)) return normalizeOdd(text);
  return TRAILING_RE.test(text) ? stripTrailingSpace(text) : text;
}

function normalizeOdd(text: string): string {
  return stripTrailingSpace(
    text
      .replace(/\r\n?/gu, '\n')
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu, ' ')
      .replace(/[\u00ad\u200b\u200c\u200d\ufeff]/gu, ''),
  );
}
