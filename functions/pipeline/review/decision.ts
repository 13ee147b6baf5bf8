/**
 * A person's decision about one §, kept in the private store at `decisions/<meetingId>/<paragraphId>.json`, apart
 * from the records ingest writes, so that a corrected protocol (a new record version) cannot lose it. It is the one
 * place that says whether a § may be public:
 *
 * - `held`: no decision yet (implicit: a § the privacy gate holds and nobody has decided on has no decision file);
 * - `released`: published with the listed texts masked and the legal basis, as long as the § reads exactly as it did
 *   when it was reviewed (`reviewedHash`); a corrected protocol that changes the § sends it back to review;
 * - `rejected`: never published, whatever later versions of the protocol say;
 * - `withdrawn`: was published and must be taken back: kept out of every later version like `rejected`, and the
 *   next publish erases it from every earlier published file (review-decisions.ts `withdrawParagraph`,
 *   pipeline/publish/erasure.ts).
 *
 * `history` keeps every decision with who, when and why, oldest first; nothing is ever removed from it.
 *
 * PRIVATE: `redactions` are exactly the personal data that must not be published. Never log, publish or return
 * them from a public API.
 */
import { sha256Hex } from '../../lib/hash.ts';
import { isValidId } from '../../core/records/ids.ts';
import type { Paragraph } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { putJson } from '../../store/json.ts';
import { DECISIONS_PREFIX } from '../../store/keys.ts';

export type DecisionState = 'held' | 'released' | 'rejected' | 'withdrawn';
export type DecisionAction = 'release' | 'reject' | 'withdraw';

export interface DecisionEvent {
  action: DecisionAction;
  /** Who decided: the CLI user, or the signed-in administrator of the web admin. */
  by: string;
  /** ISO time. */
  at: string;
  /** Why (required for reject and withdraw). */
  reason?: string;
  /** The legal basis for masking (release). */
  basis?: string;
  /** How many texts were masked (release); the texts themselves are in the decision, never in the history. */
  redactionCount?: number;
  /** sha256 of the § as it was reviewed. */
  reviewedHash: string;
  /** The meeting record version the decision was taken on. */
  recordVersion: number;
}

export interface ParagraphDecision {
  schemaVersion: 1;
  meetingId: string;
  paragraphId: string;
  /** The § number as printed. */
  number: string;
  state: Exclude<DecisionState, 'held'>;
  /** Texts to mask on release. PRIVATE. */
  redactions: string[];
  basis?: string;
  reason?: string;
  reviewedHash: string;
  history: DecisionEvent[];
}

export class InvalidReviewIdError extends Error {
  override name = 'InvalidReviewIdError';
}

export function decisionPrefix(meetingId: string): string {
  if (!isValidId(meetingId)) throw new InvalidReviewIdError(`not a meeting id: ${JSON.stringify(meetingId)}`);
  return `${DECISIONS_PREFIX}${meetingId}/`;
}

export function decisionKey(meetingId: string, paragraphId: string): string {
  if (!isValidId(paragraphId)) throw new InvalidReviewIdError(`not a § id: ${JSON.stringify(paragraphId)}`);
  return `${decisionPrefix(meetingId)}${paragraphId}.json`;
}

/** "<meeting id>-<number>" → the meeting id: meeting ids end in their date, a § id adds one more part. */
export function meetingIdOf(paragraphId: string): string {
  const m = /^(.+-\d{4}-\d{2}-\d{2})-[a-z0-9]+$/u.exec(paragraphId);
  if (m === null || !isValidId(paragraphId))
    throw new InvalidReviewIdError(`not a § id: ${JSON.stringify(paragraphId)}`);
  return m[1]!;
}

/** The fingerprint of a § as reviewed: any change to its text or structure changes it. */
export function paragraphHash(paragraph: Paragraph): string {
  return sha256Hex(JSON.stringify(paragraph));
}

export async function readDecision(
  store: BlobStore,
  meetingId: string,
  paragraphId: string,
): Promise<ParagraphDecision | null> {
  return (await readJson(store, decisionKey(meetingId, paragraphId))) as ParagraphDecision | null;
}

/** Every decision about a meeting's §, by § id. */
export async function readDecisions(store: BlobStore, meetingId: string): Promise<Map<string, ParagraphDecision>> {
  const out = new Map<string, ParagraphDecision>();
  for await (const meta of store.list(decisionPrefix(meetingId))) {
    const value = (await readJson(store, meta.key)) as ParagraphDecision | null;
    if (value !== null && value.schemaVersion === 1 && typeof value.paragraphId === 'string')
      out.set(value.paragraphId, value);
  }
  return out;
}

export async function writeDecision(store: BlobStore, decision: ParagraphDecision): Promise<void> {
  await putJson(store, decisionKey(decision.meetingId, decision.paragraphId), decision);
}

/** The next state of a decision after `event`: history appended, the current fields replaced. */
export function decide(
  previous: ParagraphDecision | null,
  target: { meetingId: string; paragraphId: string; number: string },
  event: DecisionEvent,
  redactions: string[] = [],
): ParagraphDecision {
  const state = ({ release: 'released', reject: 'rejected', withdraw: 'withdrawn' } as const)[event.action];
  return {
    schemaVersion: 1,
    ...target,
    state,
    redactions: event.action === 'release' ? redactions : [],
    ...(event.basis ? { basis: event.basis } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
    reviewedHash: event.reviewedHash,
    history: [...(previous?.history ?? []), event],
  };
}
