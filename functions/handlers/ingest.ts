/**
 * The ingest Lambda: S3 ObjectCreated under inbox/ → SQS → here. Clients are created once per cold start and reused by
 * every invocation; the wiring lives in support/ingest-handler.ts so tests can drive it against s3rver.
 * Environment: see support/ingest-config.ts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createIngestHandler } from './support/ingest-handler.ts';

export const handler = createIngestHandler({ s3: new S3Client({}), sqs: new SQSClient({}), env: process.env });
