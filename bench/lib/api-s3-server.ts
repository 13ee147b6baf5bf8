/**
 * The API as the Lambda composes it (handlers/support/api-handler.ts: the one app over an S3 data bucket), served on
 * @hono/node-server for the cold-start benchmark: `node bin/run-ts.js bench/lib/api-s3-server.ts --endpoint URL
 * --bucket NAME --port N`. The endpoint is an S3-protocol server (s3rver, behind bench/lib/latency-proxy.ts).
 */
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { createApiLambdaApp } from '../../functions/handlers/support/api-handler.ts';
import { s3rverClient } from '../../test/support/s3rver.ts';

const { values } = parseArgs({
  options: { endpoint: { type: 'string' }, bucket: { type: 'string' }, port: { type: 'string', default: '3998' } },
});
const app = createApiLambdaApp({
  s3: s3rverClient(values.endpoint!),
  env: { DATA_BUCKET: values.bucket!, LOG_LEVEL: 'error' },
});
serve({ fetch: app.fetch, port: Number(values.port), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`);
});
