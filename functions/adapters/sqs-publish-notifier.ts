import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sha256Hex } from '../lib/hash.ts';
import type { PublishNotifier, PublishRequest, PublishTrigger } from '../ports/publish-notifier.ts';

/**
 * One message per stored change on the FIFO publish queue, all in one message group (PUBLISH_MESSAGE_GROUP): the queue
 * hands a group to one consumer at a time, so one publisher runs per store. The group used to be the municipality
 * parsed from the text, and an upload naming another municipality then started a second, concurrent publisher
 * (issue 14); the store's own lease (pipeline/publish/lease.ts) now stops that too.
 *
 * 'unchanged' is notified too: if a previous attempt wrote the record and then failed to send, the retry finds the
 * record unchanged and must still wake the publisher. The deduplication id (meeting, hash, version) makes SQS drop a
 * repeat within its 5-minute window; a later one costs one publisher run that finds nothing pending.
 */
/** The one message group of the publish queue: one store, one publisher. */
export const PUBLISH_MESSAGE_GROUP = 'publish';

export function createPublishNotifier(client: SQSClient, queueUrl: string): PublishNotifier {
  return async (request) => {
    const message: PublishRequest = {
      municipalitySlug: request.municipalitySlug,
      meetingId: request.meetingId,
      recordKey: request.recordKey,
      sha256: request.sha256,
      version: request.version,
      status: request.status,
    };
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: PUBLISH_MESSAGE_GROUP,
        MessageDeduplicationId: deduplicationId(request.meetingId, request.sha256, request.version),
      }),
    );
  };
}

/**
 * The admin's "Publicera": one message in the same group as ingest's, so it queues behind (and is coalesced with)
 * them. The publisher reads no field of it; the body says who asked, for the queue's own diagnostics.
 */
export function createPublishTrigger(client: SQSClient, queueUrl: string): PublishTrigger {
  return async ({ requestedBy, at }) => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ requestedBy, at: at.toISOString(), status: 'publish-requested' }),
        MessageGroupId: PUBLISH_MESSAGE_GROUP,
        MessageDeduplicationId: sha256Hex(`admin\n${requestedBy}\n${at.toISOString()}`),
      }),
    );
  };
}

/** SQS allows at most 128 characters; a digest of what identifies the change always fits. */
function deduplicationId(meetingId: string, sha256: string, version: number): string {
  return sha256Hex(`${meetingId}\n${sha256}\n${version}`);
}
