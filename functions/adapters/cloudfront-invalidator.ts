import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CdnInvalidationError, type CdnInvalidator } from '../ports/cdn.ts';

/** CloudFront takes at most 3000 paths per invalidation, of which at most 15 may end in a wildcard. */
export const MAX_PATHS = 3000;
export const MAX_WILDCARDS = 15;

/**
 * The CDN port on CloudFront: one CreateInvalidation per call. More paths than one invalidation takes (an erasure
 * that touched many unit versions) become the single path "/*": dropping everything cached is always correct, only
 * slower for viewers. The caller reference is derived from the paths and the time, so a retried Lambda run that
 * sends the same list within the same millisecond does not create a second invalidation.
 */
export class CloudFrontInvalidator implements CdnInvalidator {
  constructor(
    private readonly client: CloudFrontClient,
    private readonly distributionId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async invalidate(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const items = fitsOne(paths) ? [...new Set(paths.map(encodePath))] : ['/*'];
    try {
      await this.client.send(
        new CreateInvalidationCommand({
          DistributionId: this.distributionId,
          InvalidationBatch: {
            CallerReference: `paragraf-${this.now().getTime()}-${items.length}`,
            Paths: { Quantity: items.length, Items: items },
          },
        }),
      );
    } catch (error) {
      throw new CdnInvalidationError(
        `CloudFront invalidation of ${items.length} paths on ${this.distributionId} failed`,
        { cause: error },
      );
    }
  }
}

function fitsOne(paths: readonly string[]): boolean {
  return paths.length <= MAX_PATHS && paths.filter((p) => p.endsWith('*')).length <= MAX_WILDCARDS;
}

/** CloudFront matches the path as the viewer requested it: encode what a browser would (spaces, non-ASCII). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      segment === '*' ? segment : encodeURIComponent(decodeURIComponent(segment)).replace(/%2A/gu, '*'),
    )
    .join('/');
}
