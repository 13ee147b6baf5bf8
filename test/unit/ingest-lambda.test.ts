import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentExtractor, DEFAULT_MAX_BYTES } from '../../functions/adapters/document-extractor.ts';
import { type OversizedInput, quarantineOversized } from '../../functions/pipeline/ingest-oversized.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { ingestDocument, type IngestInput } from '../../functions/pipeline/ingest-document.ts';
import { type IngestOutcome, publishRequestOf } from '../../functions/pipeline/ingest-outcome.ts';
import { processIngestBatch } from '../../functions/handlers/support/ingest-batch.ts';
import { IngestConfigError, readIngestConfig } from '../../functions/handlers/support/ingest-config.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { createPublishNotifier } from '../../functions/adapters/sqs-publish-notifier.ts';
import { DEFAULT_PARAGRAPHS, keys, protocolText, readJsonAt, utf8 } from './ingest-support.ts';

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as SQSEvent;

const SECRET_DECISION = 'Ansökan från sökanden med personnummer 19811218-9876 avslås.';

let store: MemoryBlobStore;
let logLines: string[];
let notified: IngestOutcome[];
let sources: Map<string, Uint8Array>;

/** What the reader was asked for: whole objects, or only their size (over the limit). */
let reads: Array<{ key: string; whole: boolean }> = [];

beforeEach(() => {
  reads = [];
  store = new MemoryBlobStore();
  logLines = [];
  notified = [];
  sources = new Map([
    // Named .pdf, but text: the type comes from the content.
    [
      'inbox/Protokoll KS 2024-02-05 åäö.pdf',
      utf8(protocolText('2024-02-05', [{ number: 5, title: 'Tillstånd', decision: SECRET_DECISION }])),
    ],
    [
      'inbox/alingsas/Kommunfullmäktige 2026-06-10 vår (2).pdf',
      utf8(protocolText('2026-06-10', DEFAULT_PARAGRAPHS, 'Kommunfullmäktige')),
    ],
    ['inbox/C++ and 50%.txt', new Uint8Array(0)],
  ]);
});

function deps(overrides: { readSource?: (key: string) => Promise<Uint8Array | null>; maxBytes?: number } = {}) {
  const ingestDeps = { store, extractor: createDocumentExtractor(), clock: fixedClock('2024-02-06T09:15:03Z') };
  const maxBytes = overrides.maxBytes ?? DEFAULT_MAX_BYTES;
  return {
    readSource: async (key: string, limits: { maxBytes: number }) => {
      const bytes = await (overrides.readSource ?? ((k: string) => Promise.resolve(sources.get(k) ?? null)))(key);
      if (bytes === null) return null;
      reads.push({ key, whole: bytes.length <= limits.maxBytes });
      const open = async () =>
        (async function* () {
          for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000);
        })();
      return { size: bytes.length, bytes: bytes.length <= limits.maxBytes ? bytes : null, open, provenance: {} };
    },
    maxBytes,
    oversized: (input: OversizedInput) => quarantineOversized(ingestDeps, input),
    ingest: (input: IngestInput) => ingestDocument(ingestDeps, input),
    notify: (outcome: IngestOutcome) => {
      notified.push(outcome);
      return Promise.resolve();
    },
    logger: createJsonLogger({ write: (line) => logLines.push(line), now: () => new Date('2024-02-06T09:15:04Z') }),
  };
}

describe('an upload over the limit', () => {
  it('is kept by streaming and quarantined as too-large, without being read whole', async () => {
    const big = utf8(protocolText('2024-02-05').repeat(40));
    sources.set('inbox/Protokoll KS 2024-02-05 åäö.pdf', big);
    const result = await processIngestBatch(fixture('sqs-s3-object-created.json'), deps({ maxBytes: big.length - 1 }));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(reads).toContainEqual({ key: 'inbox/Protokoll KS 2024-02-05 åäö.pdf', whole: false });
    const sha = createHash('sha256').update(big).digest('hex');
    expect(await store.get(`originals/${sha}`)).toEqual(big);
    expect(await readJsonAt(store, `quarantine/${sha}.json`)).toMatchObject({
      reason: 'too-large',
      size: big.length,
      fileName: 'Protokoll KS 2024-02-05 åäö.pdf',
    });
    expect(notified.find((o) => o.sha256 === sha)).toMatchObject({ status: 'quarantined', reason: 'too-large' });
  });
});

const logs = (): Array<Record<string, unknown>> => logLines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('processIngestBatch with the SQS/S3 fixture event', () => {
  it('ingests every inbox object under its decoded key and reports no failures', async () => {
    const result = await processIngestBatch(fixture('sqs-s3-object-created.json'), deps());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await keys(store, 'records/')).toEqual([
      'records/goteborg/kommunfullmaktige/2026/goteborg-kommunfullmaktige-2026-06-10.json',
      'records/goteborg/kommunstyrelsen/2024/goteborg-kommunstyrelsen-2024-02-05.json',
    ]);
    // The empty file is handled (quarantined), not failed.
    expect(await keys(store, 'quarantine/')).toHaveLength(1);
    expect(notified.map((o) => o.status)).toEqual(['ingested', 'ingested', 'quarantined']);
  });

  it('logs one JSON line per object with level, msg, key, sha256 and outcome, and never § text', async () => {
    await processIngestBatch(fixture('sqs-s3-object-created.json'), deps());
    const ingested = logs().filter((l) => l['msg'] === 'ingested');
    expect(ingested.map((l) => [l['level'], l['key'], l['outcome']])).toEqual([
      ['info', 'inbox/Protokoll KS 2024-02-05 åäö.pdf', 'ingested'],
      ['info', 'inbox/alingsas/Kommunfullmäktige 2026-06-10 vår (2).pdf', 'ingested'],
      ['info', 'inbox/C++ and 50%.txt', 'quarantined'],
    ]);
    for (const line of ingested) expect(line['sha256']).toMatch(/^[0-9a-f]{64}$/u);
    expect(ingested[0]).toMatchObject({
      meetingId: 'goteborg-kommunstyrelsen-2024-02-05',
      heldCount: 1,
      time: '2024-02-06T09:15:04.000Z',
    });
    expect(ingested[2]).toMatchObject({ reason: 'empty' });
    expect(logs().find((l) => l['msg'] === 's3 test event ignored')).toBeDefined();
    expect(
      logs()
        .filter((l) => l['msg'] === 'skipped')
        .map((l) => l['key']),
    ).toEqual(['public/index.json', 'inbox/removed.pdf', 'inbox/']);
    const all = logLines.join('\n');
    expect(all).not.toContain('9876');
    expect(all).not.toContain('Tillstånd');
  });

  it('reports only the messages whose processing threw, by messageId', async () => {
    const failing = deps({
      readSource: (key) =>
        key.startsWith('inbox/alingsas/')
          ? Promise.reject(new Error('SlowDown: please reduce your request rate'))
          : Promise.resolve(sources.get(key) ?? null),
    });
    const result = await processIngestBatch(fixture('sqs-s3-object-created.json'), failing);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }] });
    const error = logs().find((l) => l['level'] === 'error');
    expect(error).toMatchObject({
      messageId: '2e1424d4-f796-459a-8184-9c92662be6da',
      error: 'Error: SlowDown: please reduce your request rate',
    });
  });

  it('treats an object deleted before it was read as handled', async () => {
    sources.clear();
    const result = await processIngestBatch(fixture('sqs-s3-object-created.json'), deps());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(logs().filter((l) => l['outcome'] === 'missing')).toHaveLength(3);
    expect(await keys(store)).toEqual([]);
  });

  it('fails malformed messages so they end in the dead-letter queue', async () => {
    const result = await processIngestBatch(fixture('sqs-malformed.json'), deps());
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      'bad00000-0000-4000-8000-000000000005',
      'bad00000-0000-4000-8000-000000000006',
    ]);
  });
});

describe('createPublishNotifier', () => {
  it('sends one FIFO message per published file, grouped by municipality; nothing for quarantined files', async () => {
    const client = new SQSClient({
      region: 'eu-north-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const send = vi.spyOn(client, 'send').mockImplementation(() => Promise.resolve({}));
    const notify = createPublishNotifier(
      client,
      'https://sqs.eu-north-1.amazonaws.com/123456789012/paragraf-publish.fifo',
    );
    const base = {
      fileName: 'f.pdf',
      sha256: 'ab'.repeat(32),
      meetingId: 'alingsas-kommunstyrelsen-2024-02-05',
      municipalitySlug: 'alingsas',
      recordKey: 'records/alingsas/kommunstyrelsen/2024/alingsas-kommunstyrelsen-2024-02-05.json',
      version: 2,
      heldCount: 0,
    };
    // What the ingest handler sends: the publish request of each outcome, none for a quarantined file.
    for (const outcome of [
      { ...base, status: 'replaced', paragraphCount: 3, warningCount: 0, confidence: 0.9, lowConfidenceCount: 0 },
      {
        status: 'quarantined',
        fileName: 'x.pdf',
        sha256: 'cd'.repeat(32),
        reason: 'empty',
        message: 'empty file',
        alreadyQuarantined: false,
      },
    ] satisfies IngestOutcome[]) {
      const request = publishRequestOf(outcome);
      if (request !== null) await notify(request);
    }
    expect(send).toHaveBeenCalledTimes(1);
    const command = send.mock.calls[0]?.[0] as SendMessageCommand;
    expect(command).toBeInstanceOf(SendMessageCommand);
    expect(command.input).toMatchObject({ QueueUrl: expect.stringContaining('.fifo'), MessageGroupId: 'publish' });
    expect(command.input.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/u);
    expect(JSON.parse(command.input.MessageBody ?? '')).toEqual({
      municipalitySlug: 'alingsas',
      meetingId: base.meetingId,
      recordKey: base.recordKey,
      sha256: base.sha256,
      version: 2,
      status: 'replaced',
    });
  });
});

describe('readIngestConfig', () => {
  it('reads the Lambda environment', () => {
    expect(
      readIngestConfig({
        DATA_BUCKET: 'data',
        SOURCE_BUCKET: 'source',
        PUBLISH_QUEUE_URL: 'https://q.fifo',
        REVIEW_FIRST_BODIES: 'socialnämnd, överförmyndar ,',
        MAX_UPLOAD_BYTES: '1048576',
        MUNICIPALITY: 'Alingsås',
      }),
    ).toEqual({
      dataBucket: 'data',
      sourceBucket: 'source',
      publishQueueUrl: 'https://q.fifo',
      reviewFirstBodies: ['socialnämnd', 'överförmyndar'],
      maxBytes: 1048576,
      municipality: 'Alingsås',
    });
  });

  it('refuses a missing bucket or a bad size', () => {
    expect(() => readIngestConfig({ SOURCE_BUCKET: 's' })).toThrow(IngestConfigError);
    expect(() => readIngestConfig({ DATA_BUCKET: 'd', SOURCE_BUCKET: 's', MAX_UPLOAD_BYTES: '50M' })).toThrow(
      /positive integer/u,
    );
  });
});
