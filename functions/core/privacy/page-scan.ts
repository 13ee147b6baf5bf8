/**
 * Personal numbers in the extracted pages themselves, before and independently of the parser: a safety net for
 * numbers the parsed record no longer shows whole.
 *
 * Two looks:
 * 1. the whole document as one running text (pages joined by a line break), so a number the parser split between
 *    two fields (a heading and the next line, two attendance rows) is still seen once whole;
 * 2. across every page break with the page furniture in between skipped: the last lines of one page are tried
 *    against the first lines of the next ("850709-" at the foot of page 3, "Justerandes sign", "Sida 4 (9)", the
 *    page header, then "9805" on page 4).
 * A hit carries the pages it spans and its digits, so the privacy gate can tell whether a field of the record already
 * accounts for it. Pure; linear in the text (a fixed number of short line pairs per page break).
 */
import type { PageText } from '../records/types.ts';
import { findPersonalNumberHits, type PersonalNumberKind } from './personal-numbers.ts';

export interface PageHit {
  kind: PersonalNumberKind;
  /** First and last page (1-based, as in `PageText.number`) the number is written on. */
  pages: [number, number];
  /** YYMMDDNNNC. Never log or store it. */
  digits: string;
  /** The digit groups as written, e.g. ["850709", "9805"]. */
  groups: string[];
}

/** Lines at the foot of a page and at the head of the next one that may hold the two halves of a number. */
const TAIL_LINES = 4;
const HEAD_LINES = 10;

export function personalNumbersInPages(pages: readonly PageText[]): PageHit[] {
  return [...wholeDocument(pages), ...acrossPageBreaks(pages)];
}

function wholeDocument(pages: readonly PageText[]): PageHit[] {
  const starts: number[] = [];
  let text = '';
  for (const page of pages) {
    starts.push(text.length);
    text += `${page.text}\n`;
  }
  const pageAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < starts.length && (starts[i + 1] ?? Infinity) <= offset) i += 1;
    return pages[i]?.number ?? 1;
  };
  return findPersonalNumberHits(text).map((h) => ({
    kind: h.kind,
    pages: [pageAt(h.index), pageAt(h.index + h.length - 1)],
    digits: h.digits,
    groups: h.groups,
  }));
}

function acrossPageBreaks(pages: readonly PageText[]): PageHit[] {
  const hits: PageHit[] = [];
  for (let i = 0; i + 1 < pages.length; i += 1) {
    const before = pages[i]!;
    const after = pages[i + 1]!;
    const tail = nonBlankLines(before.text).slice(-TAIL_LINES);
    const head = nonBlankLines(after.text).slice(0, HEAD_LINES);
    for (const end of tail) {
      for (const start of head) {
        const joined = `${end}\n${start}`;
        for (const h of findPersonalNumberHits(joined)) {
          // Only numbers that need both halves: one whole on either line is found by the whole-document look. Trying
          // every pair of lines meets dates ("2024-03-06" in the next page's header): four digits that go on as a
          // date, decimal or case number are not the end of a personnummer.
          const following = joined.slice(h.index + h.length, h.index + h.length + 2);
          if (h.index < end.length && h.index + h.length > end.length + 1 && !/^[-.,/:]\d/u.test(following)) {
            hits.push({ kind: h.kind, pages: [before.number, after.number], digits: h.digits, groups: h.groups });
          }
        }
      }
    }
  }
  return hits;
}

function nonBlankLines(text: string): string[] {
  return text.split(/\r?\n|\f/u).filter((line) => line.trim() !== '');
}
