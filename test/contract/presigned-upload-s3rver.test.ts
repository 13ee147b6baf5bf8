/**
 * Presigned uploads against an S3 server on loopback (s3rver): a browser's PUT with the URL and the headers the admin
 * hands out stores the file at the inbox key the server chose, with the provenance as metadata that ingest reads
 * back. s3rver does not verify SigV4 signatures, so what S3 itself refuses (another size, other metadata, another
 * key) is asserted on the signed headers instead (test/unit/admin-lambda.test.ts: content-length, content-type and
 * the metadata are in X-Amz-SignedHeaders).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenanceFromS3Metadata } from '../../functions/adapters/s3-inbox.ts';
import { S3UploadUrlSigner } from '../../functions/adapters/s3-upload-url.ts';
import { systemClock } from '../../functions/ports/clock.ts';
import { type RunningS3rver, startS3rver } from '../support/s3rver.ts';

const SOURCE = 'paragraf-source';
let s3: RunningS3rver;

beforeAll(async () => {
  s3 = await startS3rver({ buckets: [SOURCE] });
});
afterAll(async () => {
  await s3?.stop();
});

describe('presigned PUT URLs into the inbox', () => {
  const bytes = new TextEncoder().encode('§ 1 Val av justerare\nKommunstyrelsen beslutar att utse Anna.\n');

  it('stores exactly the signed file at the signed key, with its provenance', async () => {
    const signer = new S3UploadUrlSigner(s3.client, SOURCE, 'inbox/', systemClock);
    const signed = await signer.sign({
      path: 'admin/2026-06-20/abc/kommunstyrelsen-2026-06-10.txt',
      size: bytes.length,
      mediaType: 'text/plain; charset=utf-8',
      provenance: { noticeDate: '2026-06-15', sourceUrl: 'https://alingsas.se/protokoll/ks-2026-06-10' },
    });
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: bytes });
    expect(put.status, await put.text()).toBe(200);
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: SOURCE, Key: 'inbox/admin/2026-06-20/abc/kommunstyrelsen-2026-06-10.txt' }),
    );
    expect(head.ContentLength).toBe(bytes.length);
    expect(provenanceFromS3Metadata(head.Metadata)).toEqual({
      noticeDate: '2026-06-15',
      sourceUrl: 'https://alingsas.se/protokoll/ks-2026-06-10',
    });
  });
});
