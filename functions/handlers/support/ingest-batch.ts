import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { IngestInput } from '../../pipeline/ingest-document.ts';
import type { IngestOutcome } from '../../pipeline/ingest-outcome.ts';
import { InvalidProvenanceError } from '../../pipeline/ingest-provenance.ts';
import { errorSummary, type Logger } from './json-logger.ts';
import { decodeSqsS3Message, fileNameOfKey } from './s3-event-keys.ts';
import type { SourceReader } from '../../ports/source-reader.ts';
import type { OversizedInput } from '../../pipeline/ingest-oversized.ts';
import type { SourceProvenance } from '../../core/records/types.ts';

export interface IngestBatchDeps {
  readSource: SourceReader;
  ingest: (input: IngestInput) => Promise<IngestOutcome>;
  /** Files over this size are not read into memory: `oversized` keeps them by streaming and quarantines them. */
  maxBytes: number;
  oversized: (input: OversizedInput) => Promise<IngestOutcome>;
  /** Told about every outcome (the wiring decides which reach the publisher). */
  notify?: (outcome: IngestOutcome) => Promise<void>;
  logger: Logger;
  now?: () => number;
}

/**
 * Handles one SQS batch of S3 notifications. Messages are processed one after the other (a Lambda has little memory
 * to spare for several PDFs at once), and a message that throws is reported in `batchItemFailures` so SQS retries
 * only that one (ReportBatchItemFailures) and, after the retries, moves it to the dead-letter queue. A quarantined
 * file is a success: it was handled, and retrying would give the same verdict.
 */
export async function processIngestBatch(event: SQSEvent, deps: IngestBatchDeps): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await processMessage(record, deps);
    } catch (error) {
      deps.logger.error('ingest failed; message will be retried', {
        messageId: record.messageId,
        error: errorSummary(error),
      });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

async function processMessage(record: SQSRecord, deps: IngestBatchDeps): Promise<void> {
  const log = deps.logger.child({ messageId: record.messageId });
  const decoded = decodeSqsS3Message(record);
  if (decoded.testEvent) log.info('s3 test event ignored');
  for (const skipped of decoded.skipped) log.info('skipped', { key: skipped.key, why: skipped.why });
  for (const object of decoded.objects) {
    const started = (deps.now ?? Date.now)();
    const source = await deps.readSource(object.key, { maxBytes: deps.maxBytes });
    if (source === null) {
      log.warn('source object is gone', { key: object.key, outcome: 'missing' });
      continue;
    }
    const fileName = fileNameOfKey(object.key);
    const run = (provenance: SourceProvenance | undefined): Promise<IngestOutcome> =>
      source.bytes === null
        ? deps.oversized({
            fileName,
            size: source.size,
            maxBytes: deps.maxBytes,
            open: source.open,
            ...(provenance ? { provenance } : {}),
          })
        : deps.ingest({ bytes: source.bytes, fileName, ...(provenance ? { provenance } : {}) });
    const outcome = await run(source.provenance).catch((error: unknown) => {
      // Metadata anyone with upload rights can set must not block the file: it is ingested without it.
      if (!(error instanceof InvalidProvenanceError)) throw error;
      log.warn('provenance ignored', { key: object.key, reason: error.message });
      return run(undefined);
    });
    if (deps.notify !== undefined) await deps.notify(outcome);
    log.info('ingested', {
      key: object.key,
      sha256: outcome.sha256,
      outcome: outcome.status,
      meetingId: outcome.status === 'quarantined' ? undefined : outcome.meetingId,
      version: outcome.status === 'quarantined' ? undefined : outcome.version,
      heldCount: outcome.status === 'quarantined' ? undefined : outcome.heldCount,
      reason: outcome.status === 'quarantined' ? outcome.reason : undefined,
      ms: (deps.now ?? Date.now)() - started,
    });
  }
}
