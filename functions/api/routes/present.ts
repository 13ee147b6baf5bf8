import { trimSlash } from '../../core/render/table.ts';
import type { ParagraphIndex } from '../read-model/paragraph-index.ts';
import type { Snapshot } from '../read-model/read-model.ts';

/** JSON shapes of list items: the index's summaries plus permalink and links. */
export function paragraphItem(snapshot: Snapshot, siteUrl: string, doc: number) {
  const p = snapshot.index.paragraph(doc);
  return {
    id: p.id,
    permalink: permalinkOf(snapshot, siteUrl, p.id),
    meetingId: p.meetingId,
    municipality: p.municipality,
    municipalityName: p.municipalityName,
    body: p.body,
    bodyName: p.bodyName,
    meetingDate: p.meetingDate,
    number: p.number,
    title: p.title,
    caseNumbers: p.caseNumbers,
    decisionExcerpt: p.decisionExcerpt,
    decisionTruncated: p.decisionTruncated,
    hasVote: p.hasVote,
    hasReservation: p.hasReservation,
    redacted: p.redacted,
    immediatelyJusterad: p.immediatelyJusterad,
    pages: p.pages,
  };
}

export function paragraphLinks(siteUrl: string, id: string, meetingId: string) {
  return {
    self: `${siteUrl}/v1/paragraphs/${id}`,
    html: `${siteUrl}/p/${id}`,
    meeting: `${siteUrl}/v1/meetings/${meetingId}`,
  };
}

export function meetingItem(index: ParagraphIndex, siteUrl: string, m: number) {
  const s = index.meeting(m);
  return { ...s, links: { self: `${siteUrl}/v1/meetings/${s.id}`, html: `${siteUrl}/m/${s.id}` } };
}

/** The permalink as the published files write it (their base URL), so the API and the files agree. */
export function permalinkOf(snapshot: Snapshot, siteUrl: string, id: string): string {
  return `${trimSlash(snapshot.version.baseUrl ?? siteUrl)}/p/${id}`;
}
