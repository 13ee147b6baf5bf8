/**
 * The admin Lambda behind CloudFront's /admin/* behaviour (function URL, buffered): the municipality's admin pages,
 * signed in through the Cognito user pool. Clients are created once per cold start; the wiring lives in
 * support/admin-handler.ts so tests can drive it. Environment: see support/admin-config.ts.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createAdminHandler } from './support/admin-handler.ts';

export const handler = createAdminHandler({ s3: new S3Client({}), sqs: new SQSClient({}), env: process.env });
