/**
 * The outbound HTTP port the portal connectors use. The polite adapter (functions/adapters/http/) adds what a
 * careful harvester owes the sites it reads: a User-Agent with a contact, a pace per host, backoff, robots rules and
 * same-site redirects only. Connectors never call `fetch` themselves.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** The URL that answered: the request's, or where same-site redirects led. */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

export interface HttpClient {
  /** Follows same-site redirects; retries what is worth retrying; returns the final response whatever its status. */
  fetch(request: HttpRequest): Promise<HttpResponse>;
}

/** One exchange on the wire, redirects not followed (the adapter decides about them). */
export type HttpTransport = (
  request: HttpRequest,
  limits: { maxBytes: number; timeoutMs: number },
) => Promise<HttpResponse>;

/** Waits `ms` milliseconds. Injected so tests assert the schedule instead of waiting for it. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Every failure to get a usable answer from a URL; `url` names it so a summary can count errors by host. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A final status that is not success (after any retries). */
export class HttpStatusError extends HttpError {
  override name = 'HttpStatusError';
  constructor(
    url: string,
    readonly status: number,
  ) {
    super(url, `HTTP ${status} from ${url}`);
  }
}

/** No answer at all: DNS, connection refused or reset, timeout. */
export class HttpNetworkError extends HttpError {
  override name = 'HttpNetworkError';
}

/** robots.txt or a robots meta tag forbids it, and no operator overrode that for the host. */
export class RobotsDisallowedError extends HttpError {
  override name = 'RobotsDisallowedError';
}

/** A redirect to another site (or to plain http from https): not followed. */
export class CrossSiteRedirectError extends HttpError {
  override name = 'CrossSiteRedirectError';
}

export class TooManyRedirectsError extends HttpError {
  override name = 'TooManyRedirectsError';
}

export class ResponseTooLargeError extends HttpError {
  override name = 'ResponseTooLargeError';
}

/** The host part of a URL for summaries ("errors by host"); "unknown" when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function responseText(response: HttpResponse): string {
  return new TextDecoder().decode(response.body);
}
