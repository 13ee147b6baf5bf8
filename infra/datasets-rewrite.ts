/**
 * CloudFront Function (viewer request) for the /datasets/* behaviours. Viewers ask for /datasets/<path>; the
 * published file is the data bucket key public/<path>. CloudFront puts the origin path (/public) in front of the
 * request URI, so this function only removes the /datasets prefix. It runs in the cloudfront-js-2.0 runtime
 * (ES 5.1 plus a few later features): no arrow functions, no template literals, no modules.
 *
 * Kept as source text so that a unit test can evaluate exactly what is deployed.
 */
export const DATASETS_PREFIX = '/datasets';

export const DATASETS_REWRITE_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '${DATASETS_PREFIX}' || uri.indexOf('${DATASETS_PREFIX}/') === 0) {
    uri = uri.substring(${DATASETS_PREFIX.length});
  }
  request.uri = uri === '' ? '/' : uri;
  return request;
}
`;
