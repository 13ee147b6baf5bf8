import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { IngestOutcome } from '../pipeline/ingest-outcome.ts';

/** Tells the publisher that a municipality's records changed. */
export type PublishNotifier = (outcome: IngestOutcome) => Promise<void>;

export interface PublishMessage {
  municipalitySlug: string;
  meetingId: string;
  recordKey: string;
  sha256: string;
  version: number;
  status: 'ingested' | 'replaced' | 'unchanged';
}

/**
 * One message per published file on the FIFO publish queue. MessageGroupId = municipality slug: the queue hands a
 * group to one consumer at a time, which is what serializes the publisher per municipality (docs/store-layout.md).
 *
 * 'unchanged' is notified too: if a previous attempt wrote the record and then failed to send, the retry finds the
 * record unchanged and must still wake the publisher. The deduplication id (meeting, hash, version) makes SQS drop a
 * repeat within its 5-minute window; a later one costs one publisher run that finds nothing pending.
 */
export function createPublishNotifier(client: SQSClient, queueUrl: string): PublishNotifier {
  return async (outcome) => {
    if (outcome.status === 'quarantined') return;
    const message: PublishMessage = {
      municipalitySlug: outcome.municipalitySlug,
      meetingId: outcome.meetingId,
      recordKey: outcome.recordKey,
      sha256: outcome.sha256,
      version: outcome.version,
      status: outcome.status,
    };
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: outcome.municipalitySlug,
        MessageDeduplicationId: deduplicationId(outcome.meetingId, outcome.sha256, outcome.version),
      }),
    );
  };
}

/** SQS allows at most 128 characters; a digest of what identifies the change always fits. */
function deduplicationId(meetingId: string, sha256: string, version: number): string {
  return createHash('sha256').update(`${meetingId}\n${sha256}\n${version}`).digest('hex');
}
