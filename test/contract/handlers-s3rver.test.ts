/**
 * The publish and API Lambdas built by the same factories as handlers/publish.ts and handlers/api.ts, against
 * s3rver, driven by event fixtures: a protocol is ingested into the data bucket, the FIFO queue's event makes the
 * publish handler publish it, and a CloudFront → function URL event asks the API handler for it. (The ingest Lambda
 * has its own s3rver test: ingest-lambda-s3rver.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { createApiHandler } from '../../functions/handlers/support/api-handler.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { createPublishHandler } from '../../functions/handlers/support/publish-handler.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';

const DATA = 'paragraf-data';
const BASE_URL = 'https://protokoll.example.se';
const PDF = new Uint8Array(
  readFileSync(new URL('../../data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf', import.meta.url)),
);
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as T;

let s3: RunningS3rver;
const clock = fixedClock('2026-06-12T08:00:00Z');

beforeAll(async () => {
  s3 = await startS3rver({ buckets: [DATA] });
  const store = new S3BlobStore(s3.client, DATA);
  await ingestDocument(
    { store, extractor: createDocumentExtractor(), clock },
    { bytes: PDF, fileName: 'alingsas-kommunfullmaktige-2026-06-10.pdf' },
  );
});

afterAll(async () => {
  await s3?.stop();
});

/** What the Lambda Node.js runtime provides for a RESPONSE_STREAM function, with the stream collected. */
function lambdaStreamingRuntime() {
  const chunks: Buffer[] = [];
  let metadata: { statusCode: number; headers: Record<string, string> } | undefined;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const finished = new Promise<void>((resolve) => stream.on('finish', resolve));
  (globalThis as { awslambda?: unknown }).awslambda = {
    streamifyResponse: (fn: unknown) => fn,
    HttpResponseStream: {
      from: (s: Writable, meta: typeof metadata) => {
        metadata = meta;
        return s;
      },
    },
  };
  return { stream, finished, response: () => ({ ...metadata!, body: Buffer.concat(chunks).toString('utf8') }) };
}

describe('publish and API Lambdas against s3rver, driven by event fixtures', () => {
  it('the FIFO event publishes the ingested protocol, and the function URL event reads it back', async () => {
    const logLines: string[] = [];
    const publish = createPublishHandler({
      s3: s3.client,
      env: {
        DATA_BUCKET: DATA,
        PUBLIC_BASE_URL: BASE_URL,
        MUNICIPALITY: 'Alingsås kommun',
        ORGANISATION_NUMBER: '212000-1512',
      },
      clock,
      logger: createJsonLogger({ write: (line) => logLines.push(line) }),
    });
    await publish(fixture<SQSEvent>('sqs-publish-requests.json'));
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 'info', msg: 'published', requests: 2, sequence: 1 });

    const runtime = lambdaStreamingRuntime();
    const api = createApiHandler({
      s3: s3.client,
      env: { DATA_BUCKET: DATA, PUBLIC_BASE_URL: BASE_URL },
    }) as unknown as (event: unknown, stream: Writable, context: unknown) => Promise<void>;
    await api(fixture('function-url-get-paragraphs.json'), runtime.stream, {});
    await runtime.finished;
    const response = runtime.response();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/u);
    const body = JSON.parse(response.body) as { items: Array<{ id: string; permalink: string }> };
    expect(body.items.map((p) => p.id)).toEqual(['alingsas-kommunfullmaktige-2026-06-10-116']);
    expect(body.items[0]!.permalink).toBe(`${BASE_URL}/p/alingsas-kommunfullmaktige-2026-06-10-116`);
  });
});
