import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { StoreError } from '../../functions/ports/blob-store.ts';

/**
 * S3BlobStore.erase on a versioned bucket: every version and delete marker of exactly that key goes (not of keys that
 * merely start with it), across pages of ListObjectVersions. The client is a recording fake: s3rver keeps no versions.
 */
function fakeS3(
  pages: Array<{
    Versions?: object[];
    DeleteMarkers?: object[];
    IsTruncated?: boolean;
    NextKeyMarker?: string;
    NextVersionIdMarker?: string;
  }>,
) {
  const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
  let page = 0;
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === 'ListObjectVersionsCommand') return pages[page++] ?? {};
      return {};
    },
  } as unknown as S3Client;
  return { client, sent };
}

describe('S3BlobStore.erase', () => {
  it('deletes each version and delete marker of the key, page by page, under the store prefix', async () => {
    const key = 'p/public/units/a/b/2024/0123abcd/paragraphs.csv';
    const { client, sent } = fakeS3([
      {
        Versions: [
          { Key: key, VersionId: 'v2' },
          { Key: `${key}.bak`, VersionId: 'x1' },
        ],
        DeleteMarkers: [{ Key: key, VersionId: 'm1' }],
        IsTruncated: true,
        NextKeyMarker: key,
        NextVersionIdMarker: 'm1',
      },
      { Versions: [{ Key: key, VersionId: 'v1' }] },
    ]);
    await new S3BlobStore(client, 'data', { prefix: 'p/' }).erase('public/units/a/b/2024/0123abcd/paragraphs.csv');
    expect(sent.map((s) => [s.name, s.input.KeyMarker ?? s.input.VersionId ?? null])).toEqual([
      ['ListObjectVersionsCommand', null],
      ['DeleteObjectCommand', 'v2'],
      ['DeleteObjectCommand', 'm1'],
      ['ListObjectVersionsCommand', key],
      ['DeleteObjectCommand', 'v1'],
    ]);
    expect(
      sent
        .filter((s) => s.name === 'DeleteObjectCommand')
        .every((s) => s.input.Key === key && s.input.Bucket === 'data'),
    ).toBe(true);
  });

  it('reports a failure as StoreError naming the object', async () => {
    const client = {
      send: async () => {
        throw Object.assign(new Error('denied'), { name: 'AccessDenied' });
      },
    } as unknown as S3Client;
    const error = await new S3BlobStore(client, 'data').erase('public/x.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('s3://data/public/x.csv');
  });
});
