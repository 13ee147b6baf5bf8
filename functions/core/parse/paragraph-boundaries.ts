import type { CaseNumber, ParseWarning } from '../records/types.ts';
import type { Line } from './lines.ts';
import { matchHeadingLine, numberKey, numberValue, type HeadingMatch } from './heading-line.ts';
import { knownHeadingKind } from './section-headings.ts';
import { extractCaseNumbersFromHeading } from '../records/case-numbers.ts';

/** A line chosen as the start of a §. `index` points into the furniture-free line list. */
export interface Boundary {
  index: number;
  match: HeadingMatch;
  caseNumbers: CaseNumber[];
  titleRest: string;
}

interface Candidate extends Boundary {
  key: number;
  score: number;
}

/** How far back the chain search looks; bounds the work to O(candidates × WINDOW). */
const WINDOW = 200;
/** How far ahead a heading's body is inspected for section headings. */
const LOOKAHEAD = 400;

/**
 * Chooses which heading-shaped lines really open a §. Table-of-contents entries, and lines inside a § that list
 * other §§ (e.g. "§ 27 Tekniska nämndens delegationsordning" under "Föredragningar"), also look like headings.
 * The real headings form the best strictly increasing chain of numbers: each candidate scores for a case number, a
 * section heading before the next candidate, standing first on its page and lying in the printed range; numbering
 * gaps cost. Dynamic programming over a bounded window keeps it linear in practice and never loops.
 */
export function findParagraphBoundaries(
  lines: readonly Line[],
  range?: { from: string; to: string },
): { boundaries: Boundary[]; warnings: ParseWarning[] } {
  const candidates = collectCandidates(lines, range);
  const chain = bestChain(candidates);
  return { boundaries: chain, warnings: sequenceWarnings(chain, lines, range) };
}

function collectCandidates(lines: readonly Line[], range?: { from: string; to: string }): Candidate[] {
  const found: Candidate[] = [];
  lines.forEach((line, index) => {
    const match = matchHeadingLine(line.text);
    if (!match) return;
    const key = numberKey(match.number);
    if (Number.isNaN(key)) return;
    const { caseNumbers, titleRest } = extractCaseNumbersFromHeading(match.rest);
    found.push({ index, match, caseNumbers, titleRest, key, score: 0 });
  });
  const from = range ? numberValue(range.from) : Number.NaN;
  const to = range ? numberValue(range.to) : Number.NaN;
  found.forEach((c, k) => {
    const end = Math.min(found[k + 1]?.index ?? lines.length, c.index + LOOKAHEAD);
    let score = 3;
    if (c.caseNumbers.length > 0) score += 2;
    if (hasSectionHeading(lines, c.index + 1, end)) score += 2;
    if (isFirstOnPage(lines, c.index)) score += 1;
    // Table-of-contents entries and §-lists inside a § stand close together; a real § has a body.
    if (found[k + 1] && contentLinesBetween(lines, c.index, found[k + 1]?.index ?? 0) <= 3) score -= 2;
    if (!Number.isNaN(from) && !Number.isNaN(to)) {
      const v = numberValue(c.match.number);
      score += v >= from && v <= to ? 1 : -6;
    }
    c.score = score;
  });
  return found;
}

function hasSectionHeading(lines: readonly Line[], start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (knownHeadingKind(lines[i]?.text ?? '')) return true;
  return false;
}

function contentLinesBetween(lines: readonly Line[], from: number, to: number): number {
  let n = 0;
  for (let i = from + 1; i < to && n <= 3; i += 1) if ((lines[i]?.text ?? '').trim() !== '') n += 1;
  return n;
}

function isFirstOnPage(lines: readonly Line[], index: number): boolean {
  const page = lines[index]?.page;
  for (let i = index - 1; i >= 0; i -= 1) {
    const l = lines[i];
    if (!l || l.page !== page) return true;
    if (l.text.trim() !== '') return false;
  }
  return true;
}

function gapCost(previous: Candidate, next: Candidate): number {
  // key = numberKey(number), so key / 32 rounded down is numberValue(number), without parsing the number again.
  const gap = Math.floor(next.key / 32) - Math.floor(previous.key / 32) - 1;
  return 2 * Math.min(Math.max(gap, 0), 20);
}

function bestChain(candidates: readonly Candidate[]): Candidate[] {
  const best: number[] = [];
  const prev: number[] = [];
  candidates.forEach((c, i) => {
    best[i] = c.score;
    prev[i] = -1;
    for (let j = Math.max(0, i - WINDOW); j < i; j += 1) {
      const p = candidates[j];
      if (!p || p.key >= c.key) continue;
      const total = (best[j] ?? 0) - gapCost(p, c) + c.score;
      if (total > (best[i] ?? 0)) {
        best[i] = total;
        prev[i] = j;
      }
    }
  });
  let end = -1;
  best.forEach((b, i) => {
    if (end < 0 || b > (best[end] ?? 0)) end = i;
  });
  const chain: Candidate[] = [];
  for (let i = end; i >= 0; i = prev[i] ?? -1) {
    const c = candidates[i];
    if (c) chain.unshift(c);
  }
  return chain;
}

function sequenceWarnings(chain: readonly Candidate[], lines: readonly Line[], range?: { from: string; to: string }): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  const at = (c: Candidate) => ({ page: lines[c.index]?.page ?? 0, line: lines[c.index]?.line ?? 0 });
  chain.forEach((c, i) => {
    const p = chain[i - 1];
    if (p && numberValue(c.match.number) - numberValue(p.match.number) > 1) {
      warnings.push({
        code: 'number-gap', paragraph: c.match.number, position: at(c),
        message: `§ ${p.match.number} is followed by § ${c.match.number}`,
      });
    }
  });
  if (range && chain.length > 0) {
    const first = chain[0] as Candidate;
    const last = chain[chain.length - 1] as Candidate;
    if (numberValue(first.match.number) > numberValue(range.from)) {
      warnings.push({ code: 'number-gap', paragraph: first.match.number, position: at(first),
        message: `printed range starts at § ${range.from} but the first § found is § ${first.match.number}` });
    }
    if (numberValue(last.match.number) < numberValue(range.to)) {
      warnings.push({ code: 'number-gap', paragraph: last.match.number, position: at(last),
        message: `printed range ends at § ${range.to} but the last § found is § ${last.match.number}` });
    }
  }
  return warnings;
}
