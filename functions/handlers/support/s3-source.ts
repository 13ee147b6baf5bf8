import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { provenanceFromS3Metadata } from '../../adapters/s3-inbox.ts';
import type { SourceProvenance } from '../../core/records/types.ts';

/**
 * Reads an upload from the source bucket. Deliberately not a BlobStore: uploads are named by people, and S3 accepts
 * keys our store keys refuse (decomposed "å" from macOS, '#', '%', '&' …). The bytes are copied into the store under
 * their hash, so the upload's own key never needs to be a valid store key. The object's metadata may carry where the
 * file came from (a harvested portal: adapters/s3-inbox.ts); it is read in the same request.
 */
export interface SourceObject {
  bytes: Uint8Array;
  provenance: SourceProvenance;
}

export type SourceReader = (key: string) => Promise<SourceObject | null>;

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
