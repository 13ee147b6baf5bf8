import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { SourceReader } from '../ports/source-reader.ts';
import { provenanceFromS3Metadata } from './s3-inbox.ts';

/** Reads an upload and its provenance metadata from the source bucket (see ports/source-reader.ts). */
export function createS3SourceReader(client: S3Client, bucket: string): SourceReader {
  return async (key) => {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
      return { bytes, provenance: provenanceFromS3Metadata(response.Metadata) };
    } catch (error) {
      // Deleted between the notification and now: nothing to ingest, and retrying will not bring it back.
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  };
}
