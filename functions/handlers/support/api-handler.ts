import type { S3Client } from '@aws-sdk/client-s3';
import type { Hono } from 'hono';
import { streamHandle } from 'hono/aws-lambda';
import { S3BlobStore } from '../../adapters/s3-blob-store.ts';
import { createApp } from '../../api/create-app.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import { readApiConfig } from './api-config.ts';
import type { Env } from './env.ts';
import { createJsonLogger, errorSummary, type Logger } from './json-logger.ts';

export interface ApiHandlerWiring {
  s3: S3Client;
  env: Env;
  clock?: Clock;
  logger?: Logger;
}

/** The app the API Lambda serves: the one app of functions/api over the data bucket, logging 500s as JSON lines. */
export function createApiLambdaApp(w: ApiHandlerWiring): Hono {
  const config = readApiConfig(w.env);
  const log = w.logger ?? createJsonLogger(config.logLevel ? { minLevel: config.logLevel } : {}, { fn: 'api' });
  return createApp({
    store: new S3BlobStore(w.s3, config.dataBucket),
    clock: w.clock ?? systemClock,
    ...(config.publicBaseUrl ? { baseUrl: config.publicBaseUrl } : {}),
    logError: (error, { path }) =>
      log.error('request failed', {
        path,
        error: errorSummary(error),
        stack: error instanceof Error ? error.stack : undefined,
      }),
  });
}

/**
 * Builds the Lambda handler from clients made once per cold start (handlers/api.ts) or by a test. streamHandle sends
 * a response as it is rendered (function URL with RESPONSE_STREAM), so large CSV exports pass the 6 MB limit.
 */
export function createApiHandler(w: ApiHandlerWiring): ReturnType<typeof streamHandle> {
  return streamHandle(createApiLambdaApp(w));
}
