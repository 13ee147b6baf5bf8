import {
  HttpNetworkError,
  ResponseTooLargeError,
  type HttpResponse,
  type HttpTransport,
} from '../../ports/http-client.ts';

/**
 * One HTTP exchange with Node's fetch: redirects are returned, not followed (the polite client checks each target),
 * the body is read up to a byte limit and the request is abandoned after a timeout (a safety net against a hanging
 * server; nothing is timed by it).
 */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): HttpTransport {
  return async (request, limits) => {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: { ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
    } catch (error) {
      throw new HttpNetworkError(request.url, `no answer from ${request.url}: ${reason(error)}`, { cause: error });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const body = await readLimited(request.url, response, limits.maxBytes);
    return { status: response.status, url: request.url, headers, body } satisfies HttpResponse;
  };
}

async function readLimited(url: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(url, `${url} is ${declared} bytes, over the limit of ${maxBytes}`);
  }
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(url, `${url} sent more than the limit of ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ResponseTooLargeError) throw error;
    throw new HttpNetworkError(url, `reading ${url} failed: ${reason(error)}`, { cause: error });
  }
  // A fresh, unshared buffer: Buffer.concat may hand out a slice of Node's pool, which a PDF reader must not detach.
  return new Uint8Array(Buffer.concat(chunks, total));
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
