import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

/**
 * Reads an upload from the source bucket. Deliberately not a BlobStore: uploads are named by people, and S3 accepts
 * keys our store keys refuse (decomposed "å" from macOS, '#', '%', '&' …). The bytes are copied into the store under
 * their hash, so the upload's own key never needs to be a valid store key.
 */
export type SourceReader = (key: string) => Promise<Uint8Array | null>;

export function createS3SourceReader(client: S3Client, bucket: string): SourceReader {
  return async (key) => {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
    } catch (error) {
      // Deleted between the notification and now: nothing to ingest, and retrying will not bring it back.
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  };
}
