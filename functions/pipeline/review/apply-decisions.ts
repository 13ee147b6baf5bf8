/**
 * Decisions → the meeting record. The record's `protocol` is what the publisher publishes and its `held` list what it
 * keeps out, so applying the decisions to the record is all it takes for the next `paragraf publish` to act on them:
 * the publisher needs no knowledge of review. Both ingest (every new version of a protocol) and the review use cases
 * (every decision) go through this one function, so a corrected protocol keeps earlier decisions and a decision
 * holds for every later version.
 *
 * - released, and the § reads as it did when reviewed: published, with the reviewer's texts masked, `redacted: true`
 *   and the legal basis; its review entry is kept (it is the unmasked text the release was judged on);
 * - released, but the § changed since: held again, marked `changed-since-release` (if the gate still holds it), or
 *   published with the reviewer's texts still masked wherever they appear (if the gate no longer holds it);
 * - rejected or withdrawn: held, whatever the privacy gate says about this version;
 * - no decision: as the privacy gate decided.
 */
import { findPersonalNumbers } from '../../core/privacy/personal-numbers.ts';
import { freeTextOf, redactParagraph } from '../../core/privacy/redact.ts';
import type { Paragraph } from '../../core/records/types.ts';
import type { HeldParagraphRef, MeetingRecord } from '../../store/meeting-record.ts';
import { type ParagraphDecision, paragraphHash } from './decision.ts';

export interface AppliedDecisions {
  record: MeetingRecord;
  /** Every held § in full (unmasked), for its private review entry. */
  held: Array<{ ref: HeldParagraphRef; paragraph: Paragraph }>;
  /** § ids whose review entries stay although the § is published (released ones). */
  keepReviews: string[];
}

/**
 * @param record the record as the privacy gate left it (`held` lists what the gate holds)
 * @param all every § of the protocol, unmasked, in protocol order (the parse for ingest; published ∪ review entries
 *            for a review)
 */
export function applyDecisions(
  record: MeetingRecord,
  all: readonly Paragraph[],
  decisions: ReadonlyMap<string, ParagraphDecision>,
): AppliedDecisions {
  const gateHeld = new Map(record.held.map((h) => [h.paragraphId, h]));
  const published: Paragraph[] = [];
  const held: AppliedDecisions['held'] = [];
  const keepReviews: string[] = [];
  const hold = (p: Paragraph, decision?: HeldParagraphRef['decision']) => {
    const ref = gateHeld.get(p.id) ?? { paragraphId: p.id, number: p.number, reasons: [] };
    held.push({ ref: { ...stripDecision(ref), ...(decision ? { decision } : {}) }, paragraph: p });
  };
  for (const p of all) {
    const d = decisions.get(p.id);
    if (d?.state === 'rejected' || d?.state === 'withdrawn') {
      hold(p, d.state);
    } else if (d?.state === 'released' && gateHeld.has(p.id)) {
      const masked = paragraphHash(p) === d.reviewedHash ? releasable(p, d) : null;
      if (masked === null) hold(p, 'changed-since-release');
      else {
        published.push(masked);
        keepReviews.push(p.id);
      }
    } else if (d?.state === 'released') {
      // A later version the gate lets through: what the reviewer masked stays masked wherever it still appears.
      const { paragraph, counts } = redactParagraph(p, d.redactions, d.basis);
      published.push(counts.some((n) => n > 0) ? paragraph : p);
      keepReviews.push(p.id);
    } else if (gateHeld.has(p.id)) {
      hold(p);
    } else {
      published.push(p);
    }
  }
  return {
    record: { ...record, protocol: { ...record.protocol, paragraphs: published }, held: held.map((h) => h.ref) },
    held,
    keepReviews,
  };
}

/** The § with the reviewer's masking, or null if a personal number would still be published (never released). */
function releasable(p: Paragraph, d: ParagraphDecision): Paragraph | null {
  const { paragraph } = redactParagraph(p, d.redactions, d.basis);
  return leaksPersonalNumber(paragraph) ? null : paragraph;
}

/** A personal number in any field of the §, or split between two fields in a row. */
export function leaksPersonalNumber(paragraph: Paragraph): boolean {
  return findPersonalNumbers([paragraph.id, ...freeTextOf(paragraph)].join('\n')).length > 0;
}

function stripDecision(ref: HeldParagraphRef): HeldParagraphRef {
  const { decision: _decision, ...rest } = ref;
  return rest;
}

export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** Protocol order for § gathered from several places: first page, then the § number, then as printed. */
export function byProtocolOrder(a: Paragraph, b: Paragraph): number {
  const page = a.pages[0] - b.pages[0];
  if (page !== 0) return page;
  const na = Number.parseInt(a.number, 10);
  const nb = Number.parseInt(b.number, 10);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}
