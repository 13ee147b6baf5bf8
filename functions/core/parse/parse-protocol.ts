import type { ParseInput, ParseWarning, Protocol } from '../records/types.ts';
import { scanPages, toLines, type Line } from './lines.ts';
import { inferPages } from './virtual-pages.ts';
import { findPageFurniture } from './page-furniture.ts';
import { findParagraphBoundaries, type Boundary } from './paragraph-boundaries.ts';
import { buildParagraph, type BuiltParagraph } from './build-paragraph.ts';
import { typicalWidth } from './title.ts';
import { parseMeetingHeader } from './meeting/index.ts';
import { assessTextLayer, intactTextLayer } from './text-layer-quality.ts';
import { endOfProceedings } from './appendix.ts';
import { inferDecisions } from './document-template.ts';
import { repairTitlesFromContents } from './contents-repair.ts';
import { finishConfidence } from './protocol-confidence.ts';
import { learnTemplate } from './template-profile.ts';

/**
 * Text (with page boundaries and layout marks) → protocol: meeting metadata, § records, confidence and warnings. Pure
 * and total: content problems become warnings, never exceptions. Stages: lines (pages re-cut from printed page
 * counters when the text lost its breaks) → page furniture removed (by repetition across pages) → § boundaries
 * (candidates scored, the best chain of numbers) → per §: title, sections, fields → what the whole document teaches
 * (its decision marker, its table of contents as a second witness) → confidence → the template learned.
 */
export function parseProtocol(input: ParseInput): Protocol {
  // One scan per page tells both the line normaliser and the text-layer signal what characters it holds.
  const chars = scanPages(input.pages);
  const lines = inferPages(toLines(input.pages, chars));
  // A text layer is a PDF's: text, Markdown and HTML input is what its author wrote.
  const textLayer =
    input.source.mediaType === 'application/pdf' ? assessTextLayer(input.pages, chars) : intactTextLayer(input.pages);
  const header = parseMeetingHeader(lines, { source: input.source, ...(input.hints ? { hints: input.hints } : {}) });
  const meeting = header.meeting;
  const furniture = findPageFurniture(lines, input.template);
  const content = furniture.kept;
  const width = typicalWidth(content);
  const options = { body: meeting.body, ...(input.template ? { template: input.template } : {}) };
  const { boundaries, warnings: sequence } = findParagraphBoundaries(content, meeting.paragraphRange, options);
  const warnings: ParseWarning[] = [...header.warnings, ...sequence];
  const built = boundaries.map((b, i) =>
    buildParagraph(meeting, b, content.slice(b.start, spanEnd(content, boundaries, i)), width),
  );
  inferDecisions(built, input.template, warnings);
  repairTitlesFromContents(built, content, boundaries, textLayer, warnings);
  for (const b of built) warnings.push(...b.warnings);
  const paragraphs = built.map((b) => b.paragraph);
  if (paragraphs.length === 0) {
    warnings.push({ code: 'no-paragraphs', message: 'no § heading was found in the text', ...firstPosition(lines) });
  }
  finishConfidence(meeting, paragraphs, textLayer, warnings);
  const template = learnTemplate(boundaries, built, furniture.shapes);
  return { schemaVersion: 1, meeting, paragraphs, warnings, template };
}

/** Where the i-th § ends: at the next §'s first line, or (the last §) where the proceedings end (appeal instructions). */
function spanEnd(content: readonly Line[], boundaries: readonly Boundary[], i: number): number {
  const next = boundaries[i + 1];
  if (next) return next.start;
  return endOfProceedings(content, (boundaries[i] as Boundary).index);
}

function firstPosition(lines: readonly Line[]): { position?: { page: number; line: number } } {
  const first = lines[0];
  return first ? { position: { page: first.page, line: first.line } } : {};
}

export type { BuiltParagraph };
