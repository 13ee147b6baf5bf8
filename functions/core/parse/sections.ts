import type { ParseWarning, Section } from '../records/types.ts';
import { flatString, makeLine, type Line } from './lines.ts';
import { knownHeadingKind } from './section-headings.ts';
import {
  firstContentLine,
  hasAsciiLower,
  hasContentLine,
  headingShaped,
  isBlankText,
  isPlainLine,
  isRule,
  lineMarker,
  twoCapitals,
} from './section-lines.ts';
import type { Marker } from './section-markers.ts';
import { type OpenSection, openSection, toSection } from './section-text.ts';
import { endsDangling, endsSentence, isListItem, startsUpper } from './text-shape.ts';

export { trimmedTexts } from './section-text.ts';

export { isRule };

/** What the section splitter knows about the meeting and the §. */
export interface SectionContext {
  /** The meeting's body, for markers that name one. */
  body: string;
  /**
   * The § text and where each body line starts in it (-1 for a line outside it), when the body lines stand in it in
   * order, joined by newlines: a section of whole, unindented body lines is then a slice of it, not a second copy.
   */
  source?: { text: string; starts: readonly number[] };
}

/** A section of a §, with how its heading was recognised (for the decision choice and the template). */
export interface SplitSection extends Section {
  marker?: Marker;
  /** The heading line's layout marks, when known. */
  emphasised?: boolean;
}

/**
 * Splits the body of a § (after its title) into sections at markers (section-markers.ts: the fixed vocabulary, the
 * general decision/proposal wording, inline "Label: text", emphasised labels). A short line that stands between a
 * finished sentence and a new one, and reads like a heading, is kept as a section of its own (kind "other") with an
 * 'unknown-heading' warning; text before the first heading becomes a section with an empty heading. A rule
 * ("______") ends a section: what follows it belongs to no marker until the next one.
 */
export function splitSections(
  body: readonly Line[],
  paragraph: string,
  ctx: SectionContext = { body: '' },
): { sections: SplitSection[]; warnings: ParseWarning[] } {
  const open: OpenSection[] = [openSection(0, '', 'other', [])];
  const warnings: ParseWarning[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const line = body[i] as Line;
    const current = open[open.length - 1] as OpenSection;
    if (isRule(line.text)) {
      if (hasContentLine(current.lines) || current.headingLine) open.push(openSection(i + 1, '', 'other', []));
      continue;
    }
    // Most lines of a § start with no capital and carry no emphasis: no marker, heading or list end can start there.
    if (isPlainLine(line)) {
      current.lines.push(line);
      continue;
    }
    const marker = lineMarker(line.text, line.layout, ctx.body);
    if (!marker && isAttachmentStart(body, i)) {
      // "Bilaga KF § 63/21" at the top of a page: an attachment of the § (a voteringslista, a written reservation).
      open.push(openSection(i + 1, line.text.trim(), 'other', [], line));
    } else if (marker) {
      i = openMarker(open, marker, line, body, i);
    } else if (endsBulletedList(current, body, i)) {
      // "- Skrivelse …" items, a blank line, then "Kommunfullmäktiges handläggning": the list has ended.
      const heading = isEmphasisedHeading(body, i) || looksLikeHeadingLine(line.text);
      open.push(
        heading ? openSection(i + 1, line.text.trim(), 'other', [], line) : openSection(i, '', 'other', [line]),
      );
    } else if (!current.list && isEmphasisedHeading(body, i)) {
      // The document marks it as a heading (bold, a Markdown/HTML heading): a section of its own, no warning.
      open.push(openSection(i + 1, line.text.trim(), 'other', [], line));
    } else if (!current.list && looksLikeHeading(body, i, current)) {
      open.push(openSection(i + 1, line.text.trim(), 'other', [], line));
      warnings.push({
        code: 'unknown-heading',
        paragraph,
        position: { page: line.page, line: line.line },
        message: `heading "${line.text.trim()}" is not in the known vocabulary; kept as its own section`,
      });
    } else current.lines.push(line);
  }
  const sections: SplitSection[] = [];
  for (const s of open) {
    const section = toSection(s, body, ctx.source);
    if (section !== undefined) sections.push(section);
  }
  return { sections, warnings };
}

/** Opens the section a marker starts; returns the index of the last line it consumed. */
function openMarker(open: OpenSection[], marker: Marker, line: Line, body: readonly Line[], i: number): number {
  const current = open[open.length - 1] as OpenSection;
  let consumed = i;
  let heading = marker.heading;
  // "… BESLUTSFÖRSLAG TILL" / "KOMMUNFULLMÄKTIGE": an all-caps marker that wraps takes its next all-caps line.
  const next = body[i + 1];
  if (next && isCapsMarkerTail(line.text, next.text)) {
    heading = `${heading} ${next.text.trim()}`;
    consumed = i + 1;
  }
  // The inline text becomes a line of its own, flat like every other line text (lines.ts).
  const rest = marker.rest ? [makeLine(flatString(marker.rest), line.page, line.line, line.layout)] : [];
  // "Beslut" directly followed by "Kommunfullmäktiges beslut:": one marker, printed twice.
  if (marker.kind === 'decision' && current.kind === 'decision' && !hasContentLine(current.lines)) {
    current.lines.push(...rest);
    if (!current.marker || current.marker.basis === 'vocabulary') current.marker = marker;
    return consumed;
  }
  open.push(openSection(consumed + 1, heading, marker.kind, rest, line, marker));
  return consumed;
}

/** A wrapped all-caps marker: the first line ends in a word that cannot end it, the second is short and all caps. */
function isCapsMarkerTail(first: string, second: string): boolean {
  // Most markers are not in capitals ("Beslut"): a lower-case ASCII letter in the first line settles it uncopied.
  if (hasAsciiLower(first)) return false;
  const a = first.trim();
  const b = second.trim();
  return CAPS_RE.test(a) && CAPS_RE.test(b) && b.length <= 40 && (endsDangling(a) || /\bTILL$/u.test(a));
}

const CAPS_RE = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
const ATTACHMENT_RE = /^(?:[\p{L} -]{1,40}:\s+)?Bilaga\b/u;

/** A "Bilaga …" line among the first two lines of a page other than the §'s first. */
function isAttachmentStart(body: readonly Line[], i: number): boolean {
  const line = body[i] as Line;
  if (line.text.length > 120 || !line.text.includes('Bilaga') || !ATTACHMENT_RE.test(line.text.trim())) return false;
  let above = 0;
  for (let j = i - 1; j >= 0; j -= 1) {
    const l = body[j] as Line;
    if (l.page !== line.page) return above <= 1;
    if (!isBlankText(l.text)) above += 1;
    if (above > 1) return false;
  }
  return false;
}

/** A bulleted list (Beslutsunderlag, Expedieras till) ends at a line after a blank line that is not an item. */
function endsBulletedList(current: OpenSection, body: readonly Line[], i: number): boolean {
  if (current.kind !== 'documents' && current.kind !== 'recipients') return false;
  const text = (body[i] as Line).text;
  // The blank line before it first: inside a list most lines follow text.
  if (
    i === 0 ||
    !isBlankText((body[i - 1] as Line).text) ||
    isBlankText(text) ||
    isListItem(text) ||
    !startsUpper(text)
  )
    return false;
  const first = firstContentLine(current.lines);
  return first !== undefined && isListItem(first.text);
}

/** Short, capitalised, no sentence: "Kommunfullmäktiges handläggning". */
function looksLikeHeadingLine(text: string): boolean {
  const t = text.trim();
  return t.length >= 4 && t.length <= 60 && headingShaped(t) && !endsDangling(t);
}

/** Conservative: only a line that cannot be running text is taken for an unknown heading. */
function looksLikeHeading(body: readonly Line[], i: number, current: OpenSection): boolean {
  const text = (body[i]?.text ?? '').trim();
  if (text.length < 4 || text.length > 50 || !headingShaped(text) || endsDangling(text) || isListItem(text)) {
    return false;
  }
  const previous = neighbour(body, i, -1);
  const next = neighbour(body, i, 1);
  if (previous === undefined || next === undefined) return false;
  // The line must follow a finished sentence of the same section, and be followed by new text.
  if (!hasContentLine(current.lines) || !endsSentence(previous)) return false;
  return !knownHeadingKind(next) && (startsUpper(next) || isListItem(next));
}

/**
 * A line the layout sets apart (bold, or a Markdown/HTML heading) that reads as a heading: short, capitalised, not a
 * sentence, not a list item, with more text after it. Body text of the page is not emphasised, so this is a signal.
 */
function isEmphasisedHeading(body: readonly Line[], i: number): boolean {
  const line = body[i] as Line;
  if (line.text.length > 90) return false;
  const emphasised = (line.layout?.emphasis ?? 0) >= 0.8;
  if (!emphasised && !twoCapitals(line.text)) return false;
  const text = line.text.trim();
  // Capitals are emphasis too ("BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING"), in text without layout marks as well.
  const caps = !emphasised && text.length >= 8 && text.includes(' ') && CAPS_RE.test(text) && !/\d/u.test(text);
  if (!emphasised && !caps) return false;
  if (text.length < 3 || text.length > 70 || !startsUpper(text) || isListItem(text) || /[.;,]$/u.test(text))
    return false;
  if (endsDangling(text)) return false;
  return neighbour(body, i, 1) !== undefined;
}

function neighbour(body: readonly Line[], i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < body.length; j += step) {
    const t = (body[j] as Line).text;
    if (!isBlankText(t)) return t.trim();
  }
  return undefined;
}
