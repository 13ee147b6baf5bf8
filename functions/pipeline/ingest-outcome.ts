import type { UnreadableReason } from '../ports/text-extractor.ts';
import type { PublishRequest } from '../ports/publish-notifier.ts';

/**
 * What happened to one input file. A discriminated union on `status`; every outcome names the file and its hash.
 *  - ingested:    a new meeting record (version 1)
 *  - replaced:    a corrected protocol for a known meeting; the previous version went to records-history/
 *  - unchanged:   these exact bytes were ingested before (or are an older, already replaced version): nothing written
 *  - quarantined: the file cannot be published; `reason` is a stable code, `message` one line for people
 */
export type IngestOutcome = IngestedOutcome | UnchangedOutcome | QuarantinedOutcome;

interface OutcomeBase {
  fileName: string;
  sha256: string;
}

export interface IngestedOutcome extends OutcomeBase {
  status: 'ingested' | 'replaced';
  meetingId: string;
  municipalitySlug: string;
  recordKey: string;
  version: number;
  /** § held back for review (not published). */
  heldCount: number;
  paragraphCount: number;
  /** Parser warnings (content oddities), counted; the warnings themselves are in the record. */
  warningCount: number;
  /** How reliably the protocol was read (0–1, `Meeting.confidence`); below `LOW_CONFIDENCE` a person should check it. */
  confidence: number;
  /** § read with low confidence (below `LOW_CONFIDENCE`), to be checked before publishing. */
  lowConfidenceCount: number;
}

export interface UnchangedOutcome extends OutcomeBase {
  status: 'unchanged';
  meetingId: string;
  municipalitySlug: string;
  recordKey: string;
  version: number;
  heldCount: number;
  /** Set when the bytes are an older version that a later file already replaced. */
  message?: string;
}

export interface QuarantinedOutcome extends OutcomeBase {
  status: 'quarantined';
  reason: QuarantineReason;
  /** One line. */
  message: string;
  /** True when the same bytes were already quarantined for the same reason: nothing was written this time. */
  alreadyQuarantined: boolean;
}

/**
 * Why a file is in quarantine: the extractor's reasons (unreadable bytes, too large, no §) plus the two a parsed
 * protocol can still fail on. Without a meeting date or municipality there is no stable meeting id, and publishing
 * under a placeholder id would let two unrelated protocols replace each other. 'personal-number-in-id': an id (meeting
 * or §) would carry a personnummer, and ids are published even for held § (privacy-gate.ts `idFindings`).
 */
export type QuarantineReason =
  | UnreadableReason
  | 'no-meeting-date'
  | 'no-municipality'
  | 'personal-number-in-id'
  /** A name read from the text cannot be part of a store key (a body in no list, a year out of range). */
  | 'invalid-id'
  /** The parser threw on this file (a bug to report; deterministic, so retrying would not help). */
  | 'parse-failed';

/** What the publisher is told about an outcome: every stored (or unchanged) record; nothing for a quarantined file. */
export function publishRequestOf(outcome: IngestOutcome): PublishRequest | null {
  if (outcome.status === 'quarantined') return null;
  const { municipalitySlug, meetingId, recordKey, sha256, version, status } = outcome;
  return { municipalitySlug, meetingId, recordKey, sha256, version, status };
}
