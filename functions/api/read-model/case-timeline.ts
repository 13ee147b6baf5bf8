import { caseKey } from '../../published/read-model/paragraph-index.ts';
import { referencedIds } from '../../published/read-model/index-builder.ts';
import { fullParagraph } from './full-records.ts';
import type { Snapshot } from './read-model.ts';

export type TimelineVia = 'case-number' | 'reference' | 'referenced-by';

export interface CaseTimeline {
  caseNumber: string;
  municipalities: string[];
  /** Documents in date order, each with why it belongs. */
  entries: Array<{ doc: number; via: TimelineVia }>;
  /** References from the case's § that name no § in the archive (an older year, another body not yet ingested). */
  unresolved: Array<{ raw: string; from: string }>;
}

/**
 * A case's path through the bodies: every § carrying the case number (in one municipality, or in each that uses the
 * number), the § they refer to ("Kommunstyrelsens arbetsutskott har den 20 maj 2026, § 68"), and the § that refer to
 * them. Case numbers are per municipality, so `municipality` narrows the search when a number occurs in several.
 * Null when no published § carries the number.
 */
export async function caseTimeline(
  snapshot: Snapshot,
  caseNumber: string,
  municipality?: string,
): Promise<CaseTimeline | null> {
  const index = snapshot.index;
  const muni = municipality === undefined ? -1 : index.municipalityId(municipality);
  if (municipality !== undefined && muni < 0) return null;
  const own = index.docsWithCase(caseNumber).filter((d) => muni < 0 || index.parts.docs.municipality[d] === muni);
  if (own.length === 0) return null;
  const via = new Map<number, TimelineVia>(own.map((d) => [d, 'case-number']));
  const unresolved: CaseTimeline['unresolved'] = [];
  for (const doc of own) {
    const { meeting, paragraph } = await fullParagraph(snapshot, doc);
    const unit = index.unitOfMeeting(index.parts.docs.meeting[doc]!);
    const targets = referencedIds(
      { references: paragraph.references, municipality: meeting.municipality, body: meeting.body },
      unit,
    );
    const placed = paragraph.references.filter((r) => r.date && r.number);
    targets.forEach((target, i) => {
      const d = index.paragraphIndex(target);
      if (d >= 0) {
        if (!via.has(d)) via.set(d, 'reference');
      } else if (!unresolved.some((u) => u.raw === placed[i]!.raw)) {
        unresolved.push({ raw: placed[i]!.raw, from: paragraph.id });
      }
    });
    for (const d of index.docsReferencing(paragraph.id))
      if (!via.has(d) && (await refersTo(snapshot, d, paragraph.id))) via.set(d, 'referenced-by');
  }
  const entries = [...via].sort(([a], [b]) => a - b).map(([doc, v]) => ({ doc, via: v }));
  const municipalities = [
    ...new Set(own.map((d) => index.parts.municipalities[index.parts.docs.municipality[d]!]!.slug)),
  ].sort();
  return { caseNumber: caseKey(caseNumber), municipalities, entries, unresolved };
}

/** The reverse-reference map is keyed by a 32-bit hash; a candidate is confirmed against its record. */
async function refersTo(snapshot: Snapshot, doc: number, target: string): Promise<boolean> {
  const { meeting, paragraph } = await fullParagraph(snapshot, doc);
  const unit = snapshot.index.unitOfMeeting(snapshot.index.parts.docs.meeting[doc]!);
  return referencedIds(
    { references: paragraph.references, municipality: meeting.municipality, body: meeting.body },
    unit,
  ).includes(target);
}
