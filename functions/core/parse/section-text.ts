import type { SectionKind } from '../records/types.ts';
import { isWhitespaceCode } from '../text/whitespace.ts';
import type { Line } from './lines.ts';
import { LIST_KINDS } from './section-headings.ts';
import { isBlankText } from './section-lines.ts';
import type { Marker } from './section-markers.ts';
import type { SectionContext, SplitSection } from './sections.ts';
import { leadingIndent } from './text-shape.ts';

/**
 * The sections the splitter (sections.ts) fills, and how each becomes a record: its text is its lines from the first
 * to the last non-blank one, less the indentation they share, taken as a slice of the § text where it can be.
 */

/** A section being filled. Every one is made by openSection, with all fields present: one object shape. */
export interface OpenSection {
  heading: string;
  kind: SectionKind;
  lines: Line[];
  headingLine: Line | undefined;
  marker: Marker | undefined;
  /** LIST_KINDS holds the kind (no unknown sub-headings inside). */
  list: boolean;
  /** The body index of its first line when its lines are the body lines from there on (toSection checks). */
  from: number;
}

export function openSection(
  from: number,
  heading: string,
  kind: SectionKind,
  lines: Line[],
  headingLine?: Line,
  marker?: Marker,
): OpenSection {
  return { heading, kind, lines, headingLine, marker, list: LIST_KINDS.has(kind), from };
}

/** The section as a record, or undefined when it has neither a heading line nor a non-blank line. */
export function toSection(
  s: OpenSection,
  body: readonly Line[],
  source: SectionContext['source'],
): SplitSection | undefined {
  // One walk finds the first and last non-blank lines (they give the pages and bound the text, and tell whether the
  // section has content at all) and the indentation the non-blank lines share; the text is then joined once.
  const lines = s.lines;
  let start = -1;
  let end = -1;
  let indent = Number.POSITIVE_INFINITY;
  for (let i = 0; i < lines.length; i += 1) {
    const t = (lines[i] as Line).text;
    // The spaces and tabs before the text; a line is blank when only whitespace (what trim() removes) follows them.
    const lead = leadingIndent(t);
    if (lead === t.length || (isWhitespaceCode(t.charCodeAt(lead)) && isBlankFrom(t, lead))) continue;
    if (start < 0) start = i;
    end = i;
    if (lead < indent) indent = lead;
  }
  if (start < 0 && s.headingLine === undefined) return undefined;
  const first = s.headingLine ?? lines[start];
  const last = end >= 0 ? lines[end] : first;
  const out: SplitSection = {
    heading: s.heading,
    kind: s.kind,
    text:
      start < 0 ? '' : (sliceOf(s, body, source, start, end, indent) ?? joinDedented(lines, start, end + 1, indent)),
    pages: [first?.page ?? 0, last?.page ?? first?.page ?? 0],
  };
  if (s.marker) out.marker = s.marker;
  if ((s.headingLine?.layout?.emphasis ?? 0) >= 0.8) out.emphasised = true;
  return out;
}

/**
 * The text of lines start..end as a slice of the § text, when they are unindented body lines in order (the same
 * characters joinDedented would copy together); undefined otherwise.
 */
function sliceOf(
  s: OpenSection,
  body: readonly Line[],
  source: SectionContext['source'],
  start: number,
  end: number,
  indent: number,
): string | undefined {
  if (source === undefined || indent !== 0 || start === end) return undefined;
  const from = s.from + start;
  if (from + end - start >= body.length) return undefined;
  for (let k = start; k <= end; k += 1) if (s.lines[k] !== body[s.from + k]) return undefined;
  const at = source.starts[from] as number;
  const last = source.starts[from + end - start] as number;
  if (at < 0 || last < 0) return undefined;
  return source.text.slice(at, last + (s.lines[end] as Line).text.length);
}

/** Only whitespace from `from` to the end of the text. */
function isBlankFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i += 1) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The lines from..to joined by newlines, less the indentation all non-blank lines share (layout text indents whole
 * blocks; relative indents stay). A blank line loses at most its own leading whitespace.
 */
function joinDedented(lines: readonly Line[], from: number, to: number, indent: number): string {
  if (indent === 0 && to - from === 1) return (lines[from] as Line).text;
  const texts: string[] = new Array(to - from);
  for (let i = from; i < to; i += 1) {
    const t = (lines[i] as Line).text;
    texts[i - from] = indent === 0 ? t : t.slice(leadingWhitespace(t, indent));
  }
  return texts.join('\n');
}

/** How many of the first `max` characters are whitespace (\s, what trimStart() removes), counted from the start. */
function leadingWhitespace(text: string, max: number): number {
  let n = 0;
  while (n < max && n < text.length && isWhitespaceCode(text.charCodeAt(n))) n += 1;
  return n;
}

/** The texts of the lines without the blank lines at either end, and the index of the first one kept. */
export function trimmedTexts(lines: readonly Line[]): { first: number; texts: string[] } {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlankText((lines[start] as Line).text)) start += 1;
  while (end > start && isBlankText((lines[end - 1] as Line).text)) end -= 1;
  const texts: string[] = new Array(end - start);
  for (let i = start; i < end; i += 1) texts[i - start] = (lines[i] as Line).text;
  return { first: start, texts };
}
