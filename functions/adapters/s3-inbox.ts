import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SourceProvenance } from '../core/records/types.ts';
import type { Inbox, InboxFile } from '../ports/inbox.ts';

/**
 * The inbox on AWS: the source bucket's inbox/, where every new object starts the ingest Lambda (S3 notification →
 * SQS). The provenance travels as user metadata of the same object (`x-amz-meta-paragraf-…`), so bytes and provenance
 * arrive in one atomic PUT and the ingest Lambda reads both with its one GetObject. Values are percent-encoded: S3
 * metadata is sent as HTTP headers, which only carry ASCII safely.
 */
const KEYS: ReadonlyArray<[keyof SourceProvenance, string]> = [
  ['sourceUrl', 'paragraf-source-url'],
  ['portal', 'paragraf-portal'],
  ['portalDocumentId', 'paragraf-portal-document-id'],
  ['noticeDate', 'paragraf-notice-date'],
];

/** S3 allows 2 KB of user metadata per object (names and values). */
export const MAX_METADATA_BYTES = 2048;

export class InboxMetadataTooLargeError extends Error {
  override name = 'InboxMetadataTooLargeError';
}

export function provenanceToS3Metadata(provenance: SourceProvenance): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [field, name] of KEYS) {
    const value = provenance[field];
    if (value !== undefined && value !== '') metadata[name] = encodeURIComponent(value);
  }
  const size = Object.entries(metadata).reduce((n, [k, v]) => n + k.length + v.length, 0);
  if (size > MAX_METADATA_BYTES)
    throw new InboxMetadataTooLargeError(`provenance needs ${size} bytes of S3 metadata, over ${MAX_METADATA_BYTES}`);
  return metadata;
}

/** The provenance in an object's metadata (S3 returns the names in lower case, without x-amz-meta-). */
export function provenanceFromS3Metadata(metadata: Readonly<Record<string, string>> | undefined): SourceProvenance {
  const provenance: SourceProvenance = {};
  if (metadata === undefined) return provenance;
  for (const [field, name] of KEYS) {
    const raw = metadata[name];
    if (raw === undefined) continue;
    try {
      provenance[field] = decodeURIComponent(raw);
    } catch {
      // A value that is not percent-encoded UTF-8 was not written by Paragraf: left out, and ingest goes on without it.
    }
  }
  return provenance;
}

export class S3Inbox implements Inbox {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** Where deliveries go in the bucket: the inbox ingest is notified of (store/keys.ts INBOX_PREFIX). */
    private readonly prefix: string,
  ) {}

  async deliver(file: InboxFile): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${this.prefix}${file.path}`,
        Body: file.bytes,
        ContentType: file.mediaType,
        Metadata: provenanceToS3Metadata(file.provenance),
      }),
    );
  }
}
