import type { CdnInvalidator } from '../../functions/ports/cdn.ts';

/** The CDN port in memory: records every invalidation; `failNext` makes the next one throw (a CloudFront outage). */
export class MemoryCdn implements CdnInvalidator {
  readonly invalidations: string[][] = [];
  failNext = false;

  async invalidate(paths: readonly string[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('CDN unavailable');
    }
    this.invalidations.push([...paths]);
  }

  /** Every path asked for so far. */
  paths(): Set<string> {
    return new Set(this.invalidations.flat());
  }
}
