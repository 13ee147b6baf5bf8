import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { CloudFrontInvalidator } from '../../functions/adapters/cloudfront-invalidator.ts';
import { CdnInvalidationError } from '../../functions/ports/cdn.ts';

/** A CloudFront client that records what it is sent (the SDK's commands keep their input on `.input`). */
function recordingClient(fail = false) {
  const sent: Array<{
    DistributionId: string;
    InvalidationBatch: { CallerReference: string; Paths: { Quantity: number; Items: string[] } };
  }> = [];
  const client = {
    send: async (command: { input: (typeof sent)[number] }) => {
      if (fail) throw new Error('AccessDenied');
      sent.push(command.input);
      return {};
    },
  } as unknown as CloudFrontClient;
  return { client, sent };
}

const at = () => new Date('2026-12-06T23:00:00Z');

describe('CloudFrontInvalidator', () => {
  it('sends the paths as one invalidation of the distribution, encoded as a viewer requests them', async () => {
    const { client, sent } = recordingClient();
    await new CloudFrontInvalidator(client, 'E2ABCDEF', at).invalidate([
      '/datasets/units/a/b/2024/0123abcd/paragraphs.csv',
      '/c/KS 2023/12',
      '/v1/*',
      '/v1/*',
    ]);
    expect(sent).toEqual([
      {
        DistributionId: 'E2ABCDEF',
        InvalidationBatch: {
          CallerReference: `paragraf-${at().getTime()}-3`,
          Paths: {
            Quantity: 3,
            Items: ['/datasets/units/a/b/2024/0123abcd/paragraphs.csv', '/c/KS%202023/12', '/v1/*'],
          },
        },
      },
    ]);
  });

  it('falls back to "/*" beyond what one invalidation takes (3000 paths, 15 wildcards), and sends nothing for none', async () => {
    const { client, sent } = recordingClient();
    const cdn = new CloudFrontInvalidator(client, 'E2ABCDEF', at);
    await cdn.invalidate([]);
    await cdn.invalidate(Array.from({ length: 3001 }, (_, i) => `/datasets/f${i}.csv`));
    await cdn.invalidate(Array.from({ length: 16 }, (_, i) => `/p${i}/*`));
    expect(sent.map((s) => s.InvalidationBatch.Paths.Items)).toEqual([['/*'], ['/*']]);
  });

  it('reports a failure as CdnInvalidationError with the cause', async () => {
    const { client } = recordingClient(true);
    const error = await new CloudFrontInvalidator(client, 'E2ABCDEF', at).invalidate(['/']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CdnInvalidationError);
    expect((error as Error).cause).toMatchObject({ message: 'AccessDenied' });
  });
});
