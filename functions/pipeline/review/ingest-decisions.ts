import type { Protocol } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { NewVersion } from '../ingest-record.ts';
import { heldParagraphForReview } from '../privacy-gate.ts';
import { applyDecisions } from './apply-decisions.ts';
import { readDecisions } from './decision.ts';

/**
 * A new version of a meeting record with the decisions people took on earlier versions applied (apply-decisions.ts),
 * so a corrected or re-ingested protocol never undoes a rejection or a withdrawal, and a released § stays released
 * while it reads the same. One listing of `decisions/<meetingId>/`; nothing changes when there are none.
 */
export async function withStoredDecisions(
  store: BlobStore,
  version: NewVersion,
  parsed: Protocol,
): Promise<NewVersion> {
  const decisions = await readDecisions(store, version.record.meetingId);
  if (decisions.size === 0) return version;
  const applied = applyDecisions(version.record, parsed.paragraphs, decisions);
  return {
    ...version,
    record: applied.record,
    heldParagraphs: applied.held.map((h) => ({
      ref: h.ref,
      review: heldParagraphForReview(h.paragraph, h.ref.reasons, h.ref.signals),
    })),
    keepReviews: applied.keepReviews,
  };
}
