import type { ParseWarning, TemplateProfile } from '../records/types.ts';
import type { BuiltParagraph } from './build-paragraph.ts';
import { decisionItemsFrom } from './fields/lists.ts';
import type { SplitSection } from './sections.ts';

/**
 * The document (and the body's other protocols) as its own teacher. Where a template sets its decision marker apart
 * (a bold "Välfärdsnämndens beslut:" ending the §'s labelled parts) and most § were read with such a marker, a § whose
 * marker wording is unreadable (a damaged text layer prints "älfälrisälnäieäs besftt:") but which has an emphasised
 * label of the same kind as its last labelled part takes that part as its decision, with lowered confidence and a
 * warning. Never for a template whose decisions are not so marked.
 */
export function inferDecisions(
  built: BuiltParagraph[],
  template: TemplateProfile | undefined,
  warnings: ParseWarning[],
): void {
  const decided = built.filter((b) => b.paragraph.decision !== '');
  const emphasisedDecisions = decided.filter((b) => decisionSection(b)?.emphasised === true).length;
  const learned = decided.length >= 2 && emphasisedDecisions >= Math.max(2, decided.length / 2);
  const prior =
    template !== undefined &&
    template.paragraphs >= 3 &&
    template.decisions / template.paragraphs >= 0.6 &&
    Object.keys(template.decisionMarkers).some((k) => k.includes('<genitive>') || k.endsWith(':'));
  if (!learned && !prior) return;
  for (const b of built) {
    if (b.paragraph.decision !== '') continue;
    const candidate = lastLayoutLabel(b.sections);
    if (!candidate || candidate.text.trim() === '') continue;
    candidate.kind = 'decision';
    b.paragraph.sections = b.sections.map((s) => ({ heading: s.heading, kind: s.kind, text: s.text, pages: s.pages }));
    b.paragraph.decision = candidate.text;
    b.paragraph.decisionItems = decisionItemsFrom(candidate.text);
    b.paragraph.confidence = Math.round(b.paragraph.confidence * 0.7 * 100) / 100;
    const [page] = candidate.pages;
    warnings.push({
      code: 'no-decision',
      paragraph: b.paragraph.number,
      position: { page, line: 0 },
      message: `§ ${b.paragraph.number}: no decision marker recognised; "${candidate.heading}", set apart like this template's decision markers, was taken as the decision`,
    });
  }
}

function decisionSection(b: BuiltParagraph): SplitSection | undefined {
  return (
    b.sections.find((s) => s.kind === 'decision' && s.text === b.paragraph.decision) ??
    b.sections.find((s) => s.kind === 'decision')
  );
}

/** The last section opened by an emphasised label recognised by layout alone, if it is the last labelled section. */
function lastLayoutLabel(sections: readonly SplitSection[]): SplitSection | undefined {
  const labelled = sections.filter((s) => s.marker !== undefined);
  const last = labelled[labelled.length - 1];
  return last?.marker?.basis === 'layout' && last.emphasised ? last : undefined;
}
