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
export function toLines(pages: readonly PageText[]): Line[] {
  const out: Line[] = [];
  for (const page of pages) {
    // Without odd characters "\n" is the only line end, so trailing space can be cut per line after the split.
    const odd = ODD_RE.test(page.text);
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
 * methods megamorphic (a generic lookup per access). A JSON round trip copies any string exactly (lone surrogates
 * too). Counted with cachegrind (marginal instructions per pass over the corpus texts): this branch's parser takes
 * 392M with the copy, main's 426M (the branch's other changes account for about 1% of the difference).
 */
function flatString(text: string): string {
  return text.length === 0 ? '' : (JSON.parse(JSON.stringify(text)) as string);
}

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
