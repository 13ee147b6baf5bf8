import type { Meeting, Paragraph, ParseWarning, Section } from '../records/types.ts';
import { paragraphId } from '../records/ids.ts';
import type { Line } from './lines.ts';
import type { Boundary } from './paragraph-boundaries.ts';
import { splitSections, trimBlankLines } from './sections.ts';
import { extractTitle } from './title.ts';
import { decisionItemsFrom, documentsFrom, isStatement, recipientsFrom } from './fields/lists.ts';
import { referencesFrom } from './fields/references.ts';
import { reservationsFrom } from './fields/reservations.ts';
import { votesFrom } from './fields/votes.ts';
import { isRedacted } from './fields/flags.ts';
import { isImmediatelyJusterad } from './fields/immediate-justering.ts';
import { hasOtherAppealRoute } from './fields/appeal-route.ts';
import { isBlank } from './text-shape.ts';

/** Builds one § record from its heading and the furniture-free lines up to the next §. */
export function buildParagraph(
  meeting: Meeting,
  boundary: Boundary,
  span: readonly Line[],
  width: number,
): { paragraph: Paragraph; warnings: ParseWarning[] } {
  const number = boundary.match.number;
  const headingLine = span[0] as Line;
  const body = span.slice(1);
  const { title, consumed } = extractTitle(body, boundary.titleRest, width);
  const { sections, warnings } = splitSections(body.slice(consumed), number);
  const texts = trimBlankLines(span.map((l) => l.text));
  const text = texts.join('\n');
  const bodyText = bodyOf(texts, text);
  const lastPage = lastContentPage(span) ?? headingLine.page;
  const ofKind = (k: Section['kind']) => sections.filter((s) => s.kind === k);
  const decision = withoutTrailingStatements(ofKind('decision')[0]?.text ?? '');
  const paragraph: Paragraph = {
    id: paragraphId(meeting.id, number),
    meetingId: meeting.id,
    number,
    heading: headingLine.text.trim(),
    caseNumbers: boundary.caseNumbers,
    title,
    sections,
    decision,
    decisionItems: decisionItemsFrom(decision),
    votes: votesFrom(sections),
    reservations: reservationsFrom(sections, bodyText),
    recipients: ofKind('recipients').flatMap((s) => recipientsFrom(s.text)),
    documents: ofKind('documents').flatMap((s) => documentsFrom(s.text)),
    references: referencesFrom(sections.map((s) => s.text)),
    redacted: isRedacted(text),
    immediatelyJusterad: isImmediatelyJusterad(sections),
    ...(hasOtherAppealRoute(title, decision) ? { otherAppealRoute: true } : {}),
    pages: [headingLine.page, lastPage],
    text,
  };
  if (meeting.appeal?.lastDay) paragraph.appealLastDay = meeting.appeal.lastDay;
  const all = [...warnings, ...paragraphWarnings(paragraph, headingLine)];
  return { paragraph, warnings: all };
}

/**
 * The § text without its heading line and the blank lines after it. The heading line is never blank, so the trimmed
 * span starts with it and ends where the trimmed body ends.
 */
function bodyOf(texts: readonly string[], text: string): string {
  let k = 1;
  let offset = (texts[0] ?? '').length + 1;
  while (k < texts.length && isBlank(texts[k] as string)) offset += (texts[k++] as string).length + 1;
  return k < texts.length ? text.slice(offset) : '';
}

function lastContentPage(span: readonly Line[]): number | undefined {
  for (let i = span.length - 1; i >= 0; i -= 1) if (!isBlank((span[i] as Line).text)) return (span[i] as Line).page;
  return undefined;
}

/** A statement printed under the decision ("Paragrafen förklaras omedelbart justerad") is not part of it. */
function withoutTrailingStatements(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0 && (isStatement(lines[lines.length - 1] ?? '') || (lines[lines.length - 1] ?? '').trim() === '')) {
    lines.pop();
  }
  return lines.join('\n');
}

function paragraphWarnings(p: Paragraph, heading: Line): ParseWarning[] {
  const at = { page: heading.page, line: heading.line };
  const out: ParseWarning[] = [];
  if (p.sections.length === 0 && p.title === '') {
    out.push({ code: 'empty-paragraph', paragraph: p.number, position: at, message: `§ ${p.number} has no text` });
  }
  p.votes.forEach((v, i) => {
    if (v.rollMatchesCounts === false) {
      out.push({
        code: 'vote-roll-mismatch', paragraph: p.number, position: at,
        message: `vote ${i + 1} in § ${p.number}: the named roll does not add up to the printed counts`,
      });
    }
  });
  return out;
}
