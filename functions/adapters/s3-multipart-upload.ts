import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { StoreError } from '../ports/blob-store.ts';
import { concatBytes } from '../core/bytes.ts';

/** Where a streamed object goes, with the headers it is created with. */
export interface ObjectTarget {
  client: S3Client;
  Bucket: string;
  Key: string;
  ContentType?: string;
  CacheControl?: string;
}

/** S3 allows at most 10 000 parts per upload. */
const MAX_PARTS = 10_000;
const utf8 = new TextEncoder();

/** The shape of uploadStream, so S3BlobStore can take it as an option without importing it. */
export type StreamUpload = typeof uploadStream;

/**
 * Streams `body` to S3. A body shorter than one part is sent as one PutObject (`putWhole`); a longer one as a multipart
 * upload that reads the next part while the previous one is in flight, so at most two parts are held in memory. The
 * object appears only when the upload completes; on any failure the upload is aborted (nothing becomes visible, the
 * old object stays) and the error is rethrown: the body's own error unchanged, S3 errors through `wrap`.
 */
export async function uploadStream(
  target: ObjectTarget,
  body: AsyncIterable<Uint8Array>,
  partSize: number,
  putWhole: (bytes: Uint8Array) => Promise<void>,
  wrap: (op: string, err: unknown) => StoreError,
): Promise<void> {
  const source = body[Symbol.asyncIterator]();
  const first = await readPart(source, partSize).catch((err: unknown) =>
    Promise.reject(err instanceof BodyFailed ? err.error : err),
  );
  if (first.done) return putWhole(first.bytes);

  const { client, ...headers } = target;
  const uploadId = await client
    .send(new CreateMultipartUploadCommand({ ...headers, ChecksumAlgorithm: 'CRC32' }))
    .then((out) => out.UploadId)
    .catch((err: unknown) => Promise.reject(wrap('CreateMultipartUpload', err)));
  if (!uploadId) throw wrap('CreateMultipartUpload', new Error('no UploadId in the response'));
  const ids = { Bucket: target.Bucket, Key: target.Key, UploadId: uploadId };

  try {
    const parts = await uploadParts(client, ids, source, first, partSize, wrap);
    await client
      .send(new CompleteMultipartUploadCommand({ ...ids, MultipartUpload: { Parts: parts } }))
      .catch((err: unknown) => Promise.reject(wrap('CompleteMultipartUpload', err)));
  } catch (err) {
    await client.send(new AbortMultipartUploadCommand(ids)).catch(() => undefined); // best effort; a lifecycle rule cleans up the rest
    await source.return?.().catch(() => undefined);
    throw err instanceof BodyFailed ? err.error : err;
  }
}

interface Chunk {
  bytes: Uint8Array;
  done: boolean;
}

async function uploadParts(
  client: S3Client,
  ids: { Bucket: string; Key: string; UploadId: string },
  source: AsyncIterator<Uint8Array>,
  first: Chunk,
  partSize: number,
  wrap: (op: string, err: unknown) => StoreError,
): Promise<CompletedPart[]> {
  const parts: CompletedPart[] = [];
  let inFlight: Promise<CompletedPart> | undefined;
  let chunk = first;
  for (let number = 1; chunk.bytes.length > 0; number++) {
    if (number > MAX_PARTS) throw wrap('UploadPart', new Error(`more than ${MAX_PARTS} parts; raise partSize`));
    const started = uploadPart(client, ids, number, chunk.bytes, wrap);
    started.catch(() => undefined); // awaited below; this only keeps an early rejection from being "unhandled"
    if (inFlight) parts.push(await inFlight);
    inFlight = started;
    if (chunk.done) break;
    chunk = await readPart(source, partSize);
  }
  if (inFlight) parts.push(await inFlight);
  return parts;
}

async function uploadPart(
  client: S3Client,
  ids: { Bucket: string; Key: string; UploadId: string },
  PartNumber: number,
  bytes: Uint8Array,
  wrap: (op: string, err: unknown) => StoreError,
): Promise<CompletedPart> {
  try {
    const out = await client.send(
      new UploadPartCommand({
        ...ids,
        PartNumber,
        Body: bytes,
        ContentLength: bytes.length,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    return {
      PartNumber,
      ETag: out.ETag,
      ...(out.ChecksumCRC32 === undefined ? {} : { ChecksumCRC32: out.ChecksumCRC32 }),
    };
  } catch (err) {
    throw wrap(`UploadPart ${PartNumber}`, err);
  }
}

/** Pulls chunks until at least `partSize` bytes are gathered or the body ends. */
async function readPart(source: AsyncIterator<Uint8Array>, partSize: number): Promise<Chunk> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < partSize) {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await source.next();
    } catch (err) {
      throw new BodyFailed(err);
    }
    if (step.done) return { bytes: fresh(chunks), done: true };
    const bytes = typeof step.value === 'string' ? utf8.encode(step.value) : step.value;
    chunks.push(bytes);
    size += bytes.length;
  }
  return { bytes: fresh(chunks), done: false };
}

/** Always a fresh buffer: a part is uploaded while the next is read, and a producer may reuse its chunk buffer. */
function fresh(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]!.slice() : concatBytes(chunks);
}

/** An error thrown by the caller's body, kept apart from S3 errors so it can be rethrown unchanged. */
class BodyFailed {
  constructor(readonly error: unknown) {}
}
