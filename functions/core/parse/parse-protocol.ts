import type { ParseInput, ParseWarning, Protocol } from '../records/types.ts';
import { toLines, type Line } from './lines.ts';
import { stripPageFurniture } from './page-furniture.ts';
import { findParagraphBoundaries } from './paragraph-boundaries.ts';
import { buildParagraph } from './build-paragraph.ts';
import { typicalWidth } from './title.ts';
import { parseMeetingHeader } from './meeting/index.ts';

/**
 * Text (with page boundaries) → protocol: meeting metadata, § records and warnings. Pure and total: content
 * problems become warnings, never exceptions. Stages: lines → page furniture removed → § boundaries (table of
 * contents and §-lists inside a § rejected by sequence) → per §: title, sections, fields.
 */
export function parseProtocol(input: ParseInput): Protocol {
  const lines = toLines(input.pages);
  const header = parseMeetingHeader(lines, { source: input.source, ...(input.hints ? { hints: input.hints } : {}) });
  const meeting = header.meeting;
  const content = stripPageFurniture(lines);
  const width = typicalWidth(content);
  const { boundaries, warnings: sequence } = findParagraphBoundaries(content, meeting.paragraphRange);
  const warnings: ParseWarning[] = [...header.warnings, ...sequence];
  const paragraphs = boundaries.map((b, i) => {
    const end = boundaries[i + 1]?.index ?? content.length;
    const built = buildParagraph(meeting, b, content.slice(b.index, end), width);
    warnings.push(...built.warnings);
    return built.paragraph;
  });
  if (paragraphs.length === 0) {
    warnings.push({ code: 'no-paragraphs', message: 'no § heading was found in the text', ...firstPosition(lines) });
  }
  return { schemaVersion: 1, meeting, paragraphs, warnings };
}

function firstPosition(lines: readonly Line[]): { position?: { page: number; line: number } } {
  const first = lines[0];
  return first ? { position: { page: first.page, line: first.line } } : {};
}
