import type { Clock } from '../../ports/clock.ts';
import {
  CrossSiteRedirectError,
  HttpError,
  HttpNetworkError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type Sleep,
  TooManyRedirectsError,
} from '../../ports/http-client.ts';
import { HostQueue } from './host-queue.ts';
import { RobotsGate } from './robots-gate.ts';
import { isLoopbackHost, isSameSite } from './same-site.ts';

/** What a careful harvester owes a municipality's server (PORTALS.md, "Etiquette"). Defaults in DEFAULT_POLITENESS. */
export interface PolitenessOptions {
  /** The whole User-Agent header, naming Paragraf and a contact (see userAgent()). */
  userAgent: string;
  /** The product token looked up in robots.txt. */
  robotsToken: string;
  /** Least time between the starts of two requests to one host. Below 1000 ms only for loopback hosts (tests). */
  minIntervalMs: number;
  /** The pace of particular hosts instead of minIntervalMs (a system that answers 403 when asked too often). */
  hostIntervalsMs: Readonly<Record<string, number>>;
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  /** Further attempts after a 429/5xx or no answer. */
  retries: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** Statuses worth another try besides 429, 502, 503, 504, per host (e.g. a temporary 403). */
  hostRetryStatuses: Readonly<Record<string, readonly number[]>>;
  /** Host → the operator's recorded reason to not apply robots rules there. */
  robotsOverrides: Readonly<Record<string, string>>;
  maxRedirects: number;
  maxBytes: number;
  timeoutMs: number;
}

export const MIN_INTERVAL_FLOOR_MS = 1000;

export const DEFAULT_POLITENESS: Omit<PolitenessOptions, 'userAgent'> = {
  robotsToken: 'paragraf',
  minIntervalMs: 1000,
  hostIntervalsMs: {},
  concurrency: 3,
  retries: 4,
  backoffBaseMs: 2000,
  maxBackoffMs: 120_000,
  hostRetryStatuses: {},
  robotsOverrides: {},
  maxRedirects: 5,
  maxBytes: 52_428_800,
  timeoutMs: 60_000,
};

const RETRY_STATUSES = [429, 502, 503, 504];

/** "Paragraf/0.1 (council protocol harvester; contact: registrator@kommun.se)". */
export function userAgent(contact: string, version = '0.1'): string {
  return `Paragraf/${version} (council protocol harvester; contact: ${contact})`;
}

/** What the client did, for logs and for tests that assert the schedule. `at` is the injected clock's time in ms. */
export type HttpEvent =
  | { type: 'request'; method: string; url: string; at: number }
  | { type: 'response'; url: string; status: number; at: number }
  | { type: 'retry'; url: string; reason: string; delayMs: number; attempt: number }
  | { type: 'redirect'; from: string; to: string };

export interface PoliteHttpDeps {
  transport: HttpTransport;
  clock: Clock;
  sleep: Sleep;
  onEvent?: (event: HttpEvent) => void;
}

/** The HttpClient port for harvesting: paced per host, retried with backoff, robots-checked, same-site redirects. */
export class PoliteHttpClient implements HttpClient {
  private readonly queue: HostQueue;
  private readonly robots: RobotsGate;
  private readonly crawlDelays = new Map<string, number>();

  constructor(
    private readonly options: PolitenessOptions,
    private readonly deps: PoliteHttpDeps,
  ) {
    this.queue = new HostQueue(deps.clock, deps.sleep, Math.max(1, options.concurrency), (host) =>
      this.intervalFor(host),
    );
    this.robots = new RobotsGate({
      token: options.robotsToken,
      overrides: options.robotsOverrides,
      fetchRobots: (url) => this.follow({ method: 'GET', url }, false),
      onCrawlDelay: (host, ms) => this.crawlDelays.set(host, ms),
    });
  }

  /**
   * The pace for `host`: its own setting or the default, slowed by a robots crawl-delay; never under 1 s except on
   * loopback (where only a test's fake portal lives).
   */
  intervalFor(host: string): number {
    const configured = Math.max(
      this.options.hostIntervalsMs[host] ?? this.options.minIntervalMs,
      this.crawlDelays.get(host) ?? 0,
    );
    return isLoopbackHost(host) ? configured : Math.max(configured, MIN_INTERVAL_FLOOR_MS);
  }

  robotsOverrideReason(host: string): string | undefined {
    return this.robots.overrideReason(host);
  }

  fetch(request: HttpRequest): Promise<HttpResponse> {
    return this.follow(request, true);
  }

  private async follow(request: HttpRequest, checkRobots: boolean): Promise<HttpResponse> {
    let current = request;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      const url = parseUrl(current.url);
      if (checkRobots) await this.robots.check(url);
      const response = await this.send(current);
      const location = response.headers['location'];
      if (!isRedirect(response.status) || location === undefined) return response;
      const next = parseUrl(new URL(location, url).href);
      if (!isSameSite(url, next)) {
        throw new CrossSiteRedirectError(
          current.url,
          `${current.url} redirects to another site (${next.host}); not followed`,
        );
      }
      this.deps.onEvent?.({ type: 'redirect', from: current.url, to: next.href });
      const keepsMethod = response.status === 307 || response.status === 308;
      current = keepsMethod
        ? { ...current, url: next.href }
        : { method: 'GET', url: next.href, ...(current.headers ? { headers: current.headers } : {}) };
    }
    throw new TooManyRedirectsError(
      request.url,
      `more than ${this.options.maxRedirects} redirects from ${request.url}`,
    );
  }

  /** One request with retries; each attempt waits its turn at the host. */
  private async send(request: HttpRequest): Promise<HttpResponse> {
    const host = parseUrl(request.url).host;
    const headers = { ...request.headers, 'user-agent': this.options.userAgent };
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.queue.run(host, async (at): Promise<Attempt> => {
        this.deps.onEvent?.({ type: 'request', method: request.method, url: request.url, at });
        try {
          const response = await this.deps.transport(
            { ...request, headers },
            { maxBytes: this.options.maxBytes, timeoutMs: this.options.timeoutMs },
          );
          this.deps.onEvent?.({
            type: 'response',
            url: request.url,
            status: response.status,
            at: this.deps.clock.now().getTime(),
          });
          return { response };
        } catch (error) {
          if (error instanceof HttpNetworkError) return { error };
          throw error;
        }
      });
      const reason = 'error' in outcome ? outcome.error.message : this.retryReason(host, outcome.response);
      if (reason === undefined && 'response' in outcome) return outcome.response;
      if (attempt >= this.options.retries) {
        if ('error' in outcome) throw outcome.error;
        return outcome.response;
      }
      const delayMs = this.backoff(attempt, 'response' in outcome ? outcome.response : undefined);
      this.deps.onEvent?.({
        type: 'retry',
        url: request.url,
        reason: reason ?? 'retry',
        delayMs,
        attempt: attempt + 1,
      });
      this.queue.deferHost(host, delayMs);
    }
  }

  private retryReason(host: string, response: HttpResponse): string | undefined {
    const statuses = [...RETRY_STATUSES, ...(this.options.hostRetryStatuses[host] ?? [])];
    return statuses.includes(response.status) ? `HTTP ${response.status}` : undefined;
  }

  /** Retry-After when the server gives one (seconds or a date), else base·2^attempt; capped either way. */
  private backoff(attempt: number, response: HttpResponse | undefined): number {
    const exponential = this.options.backoffBaseMs * 2 ** attempt;
    const retryAfter =
      response === undefined
        ? undefined
        : retryAfterMs(response.headers['retry-after'], this.deps.clock.now().getTime());
    return Math.min(this.options.maxBackoffMs, Math.max(retryAfter ?? 0, exponential));
  }
}

type Attempt = { response: HttpResponse } | { error: HttpNetworkError };

export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new HttpError(value, `not a URL: ${value}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HttpError(value, `only http(s) URLs are fetched: ${value}`);
  return url;
}
