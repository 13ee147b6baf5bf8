/**
 * Responses built in one piece with plain-object headers. Hono's `c.header` materialises a WHATWG Headers object per
 * response, which costs more than rendering a cached list; a Response made here goes to the socket through
 * @hono/node-server's direct path. The headers every response carries are added here, so the app's middleware
 * leaves these responses alone (`isComplete`).
 */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // Read-only and public: any origin may read it.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link, Content-Disposition',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

const complete = new WeakSet<Response>();

export function fastResponse(
  body: Uint8Array<ArrayBuffer> | string | null,
  status: number,
  headers: Record<string, string>,
): Response {
  return completeResponse(body, status, { ...COMMON_HEADERS, ...headers });
}

/** Like fastResponse, with headers that already include the common ones (kept with a cached answer). */
export function completeResponse(
  body: Uint8Array<ArrayBuffer> | string | null,
  status: number,
  headers: Record<string, string>,
): Response {
  const res = new Response(body, { status, headers });
  complete.add(res);
  return res;
}

/** True for responses that already carry the common headers. */
export function isComplete(res: Response): boolean {
  return complete.has(res);
}
