import { trimSlash } from '../../core/render/table.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import type { ParagraphSummary } from '../read-model/types.ts';

/** A § as a list item: the index's summary with the permalink of the published files. */
export function paragraphItem(snapshot: Snapshot, siteUrl: string, doc: number) {
  return JSON.parse(paragraphItemJson(snapshot, siteUrl, doc)) as ParagraphSummary & { permalink: string };
}

/** The same item as JSON text, assembled from the index's stored fragments (what list responses concatenate). */
export function paragraphItemJson(snapshot: Snapshot, siteUrl: string, doc: number): string {
  return snapshot.index.itemJson(doc, trimSlash(snapshot.version.baseUrl ?? siteUrl));
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
