import type { CaseNumber, ParseWarning, TemplateProfile } from '../records/types.ts';
import type { Line } from './lines.ts';
import { couldBeHeadingLine, matchHeadingLine, numberKey, numberValue, type HeadingMatch } from './heading-line.ts';
import { couldBeMarker, sectionMarker } from './section-markers.ts';
import { knownHeadingKind } from './section-headings.ts';
import { caseNumbersOnlyLine, extractCaseNumbersFromHeading } from '../records/case-numbers.ts';
import { scoreCandidate, type CandidateEvidence } from './heading-score.ts';
import { isBlank } from './text-shape.ts';

/** A line chosen as the start of a §. `index` points into the furniture-free line list. */
export interface Boundary {
  index: number;
  match: HeadingMatch;
  caseNumbers: CaseNumber[];
  titleRest: string;
  /** The first line of the § span: the heading, or a case-number line printed just above it. */
  start: number;
  /** Lines inside the span that repeat the heading ("14 §" under "14§ Lägesrapport"): not § text. */
  skip: number[];
  /** How clearly this line stood out as a heading (the candidate score) and what counted. */
  score: number;
  evidence: CandidateEvidence;
}

interface Candidate extends Boundary {
  key: number;
}

/** How far back the chain search looks; bounds the work to O(candidates × WINDOW). */
const WINDOW = 200;
/** How far ahead a heading's body is inspected for section markers. */
const LOOKAHEAD = 400;

/**
 * Chooses which heading-shaped lines really open a §. Table-of-contents entries, cross-references that wrap onto a
 * line start ("… enligt 6 kap.\n12 § kommunallagen"), and lines inside a § that list other §§ also look like
 * headings. Each candidate is scored from its form, its layout and its surroundings (heading-score.ts), and the real
 * headings form the best strictly increasing chain of numbers; numbering gaps cost. Dynamic programming over a
 * bounded window keeps it linear in practice and never loops.
 */
export function findParagraphBoundaries(
  lines: readonly Line[],
  range?: { from: string; to: string },
  options: { template?: TemplateProfile; body?: string } = {},
): { boundaries: Boundary[]; warnings: ParseWarning[] } {
  const candidates = mergeRepeats(lines, collectCandidates(lines));
  const caseLines: CaseLines = new Map();
  scoreAll(lines, candidates, range, options, caseLines);
  const chain = bestChain(candidates);
  attachPreambles(lines, chain, caseLines);
  return { boundaries: chain, warnings: sequenceWarnings(chain, lines, range) };
}

function collectCandidates(lines: readonly Line[]): Candidate[] {
  const found: Candidate[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const text = (lines[index] as Line).text;
    // Most lines are no heading: the character test (no call into the matcher) rules them out.
    const match = couldBeHeadingLine(text) ? matchHeadingLine(text) : undefined;
    if (!match || match.continuation) continue;
    const key = numberKey(match.number);
    if (Number.isNaN(key)) continue;
    const { caseNumbers, titleRest } = extractCaseNumbersFromHeading(match.rest);
    const evidence = {} as CandidateEvidence;
    found.push({ index, match, caseNumbers, titleRest, key, score: 0, start: index, skip: [], evidence });
  }
  return found;
}

/**
 * "14§ Lägesrapport från välfärdsområdet" followed by a bare "14 §" (or a bare "§ 5" above "§ 5 Val av justerare"):
 * one heading printed twice. The pair becomes one candidate at the first line, with the title of whichever has one.
 */
function mergeRepeats(lines: readonly Line[], found: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of found) {
    const p = out[out.length - 1];
    const samePage = p !== undefined && lines[p.index]?.page === lines[c.index]?.page;
    if (
      p &&
      samePage &&
      p.key === c.key &&
      nonBlankBetween(lines, p.index, c.index) <= 1 &&
      (p.match.rest === '' || c.match.rest === '')
    ) {
      if (p.titleRest === '' && c.titleRest !== '') p.titleRest = c.titleRest;
      if (p.caseNumbers.length === 0) p.caseNumbers = c.caseNumbers;
      p.skip.push(c.index);
      continue;
    }
    out.push(c);
  }
  return out;
}

function nonBlankBetween(lines: readonly Line[], from: number, to: number): number {
  let n = 0;
  for (let i = from + 1; i < to && n <= 3; i += 1) if (!isBlank(lines[i]?.text ?? '')) n += 1;
  return n;
}

function scoreAll(
  lines: readonly Line[],
  found: Candidate[],
  range: { from: string; to: string } | undefined,
  options: { template?: TemplateProfile; body?: string },
  caseLines: CaseLines,
): void {
  const from = range ? numberValue(range.from) : Number.NaN;
  const to = range ? numberValue(range.to) : Number.NaN;
  found.forEach((c, k) => {
    const next = found[k + 1]?.index ?? lines.length;
    const end = Math.min(next, c.index + LOOKAHEAD);
    const { score, evidence } = scoreCandidate({
      lines,
      index: c.index,
      match: c.match,
      caseNumbers: c.caseNumbers.length > 0 || caseLineNear(lines, c.index, caseLines),
      hasMarker: hasMarker(lines, c.index + 1, end, options.body ?? ''),
      contentToNext: k + 1 < found.length ? nonBlankBetween(lines, c.index, next) : 4,
      inRange: Number.isNaN(from) || Number.isNaN(to) ? undefined : inRange(numberValue(c.match.number), from, to),
      template: options.template,
    });
    c.score = score;
    c.evidence = evidence;
  });
}

function inRange(v: number, from: number, to: number): boolean {
  return v >= from && v <= to;
}

function hasMarker(lines: readonly Line[], start: number, end: number, body: string): boolean {
  for (let i = start; i < end; i += 1) {
    const t = lines[i]?.text ?? '';
    // The fixed vocabulary first (cheap, and what most templates print); the general wording only for lines holding it.
    if (knownHeadingKind(t) !== undefined || (couldBeMarker(t) && sectionMarker(t, undefined, body) !== undefined))
      return true;
  }
  return false;
}

/**
 * caseNumbersOnlyLine by line index, asked once per line: the line above a heading is read when the heading is scored
 * and again when the chosen § takes it as its first line. A line's numbers go to at most one §.
 */
type CaseLines = Map<number, CaseNumber[] | undefined>;

function caseLineAt(lines: readonly Line[], i: number, caseLines: CaseLines): CaseNumber[] | undefined {
  if (caseLines.has(i)) return caseLines.get(i);
  const numbers = caseNumbersOnlyLine(lines[i]?.text ?? '');
  caseLines.set(i, numbers);
  return numbers;
}

/** A case number on its own line just above the heading, or within the three lines after it. */
function caseLineNear(lines: readonly Line[], index: number, caseLines: CaseLines): boolean {
  const above = previousNonBlank(lines, index);
  if (above !== undefined && caseLineAt(lines, above, caseLines)) return true;
  let seen = 0;
  for (let i = index + 1; i < lines.length && seen < 3; i += 1) {
    const t = lines[i]?.text ?? '';
    if (isBlank(t)) continue;
    seen += 1;
    if (caseLineAt(lines, i, caseLines)) return true;
  }
  return false;
}

function previousNonBlank(lines: readonly Line[], index: number): number | undefined {
  for (let i = index - 1; i >= 0 && i >= index - 4; i -= 1) if (!isBlank(lines[i]?.text ?? '')) return i;
  return undefined;
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

/**
 * A case number printed on its own line just above the heading (KTweb's right-aligned errand tag) belongs to the §
 * below it: the span starts there, so it is not left at the end of the § before.
 */
function attachPreambles(lines: readonly Line[], chain: Candidate[], caseLines: CaseLines): void {
  chain.forEach((c, k) => {
    const floor = k > 0 ? (chain[k - 1] as Candidate).index : -1;
    const above = previousNonBlank(lines, c.index);
    if (above === undefined || above <= floor) return;
    const numbers = caseLineAt(lines, above, caseLines);
    if (!numbers) return;
    c.start = above;
    if (c.caseNumbers.length === 0) c.caseNumbers = numbers;
  });
}

function sequenceWarnings(
  chain: readonly Candidate[],
  lines: readonly Line[],
  range?: { from: string; to: string },
): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  chain.forEach((c, i) => {
    const p = chain[i - 1];
    if (p && numberValue(c.match.number) - numberValue(p.match.number) > 1) {
      warnings.push({
        code: 'number-gap',
        paragraph: c.match.number,
        position: positionOf(lines, c),
        message: `§ ${p.match.number} is followed by § ${c.match.number}`,
      });
    }
  });
  if (range && chain.length > 0) {
    const first = chain[0] as Candidate;
    const last = chain[chain.length - 1] as Candidate;
    if (numberValue(first.match.number) > numberValue(range.from)) {
      warnings.push({
        code: 'number-gap',
        paragraph: first.match.number,
        position: positionOf(lines, first),
        message: `printed range starts at § ${range.from} but the first § found is § ${first.match.number}`,
      });
    }
    if (numberValue(last.match.number) < numberValue(range.to)) {
      warnings.push({
        code: 'number-gap',
        paragraph: last.match.number,
        position: positionOf(lines, last),
        message: `printed range ends at § ${range.to} but the last § found is § ${last.match.number}`,
      });
    }
  }
  return warnings;
}

function positionOf(lines: readonly Line[], c: Candidate): { page: number; line: number } {
  return { page: lines[c.index]?.page ?? 0, line: lines[c.index]?.line ?? 0 };
}
