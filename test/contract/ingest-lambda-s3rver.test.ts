/**
 * The ingest Lambda end to end against s3rver: a file is uploaded to the source bucket's inbox/, s3rver's own
 * ObjectCreated event (keys URL-encoded as S3 sends them) is wrapped in an SQS message as the S3 → SQS notification
 * would be, and the handler built by the same wiring as handlers/ingest.ts processes it. The record must appear in
 * the data bucket and the publish queue must be told.
 */
import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import type { MeetingRecord, QuarantineEntry } from '../../functions/store/meeting-record.ts';
import { createIngestHandler } from '../../functions/handlers/support/ingest-handler.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';

const SOURCE = 'paragraf-source';
const DATA = 'paragraf-data';
const QUEUE = 'https://sqs.eu-north-1.amazonaws.com/123456789012/paragraf-publish.fifo';
const PDF = new Uint8Array(
  readFileSync(new URL('../../data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf', import.meta.url)),
);
const HTML = new Uint8Array(
  readFileSync(new URL('../fixtures/bad/html-error-page-named-protokoll.pdf', import.meta.url)),
);

let s3: RunningS3rver;
let sqs: SQSClient;
let sent: SendMessageCommand[];
let logLines: string[];
let handler: ReturnType<typeof createIngestHandler>;

beforeAll(async () => {
  s3 = await startS3rver({ buckets: [SOURCE, DATA] });
  sqs = new SQSClient({
    region: 'eu-north-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  sent = [];
  vi.spyOn(sqs, 'send').mockImplementation((command: unknown) => {
    sent.push(command as SendMessageCommand);
    return Promise.resolve({});
  });
  logLines = [];
  handler = createIngestHandler({
    s3: s3.client,
    sqs,
    env: { DATA_BUCKET: DATA, SOURCE_BUCKET: SOURCE, PUBLISH_QUEUE_URL: QUEUE, MUNICIPALITY: 'Alingsås' },
    clock: fixedClock('2026-06-12T08:00:00Z'),
    logger: createJsonLogger({ write: (line) => logLines.push(line) }),
  });
});

afterAll(async () => {
  await s3?.stop();
});

/** What the S3 → SQS notification delivers: the S3 event as the message body. */
function sqsEventFrom(s3Event: S3Event, messageId: string): SQSEvent {
  return {
    Records: [
      {
        messageId,
        receiptHandle: `handle-${messageId}`,
        body: JSON.stringify(s3Event),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1781251200000',
          SenderId: 'AIDAEXAMPLE',
          ApproximateFirstReceiveTimestamp: '1781251200001',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-north-1:123456789012:paragraf-ingest',
        awsRegion: 'eu-north-1',
      },
    ],
  };
}

async function upload(key: string, body: Uint8Array): Promise<S3Event> {
  await s3.client.send(new PutObjectCommand({ Bucket: SOURCE, Key: key, Body: body }));
  return s3.waitForEvent((e) =>
    e.Records.some(
      (r) => r.s3.bucket.name === SOURCE && decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')) === key,
    ),
  );
}

describe('ingest Lambda driven by s3rver events', () => {
  const data = (): S3BlobStore => new S3BlobStore(s3.client, DATA);

  it('ingests a PDF uploaded under a name with spaces and å/ä/ö and notifies the publish queue', async () => {
    const key = 'inbox/Protokoll KF 2026-06-10 åäö.pdf';
    const event = await upload(key, PDF);
    expect(event.Records[0]?.s3.object.key).toBe('inbox/Protokoll+KF+2026-06-10+%C3%A5%C3%A4%C3%B6.pdf');

    const result = await handler(sqsEventFrom(event, 'msg-1'));
    expect(result).toEqual({ batchItemFailures: [] });

    const recordKey = 'records/alingsas/kommunfullmaktige/2026/alingsas-kommunfullmaktige-2026-06-10.json';
    const bytes = await data().get(recordKey);
    expect(bytes, 'record in the data bucket').not.toBeNull();
    const record = JSON.parse(new TextDecoder().decode(bytes ?? new Uint8Array())) as MeetingRecord;
    expect(record.ingest).toMatchObject({
      fileName: 'Protokoll KF 2026-06-10 åäö.pdf',
      version: 1,
      receivedAt: '2026-06-12T08:00:00.000Z',
    });
    // The smallest real protocol: one §, § 116 (checked against the PDF).
    expect(record.protocol.paragraphs.map((p) => p.number)).toEqual(['116']);
    expect(await data().get(`originals/${record.ingest.sha256}`)).toEqual(PDF);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.input).toMatchObject({ QueueUrl: QUEUE, MessageGroupId: 'publish' });
    const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['key'] === key);
    expect(line).toMatchObject({ level: 'info', outcome: 'ingested', sha256: record.ingest.sha256 });
  });

  it('the same event delivered again (an SQS retry) changes nothing', async () => {
    const event = await upload('inbox/Protokoll KF 2026-06-10 åäö.pdf', PDF);
    const before = await keysOf(data());
    const result = await handler(sqsEventFrom(event, 'msg-2'));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await keysOf(data())).toEqual(before);
  });

  it('quarantines an HTML page saved as .pdf, which counts as handled', async () => {
    const event = await upload('inbox/protokoll.pdf', HTML);
    const result = await handler(sqsEventFrom(event, 'msg-3'));
    expect(result).toEqual({ batchItemFailures: [] });
    const entries = (await keysOf(data())).filter((k) => k.startsWith('quarantine/'));
    expect(entries).toHaveLength(1);
    const entry = JSON.parse(
      new TextDecoder().decode((await data().get(entries[0]!)) ?? new Uint8Array()),
    ) as QuarantineEntry;
    expect(entry).toMatchObject({ reason: 'html', fileName: 'protokoll.pdf' });
  });

  it('reports the message as failed when the source object cannot be read for another reason than absence', async () => {
    const broken = createIngestHandler({
      s3: s3.client,
      sqs,
      env: { DATA_BUCKET: DATA, SOURCE_BUCKET: 'no-such-bucket' },
      logger: createJsonLogger({ write: () => undefined }),
    });
    const event = await upload('inbox/Protokoll KF 2026-06-10 åäö.pdf', PDF);
    expect(await broken(sqsEventFrom(event, 'msg-4'))).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-4' }] });
  });
});

async function keysOf(store: S3BlobStore): Promise<string[]> {
  const found: string[] = [];
  for await (const meta of store.list('')) found.push(meta.key);
  return found;
}
