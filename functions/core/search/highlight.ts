import { words } from './fold.ts';
import type { ParsedQuery } from './parse-query.ts';
import { termOf } from './tokenize.ts';

/** A stretch of a text [start, end) in UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Where the words of a text stand that a query matched: a word matches when its term is one of the query's terms or
 * starts with one of its prefixes (the same test the index makes), so a person sees why a § was found —
 * "detaljplanen" marked for the query "detaljplan". Ascending, not overlapping.
 */
export function matchRanges(text: string, query: ParsedQuery): Range[] {
  if (query.terms.length === 0 && query.prefixes.length === 0) return [];
  const terms = new Set(query.terms);
  const out: Range[] = [];
  for (const w of words(text)) {
    const term = termOf(w.folded);
    if (term === null) continue;
    if (terms.has(term) || query.prefixes.some((p) => term.startsWith(p) || w.folded.startsWith(p)))
      out.push({ start: w.start, end: w.end });
  }
  return out;
}

/** A text cut to about `max` characters around its first match (on word boundaries), with the matches in the cut. */
export interface Snippet {
  text: string;
  ranges: Range[];
  /** Whether text was left out before or after. */
  cutBefore: boolean;
  cutAfter: boolean;
}

export function snippet(text: string, query: ParsedQuery, max = 280): Snippet {
  const all = matchRanges(text, query);
  if (text.length <= max) return { text, ranges: all, cutBefore: false, cutAfter: false };
  const first = all[0]?.start ?? 0;
  // Some context before the first match, then as much after as fits.
  let start = Math.max(0, first - Math.floor(max / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const ranges = all
    .filter((r) => r.start >= start && r.end <= end)
    .map((r) => ({ start: r.start - start, end: r.end - start }));
  return { text: text.slice(start, end), ranges, cutBefore: start > 0, cutAfter: end < text.length };
}
