import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../functions/adapters/s3-blob-store.ts';
import { PreconditionFailedError, StoreError } from '../../functions/ports/blob-store.ts';

/**
 * The S3 test server ignores If-None-Match / If-Match, so the contract suite cannot prove conditional puts on S3.
 * What the adapter owns is checked here against a stand-in client: the headers it sends, and that S3's answers to a
 * failed condition (412 PreconditionFailed, 409 ConditionalRequestConflict) become PreconditionFailedError while
 * every other failure stays a plain StoreError.
 */
function fakeClient(answer: (input: Record<string, unknown>) => unknown): {
  client: S3Client;
  sent: Record<string, unknown>[];
} {
  const sent: Record<string, unknown>[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push(command.input);
      const out = answer(command.input);
      if (out instanceof Error) throw out;
      return out;
    },
  } as unknown as S3Client;
  return { client, sent };
}

const s3Error = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('S3BlobStore conditional puts', () => {
  it('sends IfNoneMatch "*" and IfMatch with the etag, in one PutObject, also for a streamed body', async () => {
    const { client, sent } = fakeClient(() => ({}));
    const store = new S3BlobStore(client, 'b', { prefix: 'p/' });
    await store.put('locks/publish.json', '{}', { ifNoneMatch: '*' });
    async function* body(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"a":');
      yield new TextEncoder().encode('1}');
    }
    await store.put('records/x.json', body(), { ifMatch: '"abc"' });
    expect(
      sent.map((i) => [i['Key'], i['IfNoneMatch'], i['IfMatch'], new TextDecoder().decode(i['Body'] as Uint8Array)]),
    ).toEqual([
      ['p/locks/publish.json', '*', undefined, '{}'],
      ['p/records/x.json', undefined, '"abc"', '{"a":1}'],
    ]);
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
  ])('maps %s (%i) to PreconditionFailedError', async (name, status) => {
    const { client } = fakeClient(() => s3Error(name, status));
    const error = await new S3BlobStore(client, 'b').put('k.json', '{}', { ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).key).toBe('k.json');
  });

  it('leaves other failures, and a 412 of an unconditional put, as StoreError', async () => {
    const { client } = fakeClient(() => s3Error('AccessDenied', 403));
    const denied = await new S3BlobStore(client, 'b').put('k.json', '{}', { ifMatch: '"e"' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(StoreError);
    expect(denied).not.toBeInstanceOf(PreconditionFailedError);
    const { client: c412 } = fakeClient(() => s3Error('PreconditionFailed', 412));
    const plain = await new S3BlobStore(c412, 'b').put('k.json', '{}').catch((e: unknown) => e);
    expect(plain).not.toBeInstanceOf(PreconditionFailedError);
  });
});
