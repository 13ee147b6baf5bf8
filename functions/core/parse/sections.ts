import type { ParseWarning, Section, SectionKind } from '../records/types.ts';
import type { Line } from './lines.ts';
import { knownHeadingKind, LIST_KINDS } from './section-headings.ts';
import { endsDangling, endsSentence, isBlank, isListItem, startsUpper } from './text-shape.ts';

interface OpenSection {
  heading: string;
  kind: SectionKind;
  lines: Line[];
  headingLine?: Line;
}

/**
 * Splits the body of a § (after its title) into sections at known headings, matched on whole lines. A short line
 * that stands between a finished sentence and a new one, and reads like a heading, is kept as a section of its
 * own (kind "other") with an 'unknown-heading' warning; text before the first heading becomes a section with an
 * empty heading.
 */
export function splitSections(body: readonly Line[], paragraph: string): { sections: Section[]; warnings: ParseWarning[] } {
  const open: OpenSection[] = [{ heading: '', kind: 'other', lines: [] }];
  const warnings: ParseWarning[] = [];
  body.forEach((line, i) => {
    const current = open[open.length - 1] as OpenSection;
    const kind = knownHeadingKind(line.text);
    if (kind) {
      open.push({ heading: line.text.trim(), kind, lines: [], headingLine: line });
    } else if (!LIST_KINDS.has(current.kind) && looksLikeHeading(body, i, current)) {
      open.push({ heading: line.text.trim(), kind: 'other', lines: [], headingLine: line });
      warnings.push({
        code: 'unknown-heading', paragraph, position: { page: line.page, line: line.line },
        message: `heading "${line.text.trim()}" is not in the known vocabulary; kept as its own section`,
      });
    } else current.lines.push(line);
  });
  const sections = open.filter((s) => s.headingLine || s.lines.some((l) => !isBlank(l.text))).map(toSection);
  return { sections, warnings };
}

function toSection(s: OpenSection): Section {
  const content = s.lines.filter((l) => !isBlank(l.text));
  const first = s.headingLine ?? content[0];
  const last = content[content.length - 1] ?? first;
  return {
    heading: s.heading,
    kind: s.kind,
    text: trimBlankLines(s.lines.map((l) => l.text)).join('\n'),
    pages: [first?.page ?? 0, last?.page ?? first?.page ?? 0],
  };
}

export function trimBlankLines(texts: readonly string[]): string[] {
  let start = 0;
  let end = texts.length;
  while (start < end && isBlank(texts[start] ?? '')) start += 1;
  while (end > start && isBlank(texts[end - 1] ?? '')) end -= 1;
  return texts.slice(start, end);
}

const HEADING_SHAPE = /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,4}$/u;

/** Conservative: only a line that cannot be running text is taken for an unknown heading. */
function looksLikeHeading(body: readonly Line[], i: number, current: OpenSection): boolean {
  const text = (body[i]?.text ?? '').trim();
  if (text.length < 4 || text.length > 50 || !HEADING_SHAPE.test(text) || endsDangling(text) || isListItem(text)) {
    return false;
  }
  const previous = neighbour(body, i, -1);
  const next = neighbour(body, i, 1);
  if (previous === undefined || next === undefined) return false;
  // The line must follow a finished sentence of the same section, and be followed by new text.
  if (!current.lines.some((l) => !isBlank(l.text)) || !endsSentence(previous)) return false;
  return !knownHeadingKind(next) && (startsUpper(next) || isListItem(next));
}

function neighbour(body: readonly Line[], i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < body.length; j += step) {
    const t = body[j]?.text ?? '';
    if (!isBlank(t)) return t.trim();
  }
  return undefined;
}
