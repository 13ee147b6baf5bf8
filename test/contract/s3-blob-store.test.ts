import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { uploadStream } from '../../functions/adapters/s3-multipart-upload.ts';
import { InvalidKeyError, StoreError } from '../../functions/ports/blob-store.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { blobStoreContract, collect, inParallel, pseudoRandomChunks } from './blob-store.contract.ts';

let s3: RunningS3rver;
/** Every command the shared client sent, in order: the suite's proof of (no) I/O and of multipart/pagination use. */
const sent: { command: string; input: Record<string, unknown> }[] = [];

beforeAll(async () => {
  s3 = await startS3rver({ buckets: ['test-bucket'] });
  s3.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: context.commandName ?? '?', input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});
afterAll(async () => {
  await s3?.stop();
});

let storeNumber = 0;
// Each test gets its own key prefix in one bucket: a fresh, empty store that also exercises the prefix option.
blobStoreContract('s3 (s3rver)', async () => ({
  store: new S3BlobStore(s3.client, 'test-bucket', { prefix: `contract-${++storeNumber}/`, upload: uploadStream }),
  cleanup: async () => undefined,
  operations: () => sent.length,
}));

describe('S3BlobStore against s3rver', () => {
  let store: S3BlobStore;
  beforeEach(() => {
    store = new S3BlobStore(s3.client, 'test-bucket', { prefix: `specific-${++storeNumber}/`, upload: uploadStream });
    sent.length = 0;
  });
  const commands = (): string[] => sent.map((s) => s.command);

  it('writes under its prefix, with Content-Type and Cache-Control as S3 object headers', async () => {
    await store.put('public/a.json', '{}', { cacheControl: 'public, max-age=31536000, immutable' });
    const raw = await s3.client.send(
      new HeadObjectCommand({ Bucket: 'test-bucket', Key: `specific-${storeNumber}/public/a.json` }),
    );
    expect(raw.ContentType).toBe('application/json');
    expect(raw.CacheControl).toBe('public, max-age=31536000, immutable');
  });

  it('reads a range with one GetObject carrying a Range header', async () => {
    await store.put('r/x.bin', 'abcdefghij');
    sent.length = 0;
    expect(new TextDecoder().decode((await store.getRange('r/x.bin', 2, 6))!)).toBe('cdef');
    expect(sent.map((s) => [s.command, s.input['Range']])).toEqual([['GetObjectCommand', 'bytes=2-5']]);
  });

  it('pages through ListObjectsV2 with the continuation token', async () => {
    const paged = new S3BlobStore(s3.client, 'test-bucket', { prefix: `specific-${storeNumber}/`, pageSize: 10 });
    const keys = Array.from({ length: 25 }, (_, i) => `p/${String(i).padStart(2, '0')}`);
    await inParallel(keys, 8, (key) => paged.put(key, ''));
    sent.length = 0;
    expect((await collect(() => paged.list('p/'))).map((m) => m.key)).toEqual(keys);
    expect(sent.map((s) => [s.command, s.input['MaxKeys'], typeof s.input['ContinuationToken']])).toEqual([
      ['ListObjectsV2Command', 10, 'undefined'],
      ['ListObjectsV2Command', 10, 'string'],
      ['ListObjectsV2Command', 10, 'string'],
    ]);
    expect(sent[2]?.input['Prefix']).toBe(`specific-${storeNumber}/p/`);
  });

  it('sends a short stream as one PutObject and a long one as a multipart upload', async () => {
    await store.put('s/short.bin', asAsync(pseudoRandomChunks(1, 1 << 20, 3)));
    expect(commands()).toEqual(['PutObjectCommand']);
    sent.length = 0;
    await store.put('s/long.bin', asAsync(pseudoRandomChunks(2, 1 << 20, 12)), { contentType: 'text/csv' });
    expect(commands()).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand', // 8 MiB
      'UploadPartCommand', // the remaining 4 MiB
      'CompleteMultipartUploadCommand',
    ]);
    expect(sent[0]?.input['ContentType']).toBe('text/csv');
    expect(await store.head('s/long.bin')).toMatchObject({ size: 12 << 20, contentType: 'text/csv' });
  });

  it('without an upload option (the API, which only reads) sends a long stream whole, as one PutObject', async () => {
    const whole = new S3BlobStore(s3.client, 'test-bucket', { prefix: `specific-${storeNumber}/` });
    await whole.put('s/long.bin', asAsync(pseudoRandomChunks(4, 1 << 20, 12)), { contentType: 'text/csv' });
    expect(commands()).toEqual(['PutObjectCommand']);
    expect(await whole.head('s/long.bin')).toMatchObject({ size: 12 << 20, contentType: 'text/csv' });
    const bytes = await whole.get('s/long.bin');
    expect(Buffer.from(bytes!).equals(Buffer.concat([...pseudoRandomChunks(4, 1 << 20, 12)]))).toBe(true);
  });

  it('aborts the multipart upload when the body fails', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield* pseudoRandomChunks(3, 1 << 20, 9);
      throw new Error('render failed');
    }
    await expect(store.put('s/x.bin', failing())).rejects.toThrow('render failed');
    expect(commands()).toContain('AbortMultipartUploadCommand');
    expect(commands()).not.toContain('CompleteMultipartUploadCommand');
    expect(await store.head('s/x.bin')).toBeNull();
  });

  it('wraps S3 errors other than a missing key in StoreError, with the SDK error as cause', async () => {
    const noBucket = new S3BlobStore(s3.client, 'no-such-bucket');
    for (const attempt of [
      () => noBucket.get('a'),
      () => noBucket.getStream('a'),
      () => noBucket.put('a', 'x'),
      () => noBucket.delete('a'),
      () => collect(() => noBucket.list('')),
    ]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toMatch(/no-such-bucket/);
      expect((error as StoreError).cause).toBeInstanceOf(Error);
    }
    // A 404 that is not about the key must not read as "absent". (HEAD cannot tell: its 404 has no body to name
    // the error, so head() on a missing bucket answers null — see docs/storage.md.)
    expect(((await noBucket.get('a').catch((e: unknown) => e)) as StoreError).cause).toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('wraps network failures in StoreError', async () => {
    const down = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9', // discard port: connection refused
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expect(new S3BlobStore(down, 'b').get('a')).rejects.toBeInstanceOf(StoreError);
    down.destroy();
  });

  it('refuses a store prefix that is not a valid prefix ending in "/"', () => {
    expect(() => new S3BlobStore(s3.client, 'test-bucket', { prefix: 'tenant' })).toThrow(InvalidKeyError);
    expect(() => new S3BlobStore(s3.client, 'test-bucket', { prefix: '../' })).toThrow(InvalidKeyError);
  });
});

describe('s3rver helper events', () => {
  it('relays ObjectCreated/ObjectRemoved events with keys URL-encoded as S3 sends them', async () => {
    const store = new S3BlobStore(s3.client, 'test-bucket', { prefix: 'inbox/' });
    await store.put('Håbo KF 2024-01-15 (justerat).pdf', '%PDF-1.4');
    const created = await s3.waitForEvent((e) => e.Records[0]?.s3.object.key.startsWith('inbox/H') ?? false);
    const record = created.Records[0];
    expect(record?.eventName).toBe('ObjectCreated:Put');
    expect(record?.s3.bucket.name).toBe('test-bucket');
    expect(record?.s3.object.key).toBe('inbox/H%C3%A5bo+KF+2024-01-15+(justerat).pdf');
    expect(record?.s3.object.size).toBe(8);
    // The decoding every S3-triggered handler does gets the stored key back.
    expect(decodeURIComponent((record?.s3.object.key ?? '').replace(/\+/g, ' '))).toBe(
      'inbox/Håbo KF 2024-01-15 (justerat).pdf',
    );
    await store.delete('Håbo KF 2024-01-15 (justerat).pdf');
    const removed = await s3.waitForEvent(
      (e) => e.Records[0]?.eventName === 'ObjectRemoved:Delete' && e.Records[0].s3.object.key.startsWith('inbox/'),
    );
    expect(removed.Records[0]?.s3.object.key).toBe(record?.s3.object.key);
  });
});

async function* asAsync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}
