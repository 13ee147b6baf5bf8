import { oneLine } from '../core/text/whitespace.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { QuarantinedOutcome, QuarantineReason } from './ingest-outcome.ts';
import { readJson } from '../ports/blob-json.ts';
import { putJson } from '../store/json.ts';
import type { QuarantineEntry } from '../store/meeting-record.ts';
import { originalKey, quarantineKey } from '../store/keys.ts';

const MAX_MESSAGE = 200;

export interface QuarantineInput {
  sha256: string;
  fileName: string;
  size: number;
  reason: QuarantineReason;
  message: string;
  at: Date;
}

/**
 * Writes `quarantine/<sha256>.json` unless an entry with the same reason is already there (the same bad bytes again
 * change nothing). A different reason replaces the entry: the verdict can change when the size limit or the parser
 * changes, and the entry should say why the file is held now.
 */
export async function quarantine(store: BlobStore, input: QuarantineInput): Promise<QuarantinedOutcome> {
  const key = quarantineKey(input.sha256);
  // The message goes into one CLI line and one log field.
  const message = oneLine(input.message, MAX_MESSAGE);
  const existing = (await readJson(store, key)) as Partial<QuarantineEntry> | null;
  const already = existing !== null && existing.reason === input.reason;
  if (!already) {
    const entry: QuarantineEntry = {
      schemaVersion: 1,
      sha256: input.sha256,
      fileName: input.fileName,
      size: input.size,
      reason: input.reason,
      message,
      quarantinedAt: input.at.toISOString(),
      originalKey: originalKey(input.sha256),
    };
    await putJson(store, key, entry);
  }
  return {
    status: 'quarantined',
    fileName: input.fileName,
    sha256: input.sha256,
    reason: input.reason,
    message: already && typeof existing.message === 'string' ? existing.message : message,
    alreadyQuarantined: already,
  };
}

/** A file once quarantined and now published: its quarantine entry no longer describes it. */
export async function clearQuarantine(store: BlobStore, sha256: string): Promise<void> {
  const key = quarantineKey(sha256);
  if ((await store.head(key)) !== null) await store.delete(key);
}
