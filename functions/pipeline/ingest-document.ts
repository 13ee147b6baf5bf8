import { parseProtocol } from '../core/parse/parse-protocol.ts';
import { LOW_CONFIDENCE } from '../core/parse/protocol-confidence.ts';
import { markCorrections } from '../core/records/corrections.ts';
import { isValidId } from '../core/records/ids.ts';
import type { PageText, ParseHints, ParseInput, Protocol, SourceProvenance } from '../core/records/types.ts';
import { PreconditionFailedError, type BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import { type TextExtractor, UnreadableDocumentError } from '../ports/text-extractor.ts';
import { sourceHints } from './file-name-hints.ts';
import { sha256Hex } from '../lib/hash.ts';
import { keepOriginal } from './ingest-original.ts';
import type { IngestOutcome, QuarantineReason, UnchangedOutcome } from './ingest-outcome.ts';
import { checkedProvenance, hintsWithNotice } from './ingest-provenance.ts';
import { clearQuarantine, quarantine } from './ingest-quarantine.ts';
import {
  buildVersion,
  commitVersion,
  isReplacedVersion,
  placeRecord,
  privacyPolicy,
  readRecordVersion,
} from './ingest-record.ts';
import type { MeetingRecord } from '../store/meeting-record.ts';
import { applyPrivacyGate } from './privacy-gate.ts';
import { withStoredDecisions } from './review/ingest-decisions.ts';
import { keepSuppliedNotice } from './notice.ts';
import { sourceInfo } from './source-info.ts';
import { InvalidStoreKeyPartError, recordKey } from '../store/keys.ts';
import { parseWithTemplate, type TemplateSource } from './template-learning.ts';

export interface IngestDeps {
  store: BlobStore;
  /** Detects the type from the bytes and reads the text; throws UnreadableDocumentError for what it cannot read. */
  extractor: TextExtractor;
  clock: Clock;
  /**
   * Bodies whose every § is held for review before publishing (individual cases): patterns, with `default` standing
   * for the built-in list (core/privacy/review-first-bodies.ts). Default: that list.
   */
  reviewFirstBodies?: readonly string[];
  /** The parser; replaceable in tests only. */
  parse?: (input: ParseInput) => Protocol;
  /** Where the body's template comes from (the batch, the store): a prior for the parser (template-learning.ts). */
  templates?: TemplateSource;
}

export interface IngestInput {
  bytes: Uint8Array;
  /** The name it arrived under (no directories needed); used for hints and provenance, never for the type. */
  fileName: string;
  /** The folder it was found in, when that can name the municipality (`paragraf ingest` of a folder tree). */
  folder?: string;
  /** What the caller knows from outside the file (e.g. `--municipality`); wins over hints from the file name. */
  hints?: ParseHints;
  /**
   * Where the file came from (a harvested portal, `--source-url`): kept with the original and in the meeting's
   * `source`; its notice date reaches the parser as `hints.noticeDate`. Invalid provenance throws
   * InvalidProvenanceError before anything is written.
   */
  provenance?: SourceProvenance;
}

interface Context {
  deps: IngestDeps;
  input: IngestInput;
  sha256: string;
  at: Date;
  provenance: SourceProvenance;
}

/**
 * The ingest use case: one file in, one outcome out. Order matters:
 *  1. keep the original (content-addressed) before anything can fail, so nothing is ever lost;
 *  2. extract (type by content), parse, check the protocol can have a stable id, run the privacy gate;
 *  3. compare with the stored record: the same bytes again → 'unchanged' with nothing written; other bytes for the
 *     same meeting → 'replaced' (the old version moves to records-history/ with the reason); else 'ingested'.
 * Files that cannot be published get a quarantine entry and the outcome 'quarantined'. Store failures and bugs throw
 * (the caller retries or reports them: every step is safe to repeat).
 */
export async function ingestDocument(deps: IngestDeps, input: IngestInput): Promise<IngestOutcome> {
  const provenance = checkedProvenance(input.provenance);
  const ctx: Context = { deps, input, sha256: sha256Hex(input.bytes), at: deps.clock.now(), provenance };
  await keepOriginal(deps.store, input.bytes, ctx.sha256, input.fileName, ctx.at, provenance);
  const parsed = await readProtocol(ctx);
  if ('reason' in parsed) return reject(ctx, parsed.reason, parsed.message);
  const policy = privacyPolicy(deps.reviewFirstBodies);
  const gated = applyPrivacyGate(parsed.protocol, policy, { pages: parsed.pages });
  if (gated.idFindings.length > 0) {
    return reject(
      ctx,
      'personal-number-in-id',
      `a personnummer would become part of an id (${gated.idFindings.join(', ')}); rename the file`,
    );
  }
  let key: string;
  try {
    key = recordKey(placeRecord(gated.publishable));
  } catch (error) {
    // A name the parser read that cannot be part of a key (a body or municipality in no list, a year out of range):
    // the file is kept and quarantined with the reason, never left as a bare failure.
    if (!(error instanceof InvalidStoreKeyPartError)) throw error;
    return reject(
      ctx,
      'invalid-id',
      `the meeting cannot be filed: ${error.message}; name it in the file name or with --municipality`,
    );
  }
  // Optimistic concurrency: the record is written only over the version it was built on (If-Match, or If-None-Match
  // for a first version). A concurrent correction of the same meeting makes the write fail; the loser starts again
  // from the winner's record, so every version ends in the chain and in records-history/.
  for (let attempt = 1; ; attempt++) {
    const { previous, etag } = await readRecordVersion(deps.store, key);
    const unchanged = previous === null ? null : await unchangedOutcome(ctx, previous, key);
    if (unchanged !== null) {
      await clearQuarantine(deps.store, ctx.sha256);
      return unchanged;
    }
    let protocol = parsed.protocol;
    let versionGated = gated;
    if (previous !== null) {
      // A corrected protocol: the § it changed say "Rättad" (the gate runs again on the marked §, which adds no text).
      const reason = `Ersatt av en rättad version av protokollet (${input.fileName})`;
      protocol = markCorrections(protocol, previous.protocol.paragraphs, {
        date: ctx.at.toISOString().slice(0, 10),
        reason,
      });
      versionGated = applyPrivacyGate(protocol, policy, { pages: parsed.pages });
    }
    const source = { sha256: ctx.sha256, fileName: input.fileName, at: ctx.at };
    const version = keepSuppliedNotice(
      await withStoredDecisions(deps.store, buildVersion(protocol, versionGated, previous, key, source), protocol),
      previous,
    );
    try {
      await commitVersion(deps.store, version, etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      if (attempt >= MAX_COMMIT_ATTEMPTS) throw new ConcurrentCorrectionError(key, attempt, { cause: error });
      continue;
    }
    await clearQuarantine(deps.store, ctx.sha256);
    return ingestedOutcome(ctx, version.record, key, previous === null, protocol);
  }
}

/** Concurrent versions of one meeting, retried this often before giving up (the caller retries the whole file). */
const MAX_COMMIT_ATTEMPTS = 64;

/** A record kept changing under this ingest more often than it could retry: a store failure, retried by the caller. */
export class ConcurrentCorrectionError extends Error {
  override name = 'ConcurrentCorrectionError';
  constructor(key: string, attempts: number, options?: { cause?: unknown }) {
    super(`${key} changed under ${attempts} attempts to write a new version`, options);
  }
}

function ingestedOutcome(
  ctx: Context,
  record: MeetingRecord,
  key: string,
  isNew: boolean,
  protocol: Protocol,
): IngestOutcome {
  return {
    status: isNew ? 'ingested' : 'replaced',
    fileName: ctx.input.fileName,
    sha256: ctx.sha256,
    meetingId: record.meetingId,
    municipalitySlug: record.municipalitySlug,
    recordKey: key,
    version: record.ingest.version,
    heldCount: record.held.length,
    paragraphCount: protocol.paragraphs.length,
    warningCount: protocol.warnings.length,
    confidence: protocol.meeting.confidence,
    lowConfidenceCount: protocol.paragraphs.filter((p) => p.confidence < LOW_CONFIDENCE).length,
  };
}

type Rejection = { reason: QuarantineReason; message: string };

/** Extract, parse and check; a Rejection for what cannot be published. */
async function readProtocol(ctx: Context): Promise<{ protocol: Protocol; pages: PageText[] } | Rejection> {
  const { bytes, fileName } = ctx.input;
  try {
    const extracted = await ctx.deps.extractor.extract(bytes, fileName);
    const parse = ctx.deps.parse ?? parseProtocol;
    const source = { ...sourceInfo(extracted, fileName, ctx.sha256), ...ctx.provenance };
    const hints = hintsWithNotice(sourceHints({ fileName, folder: ctx.input.folder }, ctx.input.hints), ctx.provenance);
    // The parser is pure: the same text fails the same way on every retry, so a parser exception quarantines the file
    // with the error instead of failing (and being retried) without a trace in the store. Only the parser's own
    // exceptions count: a store failure while reading the template stays an error, to be retried.
    let parseError: unknown;
    const guardedParse: typeof parse = (input) => {
      try {
        return parse(input);
      } catch (error) {
        parseError = error;
        throw error;
      }
    };
    let parsed: Protocol;
    try {
      // With the body's template (batch, store) as a prior when one is known (template-learning.ts).
      parsed = await parseWithTemplate({ pages: extracted.pages, source, hints }, ctx.deps.templates, guardedParse);
    } catch (error) {
      if (parseError === undefined) throw error;
      const detail = parseError instanceof Error ? `${parseError.name}: ${parseError.message}` : String(parseError);
      return { reason: 'parse-failed', message: `the parser failed on this file (${detail}); please report it` };
    }
    // The record's source is the ingest's to state, whatever the parser copied of it.
    const protocol = { ...parsed, meeting: { ...parsed.meeting, source } };
    return unpublishable(protocol) ?? { protocol, pages: extracted.pages };
  } catch (error) {
    if (error instanceof UnreadableDocumentError) return { reason: error.reason, message: error.message };
    throw error;
  }
}

/** Why a parsed protocol cannot become a meeting record, or null. */
function unpublishable(protocol: Protocol): Rejection | null {
  const { meeting, paragraphs } = protocol;
  if (paragraphs.length === 0) {
    return { reason: 'no-paragraphs', message: 'no § found: not a protocol, or its § headings are not recognised' };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(meeting.date)) {
    return {
      reason: 'no-meeting-date',
      message: 'no meeting date in the text or the file name (<municipality>-<body>-<YYYY-MM-DD>)',
    };
  }
  if (!isValidId(meeting.id) || meeting.id.startsWith('okand-')) {
    return {
      reason: 'no-municipality',
      message: 'municipality not found in the text; name it in the file name or with --municipality',
    };
  }
  return null;
}

function reject(ctx: Context, reason: QuarantineReason, message: string): Promise<IngestOutcome> {
  const { bytes, fileName } = ctx.input;
  return quarantine(ctx.deps.store, {
    sha256: ctx.sha256,
    fileName,
    size: bytes.byteLength,
    reason,
    message,
    at: ctx.at,
  });
}

/**
 * 'unchanged' when these bytes are the current version, or a version that a later file already replaced (a late
 * retry or a repeated upload must not roll a correction back). null when they are new for this meeting.
 */
async function unchangedOutcome(ctx: Context, previous: MeetingRecord, key: string): Promise<UnchangedOutcome | null> {
  const isCurrent = previous.ingest.sha256 === ctx.sha256;
  if (!isCurrent && !(await isReplacedVersion(ctx.deps.store, previous.meetingId, ctx.sha256))) return null;
  return {
    status: 'unchanged',
    fileName: ctx.input.fileName,
    sha256: ctx.sha256,
    meetingId: previous.meetingId,
    municipalitySlug: previous.municipalitySlug,
    recordKey: key,
    version: previous.ingest.version,
    heldCount: previous.held.length,
    ...(isCurrent ? {} : { message: `an older version; the record is at version ${previous.ingest.version}` }),
  };
}
