import { timingSafeEqual } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createCognitoIdentityProvider } from '../../adapters/cognito-identity-provider.ts';
import { S3BlobStore } from '../../adapters/s3-blob-store.ts';
import { uploadStream } from '../../adapters/s3-multipart-upload.ts';
import { S3Inbox } from '../../adapters/s3-inbox.ts';
import { S3UploadUrlSigner } from '../../adapters/s3-upload-url.ts';
import { createPublishTrigger } from '../../adapters/sqs-publish-notifier.ts';
import { createAdminApp } from '../../admin/admin-app.ts';
import { CALLBACK_PATH } from '../../admin/oidc-sign-in.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import { createUseCases } from '../../pipeline/use-cases.ts';
import { INBOX_PREFIX } from '../../store/keys.ts';
import { readAdminConfig } from './admin-config.ts';
import type { Env } from './env.ts';
import { createJsonLogger, type LogFields, type Logger } from './json-logger.ts';

/** The header CloudFront adds to every request for the admin origin (infra/admin-site.ts); nobody else knows it. */
export const ORIGIN_SECRET_HEADER = 'x-paragraf-origin-verify';

export interface AdminHandlerWiring {
  s3: S3Client;
  sqs: SQSClient;
  env: Env;
  clock?: Clock;
  logger?: Logger;
  /** The pool's token endpoint and JWKS are fetched through this (tests: a fake). */
  fetch?: typeof fetch;
  /** The pool's JWKS when known in advance (tests); otherwise fetched once per cold start. */
  jwks?: Jwks;
}

/**
 * The admin app on AWS: the same createAdminApp as `paragraf serve --admin`, signing in through the Cognito hosted
 * sign-in instead of a local key, over the data bucket; uploads go to the source bucket's inbox (ingest reads them as
 * any upload), "Publicera" asks the publish queue. In front of it, the origin check: the function URL has no IAM auth
 * (CloudFront's origin access control cannot sign browsers' POST bodies), so a request that does not carry the secret
 * header CloudFront adds is refused before anything else runs.
 */
export function createAdminLambdaApp(w: AdminHandlerWiring): Hono {
  const config = readAdminConfig(w.env);
  const clock = w.clock ?? systemClock;
  const log = w.logger ?? createJsonLogger(config.logLevel ? { minLevel: config.logLevel } : {}, { fn: 'admin' });
  const useCases = createUseCases({
    store: new S3BlobStore(w.s3, config.dataBucket, { upload: uploadStream }),
    clock,
    defaultBaseUrl: config.publicBaseUrl,
    inbox: new S3Inbox(w.s3, config.sourceBucket, INBOX_PREFIX),
    uploadUrls: new S3UploadUrlSigner(w.s3, config.sourceBucket, INBOX_PREFIX, clock),
    ...(config.maxUploadBytes ? { maxUploadBytes: config.maxUploadBytes } : {}),
    requestPublish: createPublishTrigger(w.sqs, config.publishQueueUrl),
  });
  const admin = createAdminApp({
    useCases,
    signIn: createCognitoIdentityProvider({
      userPoolId: config.userPoolId,
      clientId: config.clientId,
      domainUrl: config.authDomainUrl,
      callbackUrl: `${config.publicBaseUrl}${CALLBACK_PATH}`,
      signOutUrl: `${config.publicBaseUrl}/admin/logga-in`,
      ...(w.fetch ? { fetch: w.fetch } : {}),
      ...(w.jwks ? { jwks: w.jwks } : {}),
    }),
    sessionSecret: config.sessionSecret,
    clock,
    publicOrigin: config.publicBaseUrl,
    uploadOrigin: `https://${config.sourceBucket}.s3.${config.region}.amazonaws.com`,
    log: (message, fields) => log.info(message, fields as LogFields),
  });
  const expected = Buffer.from(config.originSecret);
  const app = new Hono();
  app.use('*', async (c, next) => {
    const given = Buffer.from(c.req.header(ORIGIN_SECRET_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      log.warn('request without the origin secret refused', { path: c.req.path });
      return c.text('Forbidden', 403, { 'Cache-Control': 'no-store' });
    }
    return next();
  });
  app.route('/', admin);
  return app;
}

/** Builds the Lambda handler from clients made once per cold start (handlers/admin.ts) or by a test. */
export function createAdminHandler(w: AdminHandlerWiring): ReturnType<typeof handle> {
  return handle(createAdminLambdaApp(w));
}
