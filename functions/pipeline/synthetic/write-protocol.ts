import type { Protocol } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { buildVersion, commitVersion, placeRecord, privacyPolicy, readRecord } from '../ingest-record.ts';
import type { MeetingRecord } from '../../store/meeting-record.ts';
import { applyPrivacyGate } from '../privacy-gate.ts';
import { recordKey } from '../../store/keys.ts';

export interface WriteProtocolOptions {
  /** Ingest time: the record's `receivedAt` and the pending marker's time. */
  at: Date;
  /** Stands in for the original's hash (there is no original file); must be 64 hex digits. */
  sha256: string;
  fileName: string;
  reviewFirstBodies?: readonly string[];
}

export interface WrittenProtocol {
  record: MeetingRecord;
  recordKey: string;
  status: 'ingested' | 'replaced' | 'unchanged';
}

/**
 * Stores a parsed protocol exactly as ingest would after parsing — privacy gate, placement, versioning, review
 * entries, history, pending marker, record (ingest-record.ts `commitVersion`) — without an original file. For the
 * synthetic archive and for tests of the publisher: what the publisher reads is then indistinguishable from ingest's
 * output, held § included.
 */
export async function writeProtocol(
  store: BlobStore,
  protocol: Protocol,
  options: WriteProtocolOptions,
): Promise<WrittenProtocol> {
  const gated = applyPrivacyGate(protocol, privacyPolicy(options.reviewFirstBodies));
  const place = placeRecord(gated.publishable);
  const key = recordKey(place);
  const previous = await readRecord(store, key);
  if (previous?.ingest.sha256 === options.sha256) return { record: previous, recordKey: key, status: 'unchanged' };
  const version = buildVersion(protocol, gated, previous, key, options);
  await commitVersion(store, version);
  return { record: version.record, recordKey: key, status: previous === null ? 'ingested' : 'replaced' };
}
