/**
 * The content delivery network in front of the published files and the API (CloudFront on AWS). After an erasure
 * the publisher asks it to drop its cached copies of the erased paths, so no edge keeps serving bytes that are gone
 * from the bucket. Paths are URL paths ("/datasets/units/…", "/p/*"); a trailing `*` is a wildcard.
 */
export interface CdnInvalidator {
  invalidate(paths: readonly string[]): Promise<void>;
}

export class CdnInvalidationError extends Error {
  override name = 'CdnInvalidationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
