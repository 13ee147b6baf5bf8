import type { TemplateProfile } from '../records/types.ts';
import type { Line } from './lines.ts';
import type { HeadingMatch } from './heading-line.ts';
import { isBlank } from './text-shape.ts';

/**
 * How strongly a heading-shaped line looks like the start of a §, from evidence every template shares:
 * - form: a case number on or beside the line, a title that starts like a title (not "12 § kommunallagen");
 * - layout: emphasised (bold) or larger type, standing first on its page;
 * - surroundings: a section marker (Beslut …) follows before the next candidate; a table-of-contents entry (leader dots
 *   and a page number, or headings stacked with no text between) and a cross-reference wrapped onto the line start
 *   ("… 6 kap." / "12 § …") lose;
 * - the printed § range and, when one is known, the template of the body's other protocols.
 * The fit in the number chain is weighed by paragraph-boundaries.ts. Each contribution is kept, so a low confidence
 * can say why.
 */
export interface CandidateEvidence {
  caseNumber: boolean;
  marker: boolean;
  firstOnPage: boolean;
  emphasised: boolean;
  contents: boolean;
  crowded: boolean;
  crossReference: boolean;
  inRange?: boolean;
  templateForm?: boolean;
}

export interface CandidateInput {
  lines: readonly Line[];
  index: number;
  match: HeadingMatch;
  caseNumbers: boolean;
  hasMarker: boolean;
  /** Non-blank lines between this candidate and the next (counting stops at 4); 4 when there is no next. */
  contentToNext: number;
  inRange: boolean | undefined;
  /** Always present (undefined without a template): one object shape for every candidate. */
  template: TemplateProfile | undefined;
}

/** Leader dots (or spaces) and a page number at the end: "39 § Sammanträdets laglighet ........ 1". */
const CONTENTS_RE = /(?:\.{4,}|…{2,}|(?:\s\.){3,})\s*\d{1,4}$/u;
/** A title starts with a capital, a digit or a quote; a line continuing a sentence starts in lower case. */
const LOWER_REST_RE = /^\p{Ll}/u;
/** "… enligt 6 kap." / "… 5 kap.": the line before names a chapter, so "12 § …" here is a law citation. */
const CHAPTER_END_RE = /kap\.?$/u;

export function scoreCandidate(input: CandidateInput): { score: number; evidence: CandidateEvidence } {
  const { lines, index, match } = input;
  const line = lines[index] as Line;
  const text = line.text.trim();
  const layout = line.layout;
  const previous = previousText(lines, index);
  const evidence: CandidateEvidence = {
    caseNumber: input.caseNumbers,
    marker: input.hasMarker,
    firstOnPage: isFirstOnPage(lines, index),
    emphasised: layout !== undefined && (layout.emphasis >= 0.6 || layout.size >= 1.15),
    contents: CONTENTS_RE.test(text),
    crowded: input.contentToNext <= 3,
    crossReference: LOWER_REST_RE.test(match.rest) || (match.form === 'number-sign' && crossReferenceBefore(previous)),
  };
  let score = 3;
  if (evidence.caseNumber) score += 2;
  if (evidence.marker) score += 2;
  if (evidence.firstOnPage) score += 1;
  if (evidence.emphasised) score += 1;
  if (evidence.contents) score -= 5;
  // Table-of-contents entries and §-lists inside a § stand close together; a real § has a body.
  if (evidence.crowded) score -= 2;
  if (evidence.crossReference) score -= 4;
  if (input.inRange !== undefined) {
    evidence.inRange = input.inRange;
    score += input.inRange ? 1 : -6;
  }
  const form = dominantForm(input.template);
  if (form !== undefined) {
    evidence.templateForm = form === match.form;
    score += evidence.templateForm ? 1 : -1;
  }
  return { score, evidence };
}

function crossReferenceBefore(previous: string | undefined): boolean {
  return previous !== undefined && CHAPTER_END_RE.test(previous);
}

function previousText(lines: readonly Line[], index: number): string | undefined {
  for (let i = index - 1; i >= 0 && i >= index - 3; i -= 1) {
    const l = lines[i] as Line;
    if (l.page !== lines[index]?.page) return undefined;
    if (!isBlank(l.text)) return l.text.trim();
  }
  return undefined;
}

function isFirstOnPage(lines: readonly Line[], index: number): boolean {
  const page = lines[index]?.page;
  for (let i = index - 1; i >= 0; i -= 1) {
    const l = lines[i];
    if (!l || l.page !== page) return true;
    if (!isBlank(l.text)) return false;
  }
  return true;
}

/** The heading form the template's § use, when one form clearly dominates (≥ 80 % of the § seen). */
export function dominantForm(template: TemplateProfile | undefined): string | undefined {
  if (!template) return undefined;
  let total = 0;
  let best: string | undefined;
  let most = 0;
  for (const [form, n] of Object.entries(template.headingForms)) {
    total += n;
    if (n > most) [best, most] = [form, n];
  }
  return total >= 3 && most / total >= 0.8 ? best : undefined;
}
