import type { LineLayout, PageText } from '../records/types.ts';

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
export function toLines(pages: readonly PageText[], plain: readonly boolean[] = plainPages(pages)): Line[] {
  const out: Line[] = [];
  for (const [p, page] of pages.entries()) {
    // Without odd characters "\n" is the only line end, so trailing space can be cut per line after the split.
    const odd = plain[p] !== true && ODD_RE.test(page.text);
    const rows = (odd ? normalizeOdd(page.text) : page.text).split('\n');
    // Marks are used only when they line up one to one with the lines (an extractor's own output always does).
    const layout = page.layout && page.layout.length === rows.length ? page.layout : undefined;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as string;
      out.push(makeLine(flatString(odd ? row : withoutTrailingSpace(row)), page.number, i + 1, layout?.[i]));
    }
  }
  return out;
}

/**
 * The same text as one flat sequential string. split() leaves slices of the page text (and copies of short lines), in
 * one-byte or two-byte form, and with the empty string that is five string representations: every parse stage that
 * reads line texts would see them all, which makes V8's inline caches for `length`, `charCodeAt` and the string
 * methods megamorphic (a generic lookup per access). Lines shorter than a slice's minimum (13) are copies already;
 * a longer one is copied by joining two of its pieces, which builds one new sequential string (a JSON round trip
 * did the same at six times the cost: 11 % of a parse's profile).
 */
export function flatString(text: string): string {
  return text.length < MIN_SLICE ? text : [text.slice(0, 1), text.slice(1)].join('');
}

/** The trimmed text, flat (see flatString) when trimming cut anything. */
export function flatTrim(text: string): string {
  const t = text.trim();
  return t.length === text.length ? text : flatString(t);
}

/**
 * Per page: true when its text holds none of the characters that either the line normaliser (ODD_RE) or the
 * text-layer signal's junk count (text-layer-quality.ts) looks for. One scan answers both questions, and most pages
 * hold none; parseProtocol computes it once and hands it to both. Nothing is remembered between calls.
 */
export function plainPages(pages: readonly PageText[]): boolean[] {
  return pages.map((page) => !UNUSUAL_RE.test(page.text));
}

/**
 * ODD_RE's characters and text-layer-quality.ts's junk (controls other than tab, newline, form feed and carriage
 * return, U+FFFD, private-use code points except the Symbol-font bullets U+F0A7 and U+F0B7), in one class.
 */
const UNUSUAL_RE =
  /[\u0000-\u0008\u000b\u000d-\u001f\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd\ue000-\uf0a6\uf0a8-\uf0b6\uf0b8-\uf8ff]/u;

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
