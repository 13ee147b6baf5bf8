/**
 * Cache and response-header policies of the distribution (public-site.ts).
 *
 * Caching: snapshot manifests change only when an erasure required by law rewrites them (a withdrawn §), and then
 * the publisher invalidates them, so they are cached for a year at the edge but only an hour in browsers, which no
 * invalidation reaches; never `immutable`. Elsewhere under /datasets the publisher sets each
 * object's Cache-Control (functions/published/paths.ts, cacheControlOf): content-addressed files a year, the few
 * fixed-name files that change with every publish (manifest.json, datapackage.json, catalog.rdf, changes/index.json)
 * a minute; CloudFront follows it, and uses a minute for an object without one. API responses are cached per path
 * and query string for a minute unless the function's own Cache-Control says otherwise (from 0 up to a day).
 *
 * Headers: the data is open (CC0), so any web page may fetch it (CORS for every origin, without credentials).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

export const SNAPSHOT_TTL = Duration.days(365);
/** Browsers re-ask for a snapshot manifest after this: an erasure may have rewritten it. */
export const SNAPSHOT_BROWSER_TTL = Duration.hours(1);
export const DATASETS_DEFAULT_TTL = Duration.seconds(60);
export const DATASETS_MAX_TTL = SNAPSHOT_TTL;
export const API_DEFAULT_TTL = Duration.seconds(60);
export const API_MAX_TTL = Duration.days(1);

export interface SitePolicies<T> {
  readonly api: T;
  readonly datasets: T;
  readonly immutable: T;
}

export function cachePolicies(scope: Construct): SitePolicies<cloudfront.CachePolicy> {
  const compressed = { enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true };
  return {
    api: new cloudfront.CachePolicy(scope, 'ApiCache', {
      comment: 'API and pages: keyed by path and query string',
      ...compressed,
      defaultTtl: API_DEFAULT_TTL,
      minTtl: Duration.seconds(0),
      maxTtl: API_MAX_TTL,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    }),
    datasets: new cloudfront.CachePolicy(scope, 'DatasetsCache', {
      comment: 'Published files: as long as the object Cache-Control says (a minute for the fixed-name indexes)',
      ...compressed,
      defaultTtl: DATASETS_DEFAULT_TTL,
      minTtl: Duration.seconds(0),
      maxTtl: DATASETS_MAX_TTL,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    }),
    immutable: new cloudfront.CachePolicy(scope, 'SnapshotCache', {
      comment: 'Snapshot manifests change only by erasure, which invalidates them: cache for a year at the edge',
      ...compressed,
      defaultTtl: SNAPSHOT_TTL,
      minTtl: SNAPSHOT_TTL,
      maxTtl: SNAPSHOT_TTL,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    }),
  };
}

export function responseHeadersPolicies(scope: Construct): SitePolicies<cloudfront.ResponseHeadersPolicy> {
  const cors: cloudfront.ResponseHeadersCorsBehavior = {
    accessControlAllowOrigins: ['*'],
    accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
    accessControlAllowHeaders: ['*'],
    accessControlAllowCredentials: false,
    // Content-Range and Accept-Ranges let a browser read Parquet/CSV by byte ranges.
    accessControlExposeHeaders: [
      'ETag',
      'Last-Modified',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
      'Link',
    ],
    accessControlMaxAge: Duration.days(1),
    // One source of CORS headers (this policy), whatever the function or object metadata say.
    originOverride: true,
  };
  const security: cloudfront.ResponseSecurityHeadersBehavior = {
    strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: false, override: true },
    contentTypeOptions: { override: true },
    referrerPolicy: {
      referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
      override: true,
    },
  };
  const cacheControl = (value: string, override: boolean): cloudfront.ResponseCustomHeadersBehavior => ({
    customHeaders: [{ header: 'Cache-Control', value, override }],
  });
  return {
    api: new cloudfront.ResponseHeadersPolicy(scope, 'ApiHeaders', {
      comment: 'CORS for any origin and security headers',
      corsBehavior: cors,
      securityHeadersBehavior: security,
    }),
    datasets: new cloudfront.ResponseHeadersPolicy(scope, 'DatasetsHeaders', {
      comment: 'CORS, security headers, and a short browser cache unless the object sets its own',
      corsBehavior: cors,
      securityHeadersBehavior: security,
      customHeadersBehavior: cacheControl(`public, max-age=${DATASETS_DEFAULT_TTL.toSeconds()}`, false),
    }),
    immutable: new cloudfront.ResponseHeadersPolicy(scope, 'SnapshotHeaders', {
      comment:
        'CORS, security headers, and an hour of browser cache for snapshot manifests (an erasure may rewrite them)',
      corsBehavior: cors,
      securityHeadersBehavior: security,
      customHeadersBehavior: cacheControl(`public, max-age=${SNAPSHOT_BROWSER_TTL.toSeconds()}`, true),
    }),
  };
}
