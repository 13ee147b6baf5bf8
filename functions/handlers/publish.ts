/**
 * The publish Lambda: FIFO queue (one message group per store, and a lease in the store, so never two runs at once) → one publish of
 * everything pending. The client is created once per cold start; the wiring lives in support/publish-handler.ts so
 * tests can drive it. Environment: see support/publish-config.ts.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { createPublishHandler } from './support/publish-handler.ts';

export const handler = createPublishHandler({
  s3: new S3Client({}),
  cloudfront: new CloudFrontClient({}),
  env: process.env,
});
