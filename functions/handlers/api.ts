/**
 * The API Lambda behind CloudFront (function URL, RESPONSE_STREAM): pages, /v1 and /datasets from the data bucket's
 * public/ only. The client is created once per cold start; the wiring lives in support/api-handler.ts so tests can
 * drive it. Environment: see support/api-config.ts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createApiHandler } from './support/api-handler.ts';

export const handler = createApiHandler({ s3: new S3Client({}), env: process.env });
