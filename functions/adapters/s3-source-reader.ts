import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { SourceReader } from '../ports/source-reader.ts';
import { provenanceFromS3Metadata } from './s3-inbox.ts';

/**
 * Reads an upload and its provenance metadata from the source bucket (see ports/source-reader.ts). The size comes
 * from the response's Content-Length before the body is read: an object over the limit is never loaded (its body is
 * destroyed unread) and is streamed by `open()` instead.
 */
export function createS3SourceReader(client: S3Client, bucket: string): SourceReader {
  const open = async (key: string): Promise<AsyncIterable<Uint8Array>> => {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (response.Body ?? emptyBody()) as AsyncIterable<Uint8Array>;
  };
  return async (key, { maxBytes }) => {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const size = response.ContentLength ?? 0;
      const provenance = provenanceFromS3Metadata(response.Metadata);
      if (size > maxBytes) {
        (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return { size, bytes: null, open: () => open(key), provenance };
      }
      const bytes = response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
      return { size: bytes.length, bytes, open: () => open(key), provenance };
    } catch (error) {
      // Deleted between the notification and now: nothing to ingest, and retrying will not bring it back.
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  };
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
