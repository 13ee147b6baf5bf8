/**
 * Tells the publisher that a meeting record was stored (or found unchanged), so that a publish runs. On AWS a FIFO
 * queue with one message group for the whole store; the store's publish lease makes a second run harmless anyway.
 */
export type PublishNotifier = (request: PublishRequest) => Promise<void>;

/** One stored change: what the publish queue's message body carries. */
export interface PublishRequest {
  municipalitySlug: string;
  meetingId: string;
  recordKey: string;
  sha256: string;
  version: number;
  status: 'ingested' | 'replaced' | 'unchanged';
}

/**
 * Asks for one publish run of everything pending, without a meeting of its own: the admin's "Publicera" on AWS, where
 * the publish Lambda (behind the same FIFO queue) does the work and the admin function never writes public/.
 */
export type PublishTrigger = (request: { requestedBy: string; at: Date }) => Promise<void>;
