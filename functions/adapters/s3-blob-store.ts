import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  assertValidKey,
  assertValidPrefix,
  assertValidRange,
  conditionOf,
  InvalidKeyError,
  invalidKeyReason,
  PreconditionFailedError,
  StoreError,
  type BlobBody,
  type BlobMeta,
  type BlobStore,
  type PutOptions,
} from '../ports/blob-store.ts';
import { mediaTypeByExtension } from './media-type-by-extension.ts';
import { concatBytes } from '../core/bytes.ts';
import type { ObjectTarget, StreamUpload } from './s3-multipart-upload.ts';

export interface S3BlobStoreOptions {
  /** Keys live under this prefix in the bucket ("" or ending in '/', e.g. "paragraf/"); list() strips it again. */
  prefix?: string;
  /**
   * How a streamed body is written. Writers of large files pass `uploadStream` (s3-multipart-upload.ts): a multipart
   * upload that holds two parts in memory. Without it a streamed body is collected and sent as one PutObject, which
   * is enough for a store that only reads (the API) and keeps the multipart code out of that bundle.
   */
  upload?: StreamUpload;
  /** Part size for streaming puts; S3 needs at least 5 MiB for all parts but the last. Default 8 MiB. */
  partSize?: number;
  /** Keys per ListObjectsV2 request, 1–1000 (S3's maximum and the default). */
  pageSize?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const utf8 = new TextEncoder();

/**
 * A BlobStore in an S3 bucket. The client is injected (created once per cold start by the handler), never made here.
 * Every S3 write of a whole object is atomic; a streaming put is a multipart upload, which becomes visible only when
 * completed and is aborted when the body or a part fails.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #partSize: number;
  readonly #pageSize: number | undefined;
  readonly #upload: StreamUpload | undefined;

  constructor(client: S3Client, bucket: string, options: S3BlobStoreOptions = {}) {
    const prefix = options.prefix ?? '';
    if (prefix !== '' && !prefix.endsWith('/')) throw new InvalidKeyError(prefix, 'a store prefix must end with "/"');
    assertValidPrefix(prefix);
    this.#client = client;
    this.#bucket = bucket;
    this.#prefix = prefix;
    this.#partSize = Math.max(MIN_PART_SIZE, options.partSize ?? 8 * 1024 * 1024);
    this.#pageSize = options.pageSize === undefined ? undefined : Math.min(1000, Math.max(1, options.pageSize));
    this.#upload = options.upload;
  }

  async get(key: string): Promise<Uint8Array | null> {
    const body = await this.#getBody(key);
    if (!body) return null;
    try {
      return await body.transformToByteArray();
    } catch (err) {
      throw this.#error('GetObject', key, err);
    }
  }

  /**
   * One GetObject with a Range header; an empty range, or one starting past the end (S3: 416), asks head(). HTTP lets
   * a server send more than asked: the whole object (200), or a range running on past `end` (s3rver, for
   * "bytes=0-0"); what was asked is cut from it.
   */
  async getRange(key: string, start: number, end: number): Promise<Uint8Array | null> {
    assertValidRange(start, end);
    const empty = async () => ((await this.head(key)) === null ? null : new Uint8Array(0));
    if (start === end) return empty();
    const out = await this.#getObject(key, `bytes=${start}-${end - 1}`).catch((err: unknown) => {
      if (isUnsatisfiableRange(err)) return 'past-the-end' as const;
      throw err;
    });
    if (out === 'past-the-end') return empty();
    if (!out) return null;
    try {
      const bytes = await out.Body.transformToByteArray();
      const from = out.$metadata.httpStatusCode === 206 ? 0 : start;
      return from === 0 && bytes.length <= end - start ? bytes : bytes.slice(from, from + end - start);
    } catch (err) {
      throw this.#error('GetObject', key, err);
    }
  }

  async getStream(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    const body = await this.#getBody(key);
    return body ? this.#guardStream(key, body as unknown as AsyncIterable<Uint8Array>) : null;
  }

  async put(key: string, body: BlobBody, options: PutOptions = {}): Promise<void> {
    assertValidKey(key);
    const target: ObjectTarget = {
      client: this.#client,
      Bucket: this.#bucket,
      Key: this.#prefix + key,
      ContentType: options.contentType ?? mediaTypeByExtension(key),
      ...(options.cacheControl === undefined ? {} : { CacheControl: options.cacheControl }),
    };
    const condition = conditionOf(options);
    if (condition !== null) {
      // Conditional objects are small (leases, records, manifests): one PutObject carries the condition.
      const bytes =
        typeof body === 'string' ? utf8.encode(body) : body instanceof Uint8Array ? body : await collectBody(body);
      const conditional = {
        ...target,
        ...(options.ifNoneMatch === undefined ? {} : { IfNoneMatch: options.ifNoneMatch }),
        ...(options.ifMatch === undefined ? {} : { IfMatch: options.ifMatch }),
      };
      await this.#putWhole(key, conditional, bytes).catch((err: unknown) => {
        throw isPreconditionFailure(err) ? new PreconditionFailedError(key, condition, { cause: err }) : err;
      });
      return;
    }
    if (typeof body === 'string' || body instanceof Uint8Array) {
      await this.#putWhole(key, target, typeof body === 'string' ? utf8.encode(body) : body);
      return;
    }
    if (!this.#upload) {
      await this.#putWhole(key, target, await collectBody(body));
      return;
    }
    await this.#upload(
      target,
      body,
      this.#partSize,
      (bytes) => this.#putWhole(key, target, bytes),
      (op, err) => this.#error(op, key, err),
    );
  }

  async head(key: string): Promise<BlobMeta | null> {
    assertValidKey(key);
    try {
      const out = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        ...(out.ETag === undefined ? {} : { etag: out.ETag }),
        ...(out.LastModified === undefined ? {} : { lastModified: out.LastModified }),
        ...(out.ContentType === undefined ? {} : { contentType: out.ContentType }),
        ...(out.CacheControl === undefined ? {} : { cacheControl: out.CacheControl }),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.#error('HeadObject', key, err);
    }
  }

  list(prefix: string): AsyncIterable<BlobMeta> {
    assertValidPrefix(prefix);
    return this.#list(prefix);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      // S3 answers 204 whether or not the key existed, which is exactly the port's "absent is not an error".
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }));
    } catch (err) {
      throw this.#error('DeleteObject', key, err);
    }
  }

  /**
   * Deletes every version and delete marker of the key (ListObjectVersions, then DeleteObject with each VersionId),
   * so nothing of it is left in a versioned bucket; on an unversioned bucket its one version ("null") goes the same way.
   */
  async erase(key: string): Promise<void> {
    assertValidKey(key);
    const full = this.#prefix + key;
    try {
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const out = await this.#client.send(
          new ListObjectVersionsCommand({ Bucket: this.#bucket, Prefix: full, ...markers }),
        );
        const versions = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].filter(
          (v) => v.Key === full && v.VersionId,
        );
        for (const v of versions)
          await this.#client.send(
            new DeleteObjectCommand({ Bucket: this.#bucket, Key: full, VersionId: v.VersionId! }),
          );
        if (!out.IsTruncated) break;
        markers = {
          ...(out.NextKeyMarker ? { KeyMarker: out.NextKeyMarker } : {}),
          ...(out.NextVersionIdMarker ? { VersionIdMarker: out.NextVersionIdMarker } : {}),
        };
      }
    } catch (err) {
      throw this.#error('EraseObject', key, err);
    }
  }

  async *#list(prefix: string): AsyncGenerator<BlobMeta> {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: this.#prefix + prefix,
            ContinuationToken: token,
            MaxKeys: this.#pageSize,
          }),
        );
      } catch (err) {
        throw this.#error('ListObjectsV2', prefix, err);
      }
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(this.#prefix.length);
        // Foreign objects whose names are not valid keys could not be read through the port either.
        if (invalidKeyReason(key) !== null) continue;
        yield {
          key,
          size: object.Size ?? 0,
          ...(object.ETag === undefined ? {} : { etag: object.ETag }),
          ...(object.LastModified === undefined ? {} : { lastModified: object.LastModified }),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async #getBody(key: string) {
    return (await this.#getObject(key))?.Body ?? null;
  }

  async #getObject(key: string, range?: string) {
    assertValidKey(key);
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key, ...(range ? { Range: range } : {}) }),
      );
      const body = out.Body;
      if (!body) throw new StoreError(`GetObject ${this.#describe(key)} returned no body`);
      return { ...out, Body: body };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.#error('GetObject', key, err);
    }
  }

  async *#guardStream(key: string, body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      yield* body; // breaking out early returns the inner iterator, which destroys the HTTP response
    } catch (err) {
      throw this.#error('GetObject (stream)', key, err);
    }
  }

  async #putWhole(
    key: string,
    target: ObjectTarget & { IfNoneMatch?: string; IfMatch?: string },
    bytes: Uint8Array,
  ): Promise<void> {
    const { client, ...params } = target;
    try {
      await client.send(new PutObjectCommand({ ...params, Body: bytes, ContentLength: bytes.length }));
    } catch (err) {
      throw this.#error('PutObject', key, err);
    }
  }

  #describe(key: string): string {
    return `s3://${this.#bucket}/${this.#prefix}${key}`;
  }

  #error(op: string, key: string, err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    const name = err instanceof Error ? err.name : String(err);
    return new StoreError(`${op} ${this.#describe(key)} failed: ${name}`, { cause: err });
  }
}

/**
 * 412 PreconditionFailed: the condition did not hold; 409 ConditionalRequestConflict: a concurrent conditional write
 * to the same key won (S3 asks to retry, and a retry would see the winner's object and fail its condition anyway).
 */
function isPreconditionFailure(err: unknown): boolean {
  const cause = err instanceof StoreError ? err.cause : err;
  const name = cause instanceof Error ? cause.name : '';
  const status = (cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412;
}

async function collectBody(body: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(typeof chunk === 'string' ? utf8.encode(chunk) : chunk);
  return concatBytes(parts);
}

/** NoSuchKey (GetObject) and NotFound (HeadObject, no body to carry a code). NoSuchBucket stays an error. */
/** S3 answers 416 InvalidRange to a range that starts at or past the end of the object. */
function isUnsatisfiableRange(err: unknown): boolean {
  const cause = err instanceof StoreError ? err.cause : err;
  const status = (cause as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return cause instanceof Error && (cause.name === 'InvalidRange' || status === 416);
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && (err.name === 'NoSuchKey' || err.name === 'NotFound');
}
