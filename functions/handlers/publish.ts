/**
 * The publish Lambda: FIFO queue (one message group per municipality, so never two runs at once) → one publish of
 * everything pending; the messages only wake it up. A failure throws, so SQS retries the batch and then parks it in
 * the dead-letter queue. Environment: DATA_BUCKET, PUBLIC_BASE_URL, MUNICIPALITY (publisher name),
 * ORGANISATION_NUMBER (DCAT publisher; without it no catalog.rdf).
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { S3BlobStore } from '../adapters/s3-blob-store.ts';
import { publishDatasets } from '../pipeline/publish-datasets.ts';
import { systemClock } from '../ports/clock.ts';
import { createJsonLogger } from './support/json-logger.ts';

const { DATA_BUCKET, PUBLIC_BASE_URL, MUNICIPALITY, ORGANISATION_NUMBER } = process.env;
if (!DATA_BUCKET || !PUBLIC_BASE_URL) throw new Error('DATA_BUCKET and PUBLIC_BASE_URL are required');
const store = new S3BlobStore(new S3Client({}), DATA_BUCKET);
const log = createJsonLogger({}, { fn: 'publish' });
const publisher = { name: MUNICIPALITY || 'Paragraf', ...(ORGANISATION_NUMBER ? { organisationNumber: ORGANISATION_NUMBER } : {}) };

export async function handler(event: SQSEvent): Promise<void> {
  const s = await publishDatasets({ store, clock: systemClock }, { baseUrl: PUBLIC_BASE_URL!, publisher });
  log.info(s.changed ? 'published' : 'nothing to publish', {
    requests: event.Records.length, sequence: s.sequence, snapshot: s.snapshot, rebuilt: s.units.rebuilt,
    removed: s.units.removed, added: s.events.added, changed: s.events.changed, withdrawn: s.events.withdrawn,
    markersKept: s.markers.kept, puts: s.puts, dump: s.dump,
  });
}
