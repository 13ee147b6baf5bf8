/**
 * The harvest Lambda end to end against s3rver and a fake Ciceron: the scheduled event (test/fixtures/events) runs
 * the handler built by the same wiring as handlers/harvest.ts; the protocol lands in the source bucket's inbox/ with
 * its provenance as object metadata and the state in the data bucket; s3rver's ObjectCreated event then drives the
 * ingest Lambda, whose record keeps the source URL. A portal that cannot be read fails the invocation.
 */
import { readFileSync } from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { readHarvestConfig } from '../../functions/handlers/support/harvest-config.ts';
import {
  createHarvestHandler,
  HarvestFailedError,
  type HarvestEvent,
} from '../../functions/handlers/support/harvest-handler.ts';
import { createIngestHandler } from '../../functions/handlers/support/ingest-handler.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import type { MeetingRecord } from '../../functions/store/meeting-record.ts';
import { startFakeCiceron, type CiceronFake } from '../support/fake-portals/ciceron-fake.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';

const SOURCE = 'paragraf-source';
const DATA = 'paragraf-data';
const PDF = new Uint8Array(
  readFileSync(new URL('../../data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf', import.meta.url)),
);
const ENV = { DATA_BUCKET: DATA, SOURCE_BUCKET: SOURCE, HARVEST_CONTACT: 'oppna-data@alingsas.example' };

let s3: RunningS3rver;
let portal: CiceronFake;
let event: HarvestEvent & { source: Record<string, unknown> };
const clock = fixedClock('2026-06-20T02:00:00Z');
const quiet = createJsonLogger({ write: () => undefined });

beforeAll(async () => {
  s3 = await startS3rver({ buckets: [SOURCE, DATA] });
  portal = await startFakeCiceron({
    diaries: [{ name: 'KS', instances: ['Kommunfullmäktige'] }],
    meetings: [
      {
        diary: 'KS',
        board: 'Kommunfullmäktige',
        date: '2026-06-10',
        documents: [
          { name: 'Kallelse KF 260610', filename: 'Kallelse KF 260610.pdf', bytes: fakePdf('k') },
          { name: 'Protokoll KF 260610', filename: 'Protokoll KF 260610 §§ 116.pdf', bytes: PDF },
        ],
        details: { anslagsdatum: '2026-06-15' },
      },
    ],
  });
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/events/harvest-scheduled.json', import.meta.url), 'utf8'),
  ) as typeof event;
  event = { source: { ...fixture.source, baseUrl: portal.origin, minIntervalMs: 0 } };
});

afterAll(async () => {
  await portal?.stop();
  await s3?.stop();
});

const harvestHandler = () =>
  createHarvestHandler(readHarvestConfig(ENV), {
    s3: s3.client,
    clock,
    logger: quiet,
    sleep: async (ms) => clock.advance(ms),
  });

async function keys(bucket: string, prefix: string): Promise<string[]> {
  const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

describe('harvest Lambda driven by its scheduled event', () => {
  it('delivers the protocol to inbox/ with its provenance as metadata and keeps the state in the data bucket', async () => {
    const result = await harvestHandler()(event, { getRemainingTimeInMillis: () => 600_000 });
    expect(result).toMatchObject({
      sourceId: 'alingsas-ciceron-fixture',
      meetings: 1,
      new: 1,
      delivered: 1,
      errors: 0,
      failed: false,
    });
    const inbox = await keys(SOURCE, 'inbox/');
    expect(inbox).toEqual([
      expect.stringMatching(
        /^inbox\/harvest\/alingsas-ciceron-fixture\/alingsas-kommunfullmaktige-2026-06-10-[0-9a-f]{8}\.pdf$/u,
      ),
    ]);
    const object = await s3.client.send(new GetObjectCommand({ Bucket: SOURCE, Key: inbox[0] }));
    expect(object.Metadata).toMatchObject({ 'paragraf-portal': 'ciceron', 'paragraf-notice-date': '2026-06-15' });
    expect(decodeURIComponent(object.Metadata!['paragraf-source-url']!)).toMatch(
      new RegExp(`^${portal.origin}/download/document\\?filename=`, 'u'),
    );
    expect(await keys(DATA, '')).toEqual(['harvest/alingsas-ciceron-fixture/state.json']);
  });

  it('hands the file to the ingest Lambda, whose record keeps the provenance', async () => {
    const created = await s3.waitForEvent((e) =>
      e.Records.some((r) => r.s3.bucket.name === SOURCE && r.s3.object.key.startsWith('inbox/harvest/')),
    );
    const sqs = new SQSClient({
      region: 'eu-north-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    vi.spyOn(sqs, 'send').mockImplementation(() => Promise.resolve({}));
    const ingest = createIngestHandler({
      s3: s3.client,
      sqs,
      env: { DATA_BUCKET: DATA, SOURCE_BUCKET: SOURCE },
      clock,
      logger: quiet,
    });
    const message: SQSEvent = {
      Records: [
        {
          messageId: 'm1',
          receiptHandle: 'h',
          body: JSON.stringify(created),
          attributes: {} as SQSEvent['Records'][0]['attributes'],
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-north-1:1:q',
          awsRegion: 'eu-north-1',
        },
      ],
    };
    expect(await ingest(message)).toEqual({ batchItemFailures: [] });
    const bytes = await new S3BlobStore(s3.client, DATA).get(
      'records/alingsas/kommunfullmaktige/2026/alingsas-kommunfullmaktige-2026-06-10.json',
    );
    const record = JSON.parse(new TextDecoder().decode(bytes!)) as MeetingRecord;
    expect(record.protocol.meeting.source).toMatchObject({
      portal: 'ciceron',
      noticeDate: '2026-06-15',
      sourceUrl: expect.stringContaining(`${portal.origin}/download/document?filename=`),
    });
    expect(record.protocol.meeting.appeal).toMatchObject({ basis: 'supplied-notice', noticeDate: '2026-06-15' });
  });

  it('delivers nothing on the next scheduled run', async () => {
    const before = await keys(SOURCE, 'inbox/');
    const downloads = portal.downloads();
    const result = await harvestHandler()(event);
    expect(result).toMatchObject({ new: 0, unchanged: 1, delivered: 0 });
    expect(await keys(SOURCE, 'inbox/')).toEqual(before);
    expect(portal.downloads()).toBe(downloads);
  });

  it('fails the invocation (for Lambda to retry, then the DLQ) when the portal cannot be read', async () => {
    const down = { source: { ...event.source, baseUrl: 'http://127.0.0.1:9' } };
    await expect(harvestHandler()(down)).rejects.toBeInstanceOf(HarvestFailedError);
  });
});
