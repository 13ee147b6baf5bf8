import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock } from '../ports/clock.ts';
import type { SignedUpload, UploadUrlSigner } from '../ports/upload-url.ts';
import { provenanceToS3Metadata } from './s3-inbox.ts';

/** Long enough to send 50 MB over a slow municipal uplink, short enough that a leaked URL is soon worthless. */
export const UPLOAD_URL_SECONDS = 900;

/**
 * Presigned S3 PUT URLs into the source bucket's inbox (the same place and the same provenance metadata as S3Inbox).
 * Content-Length, Content-Type and the provenance metadata are signed headers, so S3 refuses a body of another size
 * or type, and the browser cannot change where the file lands or what it claims about itself.
 */
export class S3UploadUrlSigner implements UploadUrlSigner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** The inbox prefix ingest is notified of (store/keys.ts INBOX_PREFIX). */
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {}

  async sign(request: Parameters<UploadUrlSigner['sign']>[0]): Promise<SignedUpload> {
    const metadata = provenanceToS3Metadata(request.provenance);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: `${this.prefix}${request.path}`,
      ContentLength: request.size,
      ContentType: request.mediaType,
      Metadata: metadata,
    });
    const headers: Record<string, string> = { 'Content-Type': request.mediaType };
    for (const [name, value] of Object.entries(metadata)) headers[`x-amz-meta-${name}`] = value;
    const url = await getSignedUrl(this.client, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      signingDate: this.clock.now(),
      // Signed rather than hoisted into the query string: S3 then refuses a PUT without exactly these values.
      signableHeaders: new Set(['content-length', 'content-type']),
      unhoistableHeaders: new Set(Object.keys(metadata).map((name) => `x-amz-meta-${name}`)),
    });
    const expiresAt = new Date(this.clock.now().getTime() + UPLOAD_URL_SECONDS * 1000).toISOString();
    return { method: 'PUT', url, headers, expiresAt };
  }
}
