import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { Paragraph, Protocol, Vote } from '../../functions/core/records/types.ts';
import { caseSource, readCasePages, type GoldenCase } from './load-case.ts';

/** Reads a golden case the way ingest does (PDF extractor or text reader) and parses it. */
export async function parseCase(c: GoldenCase): Promise<Protocol> {
  const pages = await readCasePages(c);
  return parseProtocol({ pages, source: caseSource(c, pages) });
}

/**
 * What a golden expectation pins per §: everything a reader checks against the source. Long verbatim texts (the
 * whole § text, section texts) are pinned by length only; the verbatim test checks they come from the source.
 */
export function projectParagraph(p: Paragraph): Record<string, unknown> {
  return {
    number: p.number,
    heading: p.heading,
    caseNumbers: p.caseNumbers,
    title: p.title,
    pages: p.pages,
    sections: p.sections.map((s) => `${s.kind}: ${s.heading}`),
    decision: p.decision,
    decisionItems: p.decisionItems.map((i) => `${i.label} | ${i.text}`),
    votes: p.votes.map(projectVote),
    reservations: p.reservations,
    recipients: p.recipients,
    documents: p.documents,
    references: p.references.map((r) => [r.body ?? '', r.date ?? '', r.number ?? '', r.raw].join(' | ')),
    redacted: p.redacted,
    immediatelyJusterad: p.immediatelyJusterad,
    // Pinned where set; absent elsewhere (toEqual fails on an unexpected key).
    ...(p.otherAppealRoute !== undefined ? { otherAppealRoute: p.otherAppealRoute } : {}),
    textLength: p.text.length,
    confidence: p.confidence,
  };
}

function projectVote(v: Vote): Record<string, unknown> {
  return {
    yesMeans: v.yesMeans ?? null,
    noMeans: v.noMeans ?? null,
    counts: v.counts,
    roll: v.roll.map((r) => `${r.vote}: ${r.name}${r.party ? ` (${r.party})` : ''}`),
    rollMatchesCounts: v.rollMatchesCounts,
  };
}

export function projectProtocol(p: Protocol): Record<string, unknown> {
  const m = p.meeting;
  return {
    meeting: {
      body: m.body,
      date: m.date,
      paragraphRange: m.paragraphRange?.raw ?? null,
      confidence: m.confidence,
      textLayerDamaged: m.textLayer?.damaged ?? false,
    },
    paragraphCount: p.paragraphs.length,
    numbers: p.paragraphs.map((x) => x.number),
    warnings: p.warnings.filter((w) => w.code !== 'missing-metadata').map((w) => `${w.code} ${w.paragraph ?? ''}`.trim()),
    paragraphs: p.paragraphs.map(projectParagraph),
  };
}
