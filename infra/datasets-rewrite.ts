/**
 * CloudFront Function (viewer request) for the /datasets/* behaviours.
 *
 * Path: viewers ask for /datasets/<path>; the published file is the data bucket key public/<path>. CloudFront puts
 * the origin path (/public) in front of the request URI, so this function only removes the /datasets prefix.
 *
 * CORS preflight: a browser that reads Parquet or CSV by byte ranges (DuckDB-Wasm, hyparquet) first sends OPTIONS.
 * S3 behind origin access control would refuse it (403, the bucket has no CORS rules), so the function answers it
 * at the edge. The data is open, for every origin, without credentials; actual responses get their CORS headers
 * from the response headers policy (public-site-policies.ts).
 *
 * It runs in the cloudfront-js-2.0 runtime (ES 5.1 plus a few later features): no arrow functions, no template
 * literals, no modules. Kept as source text so that a unit test evaluates exactly what is deployed.
 */
import { DATASETS_URL_PREFIX } from '../functions/published/paths.ts';

/** The URL prefix of the published files, without its trailing slash: `/datasets`. */
export const DATASETS_PREFIX = DATASETS_URL_PREFIX.replace(/\/$/u, '');
export const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

export const DATASETS_REWRITE_SOURCE = `function handler(event) {
  var request = event.request;
  if (request.method === 'OPTIONS') {
    var requested = request.headers['access-control-request-headers'];
    var headers = {
      'access-control-allow-origin': { value: '*' },
      'access-control-allow-methods': { value: 'GET, HEAD, OPTIONS' },
      'access-control-max-age': { value: '${PREFLIGHT_MAX_AGE_SECONDS}' }
    };
    if (requested) headers['access-control-allow-headers'] = { value: requested.value };
    return { statusCode: 204, statusDescription: 'No Content', headers: headers };
  }
  var uri = request.uri;
  if (uri === '${DATASETS_PREFIX}' || uri.indexOf('${DATASETS_PREFIX}/') === 0) {
    uri = uri.substring(${DATASETS_PREFIX.length});
  }
  request.uri = uri === '' ? '/' : uri;
  return request;
}
`;
