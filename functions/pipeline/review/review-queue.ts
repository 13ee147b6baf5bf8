/**
 * What waits for review and what was decided: the read side of the review use cases, for `paragraf review list/show`
 * and for the municipality's web admin (the same functions, so both see the same thing).
 *
 * A list item carries no text of the § except its title with personal numbers masked, and never the texts a
 * reviewer masked; `show` returns the whole § as held (that is what a reviewer must read) and the decision.
 */
import { maskPersonalNumbers } from '../../core/privacy/personal-numbers.ts';
import type { Paragraph } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import type { MeetingRecord, ReviewEntry } from '../../store/meeting-record.ts';
import type { HoldReason, PersonalNumberFinding } from '../privacy-gate.ts';
import { DECISIONS_PREFIX, RECORDS_PREFIX, REVIEW_PREFIX, reviewKey } from '../../store/keys.ts';
import { type DecisionState, meetingIdOf, type ParagraphDecision, paragraphHash, readDecision } from './decision.ts';

export type ReviewState = DecisionState | 'changed-since-release';

export interface ReviewItem {
  paragraphId: string;
  meetingId: string;
  number: string;
  /** The title, personal numbers masked. */
  title: string;
  state: ReviewState;
  reasons: HoldReason[];
  /** Individual-case signals (names). */
  signals: string[];
  /** Where personal numbers are (kind and field only). */
  findings: PersonalNumberFinding[];
  heldAt?: string;
  decidedAt?: string;
  decidedBy?: string;
  basis?: string;
  reason?: string;
  redactionCount?: number;
}

export interface ReviewDetail {
  item: ReviewItem;
  /** The § as held: unmasked. PRIVATE. */
  paragraph: Paragraph | null;
  decision: ParagraphDecision | null;
}

export class NotUnderReviewError extends Error {
  override name = 'NotUnderReviewError';
}

/** Every § held for review or decided on, by meeting and § number; optionally only those in `state`. */
export async function listReview(store: BlobStore, filter: { state?: ReviewState } = {}): Promise<ReviewItem[]> {
  const items = new Map<string, ReviewItem>();
  for await (const meta of store.list(REVIEW_PREFIX)) {
    const entry = (await readJson(store, meta.key)) as ReviewEntry | null;
    if (entry?.paragraph?.paragraphId === undefined) continue;
    const decision = await readDecision(store, entry.meetingId, entry.paragraph.paragraphId);
    items.set(entry.paragraph.paragraphId, itemOf(entry, decision));
  }
  for await (const meta of store.list(DECISIONS_PREFIX)) {
    const decision = (await readJson(store, meta.key)) as ParagraphDecision | null;
    if (decision === null || items.has(decision.paragraphId)) continue;
    items.set(decision.paragraphId, itemOf(null, decision));
  }
  return [...items.values()]
    .filter((i) => filter.state === undefined || i.state === filter.state)
    .sort((a, b) =>
      a.meetingId === b.meetingId ? numberOrder(a.number, b.number) : a.meetingId < b.meetingId ? -1 : 1,
    );
}

/** One § with its full text and decision. */
export async function showReview(store: BlobStore, paragraphId: string): Promise<ReviewDetail> {
  const meetingId = meetingIdOf(paragraphId);
  const entry = (await readJson(store, reviewKey(meetingId, paragraphId))) as ReviewEntry | null;
  const decision = await readDecision(store, meetingId, paragraphId);
  if (entry === null && decision === null)
    throw new NotUnderReviewError(`${paragraphId} is not held for review and has no decision`);
  return { item: itemOf(entry, decision), paragraph: entry?.paragraph.paragraph ?? null, decision };
}

function itemOf(entry: ReviewEntry | null, decision: ParagraphDecision | null): ReviewItem {
  const p = entry?.paragraph;
  const last = decision?.history[decision.history.length - 1];
  // A newer version of the protocol changed a released §: it is held again until someone reviews it anew.
  const changed =
    decision?.state === 'released' &&
    entry !== null &&
    paragraphHash(entry.paragraph.paragraph) !== decision.reviewedHash;
  return {
    paragraphId: p?.paragraphId ?? decision!.paragraphId,
    meetingId: entry?.meetingId ?? decision!.meetingId,
    number: p?.number ?? decision!.number,
    title: maskPersonalNumbers(p?.paragraph.title ?? ''),
    state: changed ? 'changed-since-release' : (decision?.state ?? 'held'),
    reasons: p?.reasons ?? [],
    signals: p?.signals ?? [],
    findings: p?.findings ?? [],
    ...(entry ? { heldAt: entry.heldAt } : {}),
    ...(last ? { decidedAt: last.at, decidedBy: last.by } : {}),
    ...(decision?.basis ? { basis: decision.basis } : {}),
    ...(decision?.reason ? { reason: decision.reason } : {}),
    ...(decision?.state === 'released' ? { redactionCount: decision.redactions.length } : {}),
  };
}

function numberOrder(a: string, b: string): number {
  const d = Number.parseInt(a, 10) - Number.parseInt(b, 10);
  return Number.isFinite(d) && d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
}

/** The record key of a meeting: from its review entry, else by looking for it under `records/`. */
export async function findRecordKey(store: BlobStore, meetingId: string, hint?: string): Promise<string | null> {
  if (hint !== undefined && (await store.head(hint)) !== null) return hint;
  for await (const meta of store.list(RECORDS_PREFIX)) if (meta.key.endsWith(`/${meetingId}.json`)) return meta.key;
  return null;
}

export async function readMeetingRecord(store: BlobStore, key: string): Promise<MeetingRecord | null> {
  return (await readJson(store, key)) as MeetingRecord | null;
}
