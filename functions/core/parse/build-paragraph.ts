import type { CaseNumber, Meeting, Paragraph, ParseWarning, Section } from '../records/types.ts';
import { paragraphId } from '../records/ids.ts';
import { caseNumbersOnlyLine } from '../records/case-numbers.ts';
import type { Line } from './lines.ts';
import type { Boundary } from './paragraph-boundaries.ts';
import { splitSections, trimmedTexts, type SplitSection } from './sections.ts';
import { extractTitle } from './title.ts';
import { decisionItemsFrom, documentsFrom, isStatement, recipientsFrom } from './fields/lists.ts';
import { referencesFrom } from './fields/references.ts';
import { reservationsFrom } from './fields/reservations.ts';
import { votesFrom } from './fields/votes.ts';
import { redactionOf } from './fields/flags.ts';
import { isImmediatelyJusterad } from './fields/immediate-justering.ts';
import { hasOtherAppealRoute } from './fields/appeal-route.ts';
import { chooseDecision } from './decision-choice.ts';
import { paragraphConfidence } from './confidence.ts';
import { isBlankText } from './section-lines.ts';

/** What building a § yields beyond the record: its sections with their markers (the template is learned from them). */
export interface BuiltParagraph {
  paragraph: Paragraph;
  warnings: ParseWarning[];
  sections: SplitSection[];
  /** Lines left out of a list because they were furniture. */
  listFurniture: number;
}

/**
 * Builds one § record from its heading and the furniture-free lines of its span (from `boundary.start` up to the next
 * §). Lines that repeat the heading are left out; a case number printed on its own line just above the heading or
 * just below the title is the §'s case number.
 */
export function buildParagraph(
  meeting: Meeting,
  boundary: Boundary,
  span: readonly Line[],
  width: number,
  spanStart = boundary.start,
): BuiltParagraph {
  const number = boundary.match.number;
  const headingAt = boundary.index - spanStart;
  const headingLine = span[headingAt] as Line;
  const skip = new Set(boundary.skip.map((i) => i - spanStart));
  const body = skip.size === 0 ? span.slice(headingAt + 1) : span.filter((_, i) => i > headingAt && !skip.has(i));
  const { title, consumed } = extractTitle(body, boundary.titleRest, width, headingLine);
  const caseNumbers = [...boundary.caseNumbers];
  const afterTitle = takeCaseNumberLines(body, consumed, caseNumbers);
  // The § text stays verbatim: a repeated heading line is left out of the sections, not out of the text.
  const kept = span;
  const { first, texts } = trimmedTexts(kept);
  const text = texts.join('\n');
  // Without skipped lines the section lines stand in the § text in order: sections of whole lines slice it.
  const bodyFrom = headingAt + 1 + afterTitle;
  const source = skip.size === 0 ? { text, starts: lineStarts(span, first, texts.length, bodyFrom) } : undefined;
  const { sections, warnings } = splitSections(body.slice(afterTitle), number, { body: meeting.body, source });
  const bodyText = bodyOf(texts, text, headingAt);
  const lastPage = lastContentPage(span) ?? headingLine.page;
  const chosen = chooseDecision(sections, meeting.body);
  const decision = withoutTrailingStatements(chosen?.text ?? '');
  const recipients = listField(ofKind(sections, 'recipients'), recipientsFrom);
  const documents = listField(ofKind(sections, 'documents'), documentsFrom);
  const redaction = redactionOf(text, kept);
  const paragraph: Paragraph = {
    id: paragraphId(meeting.id, number),
    meetingId: meeting.id,
    number,
    heading: headingLine.text.trim(),
    caseNumbers,
    title,
    sections: sections.map(plainSection),
    decision,
    decisionItems: decisionItemsFrom(decision),
    votes: votesFrom(sections),
    reservations: reservationsFrom(sections, bodyText),
    recipients: recipients.items,
    documents: documents.items,
    references: referencesFrom(sections.map((s) => s.text)),
    redacted: redaction.redacted,
    immediatelyJusterad: isImmediatelyJusterad(sections),
  } as Paragraph;
  // Set in the record's key order (otherAppealRoute only when true): a spread in the literal would define every
  // property after it through a slow generic path.
  if (hasOtherAppealRoute(title, decision)) paragraph.otherAppealRoute = true;
  paragraph.pages = [(span[0] as Line | undefined)?.page ?? headingLine.page, lastPage];
  paragraph.text = text;
  paragraph.confidence = 1;
  if (meeting.appeal?.lastDay) paragraph.appealLastDay = meeting.appeal.lastDay;
  paragraph.confidence = paragraphConfidence({ boundary, paragraph, span: kept });
  const listFurniture = recipients.dropped + documents.dropped;
  const all = [...warnings, ...paragraphWarnings(paragraph, headingLine, redaction.reason, listFurniture)];
  return { paragraph, warnings: all, sections, listFurniture };
}

/** Case numbers printed on a line of their own right after the title ("Bun/2015:97   041"); returns where the body goes on. */
function takeCaseNumberLines(body: readonly Line[], from: number, into: CaseNumber[]): number {
  let i = from;
  let seen = 0;
  while (i < body.length && seen < 2) {
    const t = (body[i] as Line).text;
    if (isBlankText(t)) {
      i += 1;
      continue;
    }
    const numbers = caseNumbersOnlyLine(t);
    if (!numbers) break;
    for (const n of numbers) if (!into.some((c) => c.normalized === n.normalized)) into.push(n);
    seen += 1;
    i += 1;
  }
  return seen > 0 ? i : from;
}

/** Where each of the lines span[from..] starts in the text of span[first..first + count - 1] joined; -1 outside it. */
function lineStarts(span: readonly Line[], first: number, count: number, from: number): number[] {
  const starts: number[] = new Array(Math.max(0, span.length - from));
  let offset = 0;
  for (let j = first; j < from && j < first + count; j += 1) offset += (span[j] as Line).text.length + 1;
  for (let j = from; j < span.length; j += 1) {
    if (j < first || j >= first + count) starts[j - from] = -1;
    else {
      starts[j - from] = offset;
      offset += (span[j] as Line).text.length + 1;
    }
  }
  return starts;
}

function plainSection(s: SplitSection): Section {
  return { heading: s.heading, kind: s.kind, text: s.text, pages: s.pages };
}

function listField(
  sections: readonly Section[],
  read: (text: string) => { items: string[]; dropped: number },
): { items: string[]; dropped: number } {
  const items: string[] = [];
  let dropped = 0;
  for (const s of sections) {
    const r = read(s.text);
    items.push(...r.items);
    dropped += r.dropped;
  }
  return { items, dropped };
}

/**
 * The § text without its heading line (and what precedes it) and the blank lines after it. The heading line is never
 * blank, so the trimmed span starts at or before it.
 */
function bodyOf(texts: readonly string[], text: string, headingAt: number): string {
  let k = 0;
  let offset = 0;
  // Skip the lines up to and including the heading line (a case-number line may stand above it).
  const upTo = Math.min(headingAt, texts.length - 1);
  for (; k <= upTo; k += 1) offset += (texts[k] as string).length + 1;
  while (k < texts.length && isBlankText(texts[k] as string)) offset += (texts[k++] as string).length + 1;
  return k < texts.length ? text.slice(offset) : '';
}

function lastContentPage(span: readonly Line[]): number | undefined {
  for (let i = span.length - 1; i >= 0; i -= 1) if (!isBlankText((span[i] as Line).text)) return (span[i] as Line).page;
  return undefined;
}

/** A statement printed under the decision ("Paragrafen förklaras omedelbart justerad") is not part of it. */
function withoutTrailingStatements(text: string): string {
  // Line by line from the end, as slices: the kept text is the text up to the end of the last line that stays.
  let end = text.length;
  for (;;) {
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (!isStatement(line) && line.trim() !== '') return text.slice(0, end);
    if (start === 0) return '';
    end = start - 1;
  }
}

function paragraphWarnings(
  p: Paragraph,
  heading: Line,
  redaction: string | undefined,
  listFurniture: number,
): ParseWarning[] {
  const at = { page: heading.page, line: heading.line };
  const out: ParseWarning[] = [];
  if (p.sections.length === 0 && p.title === '') {
    out.push({ code: 'empty-paragraph', paragraph: p.number, position: at, message: `§ ${p.number} has no text` });
  }
  p.votes.forEach((v, i) => {
    if (v.rollMatchesCounts === false) {
      out.push({
        code: 'vote-roll-mismatch',
        paragraph: p.number,
        position: at,
        message: `vote ${i + 1} in § ${p.number}: the named roll does not add up to the printed counts`,
      });
    }
  });
  if (redaction)
    out.push({ code: 'redaction', paragraph: p.number, position: at, message: `§ ${p.number}: ${redaction}` });
  if (listFurniture > 0) {
    out.push({
      code: 'list-furniture',
      paragraph: p.number,
      position: at,
      message: `§ ${p.number}: ${listFurniture} line(s) of page furniture inside a list were left out of it`,
    });
  }
  return out;
}

/**
 * The sections of one kind. A module function, not a closure in buildParagraph: a named closure made per § costs
 * more than its body under the TypeScript loader, which names each one as it is made (esbuild's keepNames).
 */
function ofKind(sections: readonly Section[], kind: Section['kind']): Section[] {
  return sections.filter((s) => s.kind === kind);
}
