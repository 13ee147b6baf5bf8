/**
 * The API Lambda behind CloudFront (function URL, RESPONSE_STREAM): pages, /v1 and /datasets from the data bucket's
 * public/ only. streamHandle sends large CSV exports as they are rendered, past the 6 MB buffered-response limit.
 * Environment: DATA_BUCKET (required), DATA_PREFIX (optional key prefix of the store in the bucket, e.g. "paragraf/"),
 * PUBLIC_BASE_URL (site URL for links; else the request's origin), LOG_LEVEL.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { streamHandle } from 'hono/aws-lambda';
import { S3BlobStore } from '../adapters/s3-blob-store.ts';
import { createApp } from '../api/create-app.ts';
import { createJsonLogger, errorSummary } from './support/json-logger.ts';

const { DATA_BUCKET, DATA_PREFIX, PUBLIC_BASE_URL, LOG_LEVEL } = process.env;
if (!DATA_BUCKET) throw new Error('DATA_BUCKET is required');
const prefix = DATA_PREFIX ? DATA_PREFIX.replace(/\/*$/u, '/') : '';
const log = createJsonLogger({ minLevel: LOG_LEVEL === 'debug' || LOG_LEVEL === 'warn' || LOG_LEVEL === 'error' ? LOG_LEVEL : 'info' }, { fn: 'api' });
const app = createApp({
  store: new S3BlobStore(new S3Client({}), DATA_BUCKET, { prefix }),
  ...(PUBLIC_BASE_URL ? { baseUrl: PUBLIC_BASE_URL } : {}),
  logError: (error, { path }) => log.error('request failed', { path, error: errorSummary(error), stack: error instanceof Error ? error.stack : undefined }),
});

export const handler = streamHandle(app);
