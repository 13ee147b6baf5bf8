/**
 * The write side of review: release a held § (with texts masked and a legal basis), reject it, or withdraw one that
 * was published. The CLI (`paragraf review release|reject`, `paragraf withdraw`) and the municipality's web admin
 * call these same functions.
 *
 * Each decision is written to `decisions/` with who, when and why (decision.ts), then applied to the meeting record
 * (apply-decisions.ts) with a `pending/` marker, so the next `paragraf publish` publishes a released § (masked, with
 * `redacted: true` and the basis) or withdraws a rejected one from the current files. Order: decision, marker,
 * record. A crash after the decision leaves the record as it was; running the same command again completes it.
 *
 * A release is refused while a personal number is still in the masked §, or when a text to mask is not in the § at
 * all (a typo would otherwise publish what the reviewer meant to hide).
 */
import { MAX_REDACTION_LENGTH, redactParagraph } from '../../core/privacy/redact.ts';
import type { Paragraph } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import { readJson } from '../../ports/blob-json.ts';
import { putJson } from '../../store/json.ts';
import type { HeldParagraphRef, MeetingRecord, PendingMarker, ReviewEntry } from '../../store/meeting-record.ts';
import { heldParagraphForReview, personalNumberFindings } from '../privacy-gate.ts';
import { pendingKey, reviewKey, reviewPrefix, unitOfRecordKey } from '../../store/keys.ts';
import { requestErasure } from '../publish/erasure-requests.ts';
import { applyDecisions, byProtocolOrder, leaksPersonalNumber } from './apply-decisions.ts';
import {
  decide,
  type DecisionEvent,
  meetingIdOf,
  type ParagraphDecision,
  paragraphHash,
  readDecision,
  readDecisions,
  writeDecision,
} from './decision.ts';
import { findRecordKey, NotUnderReviewError, readMeetingRecord } from './review-queue.ts';

export interface ReviewDeps {
  store: BlobStore;
  clock: Clock;
}

export interface ReleaseInput {
  paragraphId: string;
  /** Texts to mask everywhere in the §. PRIVATE: never logged. */
  redactions?: readonly string[];
  /** Legal basis for the masking, e.g. "OSL 26 kap. 1 §". */
  basis?: string;
  by: string;
}

export interface RejectInput {
  paragraphId: string;
  reason: string;
  by: string;
}

export interface WithdrawInput {
  paragraphId: string;
  /** Why, in words. PRIVATE: kept in the decision's history; the published tombstone says only "withdrawn". */
  reason: string;
  by: string;
}

export interface DecisionOutcome {
  paragraphId: string;
  state: ParagraphDecision['state'];
  /** For a release: in how many places each text was masked (same order as given). */
  masked?: number[];
  /** Whether the record changed, i.e. the next publish has something to do. */
  recordChanged: boolean;
}

/** The input cannot be acted on: empty reviewer, a text that is not in the §, a personal number left, …. */
export class ReviewRefusedError extends Error {
  override name = 'ReviewRefusedError';
}

export async function releaseParagraph(deps: ReviewDeps, input: ReleaseInput): Promise<DecisionOutcome> {
  const redactions = (input.redactions ?? []).map((t) => t.trim());
  checkPerson(input.by);
  for (const text of redactions) {
    if (text.length < 2 || text.length > MAX_REDACTION_LENGTH) {
      throw new ReviewRefusedError(`a text to mask must be 2 to ${MAX_REDACTION_LENGTH} characters long`);
    }
  }
  const target = await loadTarget(deps.store, input.paragraphId);
  if (target.fromReview === null) throw new NotUnderReviewError(`${input.paragraphId} is not held for review`);
  const { paragraph, counts } = redactParagraph(target.paragraph, redactions, input.basis);
  const missing = counts.flatMap((n, i) => (n === 0 ? [i + 1] : []));
  if (missing.length > 0) {
    throw new ReviewRefusedError(
      `text ${missing.join(', ')} to mask does not occur in the § (check spelling); nothing was released`,
    );
  }
  const left = personalNumberFindings(paragraph);
  if (left.length > 0 || leaksPersonalNumber(paragraph)) {
    const where = [...new Set(left.map((f) => f.field))].join(', ') || 'split between two fields';
    throw new ReviewRefusedError(
      `a personnummer or samordningsnummer is still in the masked § (${where}): mask it with --redact`,
    );
  }
  const event = eventOf(
    target,
    { action: 'release', by: input.by, at: deps.clock.now().toISOString() },
    {
      ...(input.basis?.trim() ? { basis: input.basis.trim() } : {}),
      redactionCount: redactions.length,
    },
  );
  const decision = decide(target.decision, target.ids, event, redactions);
  const recordChanged = await commit(deps, target, decision);
  return { paragraphId: input.paragraphId, state: 'released', masked: counts, recordChanged };
}

export async function rejectParagraph(deps: ReviewDeps, input: RejectInput): Promise<DecisionOutcome> {
  checkPerson(input.by);
  if (input.reason.trim() === '') throw new ReviewRefusedError('a rejection needs a reason');
  const target = await loadTarget(deps.store, input.paragraphId);
  const event = eventOf(
    target,
    { action: 'reject', by: input.by, at: deps.clock.now().toISOString() },
    { reason: input.reason.trim() },
  );
  const decision = decide(target.decision, target.ids, event);
  const recordChanged = await commit(deps, target, decision);
  return { paragraphId: input.paragraphId, state: 'rejected', recordChanged };
}

/**
 * Withdraws a § that was published (or keeps one out that is not yet): the decision `withdrawn` holds it in this and
 * every later version of the protocol, and an erasure request makes the next publish rewrite or delete every earlier
 * published file that contained it (pipeline/publish/erasure.ts). Order: decision, marker, record, then the request
 * (a crash before the request still erases: the publisher requests erasure for every § a decision takes out).
 */
export async function withdrawParagraph(deps: ReviewDeps, input: WithdrawInput): Promise<DecisionOutcome> {
  checkPerson(input.by);
  if (input.reason.trim() === '') throw new ReviewRefusedError('a withdrawal needs a reason');
  const target = await loadTarget(deps.store, input.paragraphId);
  const at = deps.clock.now().toISOString();
  const event = eventOf(target, { action: 'withdraw', by: input.by, at }, { reason: input.reason.trim() });
  const recordChanged = await commit(deps, target, decide(target.decision, target.ids, event));
  const unit = unitOfRecordKey(target.recordKey);
  if (unit === null) throw new NotUnderReviewError(`${target.recordKey} is not a meeting record key`);
  await requestErasure(deps.store, {
    paragraphId: input.paragraphId,
    meetingId: target.ids.meetingId,
    unit: `${unit.municipality}/${unit.body}/${unit.year}`,
    requestedAt: at,
    reason: 'withdrawn',
  });
  return { paragraphId: input.paragraphId, state: 'withdrawn', recordChanged };
}

interface Target {
  ids: { meetingId: string; paragraphId: string; number: string };
  recordKey: string;
  record: MeetingRecord;
  /** The § unmasked: from its review entry, else (never held) from the record. */
  paragraph: Paragraph;
  fromReview: ReviewEntry | null;
  decision: ParagraphDecision | null;
}

async function loadTarget(store: BlobStore, paragraphId: string): Promise<Target> {
  const meetingId = meetingIdOf(paragraphId);
  const entry = (await readJson(store, reviewKey(meetingId, paragraphId))) as ReviewEntry | null;
  const recordKey = await findRecordKey(store, meetingId, entry?.recordKey);
  const record = recordKey === null ? null : await readMeetingRecord(store, recordKey);
  if (record === null || recordKey === null) throw new NotUnderReviewError(`no meeting record for ${paragraphId}`);
  const paragraph = entry?.paragraph.paragraph ?? record.protocol.paragraphs.find((p) => p.id === paragraphId);
  if (paragraph === undefined) throw new NotUnderReviewError(`${paragraphId} is in no record or review entry`);
  const decision = await readDecision(store, meetingId, paragraphId);
  return {
    ids: { meetingId, paragraphId, number: paragraph.number },
    recordKey,
    record,
    paragraph,
    fromReview: entry,
    decision,
  };
}

function eventOf(
  target: Target,
  base: Pick<DecisionEvent, 'action' | 'by' | 'at'>,
  extra: Partial<DecisionEvent>,
): DecisionEvent {
  return {
    ...base,
    ...extra,
    reviewedHash: paragraphHash(target.paragraph),
    recordVersion: target.record.ingest.version,
  };
}

function checkPerson(by: string): void {
  if (by.trim() === '') throw new ReviewRefusedError('who decides must be named (--by)');
}

/** Decision first, then (if the record changes) a pending marker and the record, then review entries it needs. */
async function commit(deps: ReviewDeps, target: Target, decision: ParagraphDecision): Promise<boolean> {
  const { store } = deps;
  await writeDecision(store, decision);
  const { record, held } = await reapply(store, target.record);
  const changed = JSON.stringify(record) !== JSON.stringify(target.record);
  for (const h of held) await ensureReviewEntry(store, target, h.ref, h.paragraph);
  if (!changed) return false;
  const at = deps.clock.now();
  const marker: PendingMarker = {
    schemaVersion: 1,
    meetingId: record.meetingId,
    municipalitySlug: record.municipalitySlug,
    recordKey: target.recordKey,
    sha256: record.ingest.sha256,
    version: record.ingest.version,
    change: 'reviewed',
    at: at.toISOString(),
  };
  await putJson(store, pendingKey(at, record.meetingId, record.ingest.sha256), marker);
  await putJson(store, target.recordKey, record);
  return true;
}

/**
 * The record rebuilt from what the gate held (the review entries, unmasked) and what it let through (the rest of
 * the record), with every decision of the meeting applied.
 */
async function reapply(store: BlobStore, current: MeetingRecord) {
  const entries = new Map<string, ReviewEntry>();
  for await (const meta of store.list(reviewPrefix(current.meetingId))) {
    const entry = (await readJson(store, meta.key)) as ReviewEntry | null;
    if (entry?.paragraph?.paragraphId) entries.set(entry.paragraph.paragraphId, entry);
  }
  const gateHeld: HeldParagraphRef[] = [...entries.values()]
    .filter((e) => e.paragraph.reasons.length > 0)
    .map((e) => ({
      paragraphId: e.paragraph.paragraphId,
      number: e.paragraph.number,
      reasons: [...e.paragraph.reasons],
      ...(e.paragraph.signals ? { signals: [...e.paragraph.signals] } : {}),
    }));
  const all = [
    ...current.protocol.paragraphs.filter((p) => !entries.has(p.id)),
    ...[...entries.values()].map((e) => e.paragraph.paragraph),
  ].sort(byProtocolOrder);
  const base: MeetingRecord = { ...current, held: gateHeld };
  return applyDecisions(base, all, await readDecisions(store, current.meetingId));
}

/** A § held only by a decision (rejected after it was published) gets a review entry, so it can be shown and released. */
async function ensureReviewEntry(
  store: BlobStore,
  target: Target,
  ref: HeldParagraphRef,
  paragraph: Paragraph,
): Promise<void> {
  const key = reviewKey(target.record.meetingId, ref.paragraphId);
  if ((await store.head(key)) !== null) return;
  const entry: ReviewEntry = {
    schemaVersion: 1,
    meetingId: target.record.meetingId,
    sha256: target.record.ingest.sha256,
    fileName: target.record.ingest.fileName,
    heldAt: target.record.ingest.receivedAt,
    recordKey: target.recordKey,
    paragraph: heldParagraphForReview(paragraph, ref.reasons, ref.signals),
  };
  await putJson(store, key, entry);
}
