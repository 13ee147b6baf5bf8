/**
 * The polite client's manners, asserted on the schedule it keeps under an injected clock (the clock moves only when
 * the client sleeps), never on elapsed time: pace per host, overlap across hosts, backoff and Retry-After, robots
 * rules, same-site redirects, the User-Agent.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLITENESS,
  PoliteHttpClient,
  retryAfterMs,
  userAgent,
  type HttpEvent,
  type PolitenessOptions,
} from '../../functions/adapters/http/polite-http-client.ts';
import { isLoopbackHost, isSameSite, siteOf } from '../../functions/adapters/http/same-site.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import {
  CrossSiteRedirectError,
  HttpNetworkError,
  RobotsDisallowedError,
  TooManyRedirectsError,
  type HttpRequest,
  type HttpResponse,
} from '../../functions/ports/http-client.ts';

type Reply = Partial<HttpResponse> | Error;

/** A transport that answers from a script per URL (last answer repeats) and records what was sent, and when. */
function scripted(script: Record<string, Reply[]>, clock: ReturnType<typeof fixedClock>) {
  const sent: Array<{ url: string; at: number; headers: Record<string, string> }> = [];
  const used = new Map<string, number>();
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push({ url: request.url, at: clock.now().getTime(), headers: { ...request.headers } });
    const answers =
      script[request.url] ?? (request.url.endsWith('/robots.txt') ? [{ status: 404 }] : [{ status: 200 }]);
    const n = used.get(request.url) ?? 0;
    used.set(request.url, n + 1);
    const answer = answers[Math.min(n, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return { status: 200, url: request.url, headers: {}, body: new Uint8Array(), ...answer };
  };
  return { transport, sent };
}

function client(script: Record<string, Reply[]>, options: Partial<PolitenessOptions> = {}) {
  const clock = fixedClock('2026-06-20T08:00:00Z');
  const t0 = clock.now().getTime();
  const sleeps: number[] = [];
  const events: HttpEvent[] = [];
  const { transport, sent } = scripted(script, clock);
  const http = new PoliteHttpClient(
    { ...DEFAULT_POLITENESS, userAgent: userAgent('ops@kommun.example'), ...options },
    {
      transport,
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      onEvent: (e) => events.push(e),
    },
  );
  return { http, sent: () => sent.map((s) => ({ ...s, at: s.at - t0 })), sleeps, events };
}

const get = (url: string): HttpRequest => ({ method: 'GET', url });

describe('pace', () => {
  it('starts requests to one host at least a second apart, robots.txt included', async () => {
    const c = client({});
    for (const path of ['/a', '/b', '/c']) await c.http.fetch(get(`https://diariet.kommun.se${path}`));
    expect(c.sent().map((s) => [new URL(s.url).pathname, s.at])).toEqual([
      ['/robots.txt', 0],
      ['/a', 1000],
      ['/b', 2000],
      ['/c', 3000],
    ]);
  });

  it('does not make one host wait for another, and runs them side by side', async () => {
    const c = client({});
    await Promise.all([c.http.fetch(get('https://a.kommun-a.se/x')), c.http.fetch(get('https://b.kommun-b.se/y'))]);
    const at = Object.fromEntries(c.sent().map((s) => [s.url, s.at]));
    expect(at['https://a.kommun-a.se/x']).toBe(1000);
    expect(at['https://b.kommun-b.se/y']).toBe(1000);
  });

  it('never goes faster than one request a second on a real host, whatever the configuration says', async () => {
    const c = client({}, { minIntervalMs: 10, hostIntervalsMs: { 'diariet.kommun.se': 0 } });
    await c.http.fetch(get('https://diariet.kommun.se/a'));
    await c.http.fetch(get('https://diariet.kommun.se/b'));
    expect(c.sent().map((s) => s.at)).toEqual([0, 1000, 2000]);
    expect(c.http.intervalFor('127.0.0.1:8080')).toBe(10);
    expect(isLoopbackHost('[::1]:80')).toBe(true);
    expect(isLoopbackHost('localhost.kommun.se')).toBe(false);
  });

  it('slows a host to its own pace (Netpublicator: 3 s) and to a robots.txt Crawl-delay', async () => {
    const c = client(
      {
        'https://docs.example.com/robots.txt': [
          { status: 200, body: new TextEncoder().encode('User-agent: *\nCrawl-delay: 5\n') },
        ],
      },
      { hostIntervalsMs: { 'np.example.com': 3000 } },
    );
    await c.http.fetch(get('https://np.example.com/a'));
    await c.http.fetch(get('https://np.example.com/b'));
    await c.http.fetch(get('https://docs.example.com/a'));
    await c.http.fetch(get('https://docs.example.com/b'));
    const hostStarts = (host: string) =>
      c
        .sent()
        .filter((s) => new URL(s.url).host === host)
        .map((s) => s.at);
    const np = hostStarts('np.example.com');
    const docs = hostStarts('docs.example.com');
    expect(np[2]! - np[1]!).toBe(3000);
    expect(docs[2]! - docs[1]!).toBe(5000);
  });

  it('keeps at most `concurrency` requests in flight over all hosts', async () => {
    const clock = fixedClock('2026-06-20T08:00:00Z');
    let inFlight = 0;
    let most = 0;
    const http = new PoliteHttpClient(
      {
        ...DEFAULT_POLITENESS,
        userAgent: 'x',
        concurrency: 2,
        robotsOverrides: Object.fromEntries(['a', 'b', 'c', 'd'].map((h) => [`${h}.se`, 'test'])),
      },
      {
        clock,
        sleep: async (ms) => clock.advance(ms),
        transport: async (r) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          return { status: 200, url: r.url, headers: {}, body: new Uint8Array() };
        },
      },
    );
    await Promise.all(['a', 'b', 'c', 'd'].map((h) => http.fetch(get(`https://${h}.se/`))));
    expect(most).toBe(2);
  });
});

describe('backoff', () => {
  it('retries 503 after 2, 4 and 8 s, then returns the last answer', async () => {
    const c = client({ 'https://x.se/p': [{ status: 503 }] }, { retries: 3 });
    const response = await c.http.fetch(get('https://x.se/p'));
    expect(response.status).toBe(503);
    const starts = c
      .sent()
      .filter((s) => s.url.endsWith('/p'))
      .map((s) => s.at);
    expect(starts).toEqual([1000, 3000, 7000, 15000]);
    expect(c.events.filter((e) => e.type === 'retry').map((e) => (e as { delayMs: number }).delayMs)).toEqual([
      2000, 4000, 8000,
    ]);
  });

  it('honours Retry-After (seconds) on 429 and succeeds', async () => {
    const c = client({ 'https://x.se/p': [{ status: 429, headers: { 'retry-after': '30' } }, { status: 200 }] });
    expect((await c.http.fetch(get('https://x.se/p'))).status).toBe(200);
    const starts = c
      .sent()
      .filter((s) => s.url.endsWith('/p'))
      .map((s) => s.at);
    expect(starts[1]! - starts[0]!).toBe(30_000);
  });

  it('caps a huge Retry-After and reads the HTTP-date form', () => {
    expect(retryAfterMs('Sat, 20 Jun 2026 08:01:00 GMT', Date.parse('2026-06-20T08:00:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('retries when no answer comes, and reports the network error in the end', async () => {
    const c = client({ 'https://x.se/p': [new HttpNetworkError('https://x.se/p', 'ECONNRESET')] }, { retries: 1 });
    await expect(c.http.fetch(get('https://x.se/p'))).rejects.toBeInstanceOf(HttpNetworkError);
    expect(c.sent().filter((s) => s.url.endsWith('/p'))).toHaveLength(2);
  });

  it('does not retry a 500 or a 404 (nothing will change), but retries 403 where the host is known to mean "slow down"', async () => {
    const c = client(
      { 'https://x.se/500': [{ status: 500 }], 'https://np.se/d': [{ status: 403 }, { status: 200 }] },
      { hostRetryStatuses: { 'np.se': [403] } },
    );
    expect((await c.http.fetch(get('https://x.se/500'))).status).toBe(500);
    expect(c.sent().filter((s) => s.url.endsWith('/500'))).toHaveLength(1);
    expect((await c.http.fetch(get('https://np.se/d'))).status).toBe(200);
  });
});

describe('robots rules', () => {
  const robots = (text: string): Reply[] => [{ status: 200, body: new TextEncoder().encode(text) }];

  it('fetches robots.txt once per site and refuses what it disallows, before sending anything there', async () => {
    const c = client({ 'https://k.se/robots.txt': robots('User-agent: *\nDisallow: /download/\n') });
    await c.http.fetch(get('https://k.se/committees'));
    await expect(c.http.fetch(get('https://k.se/download/document?id=1'))).rejects.toBeInstanceOf(
      RobotsDisallowedError,
    );
    expect(c.sent().map((s) => new URL(s.url).pathname)).toEqual(['/robots.txt', '/committees']);
  });

  it('treats an unreachable robots.txt (5xx) as "disallow everything", and a missing one (404) as no rules', async () => {
    const c = client({ 'https://down.se/robots.txt': [{ status: 503 }] }, { retries: 0 });
    await expect(c.http.fetch(get('https://down.se/a'))).rejects.toBeInstanceOf(RobotsDisallowedError);
    await expect(c.http.fetch(get('https://open.se/a'))).resolves.toMatchObject({ status: 200 });
  });

  it('skips robots rules only on a host the operator overrode, with the reason kept', async () => {
    const c = client(
      { 'https://k.se/robots.txt': robots('User-agent: *\nDisallow: /\n') },
      { robotsOverrides: { 'k.se': 'Kommunen har gett tillstånd, e-post 2026-05-01' } },
    );
    await expect(c.http.fetch(get('https://k.se/a'))).resolves.toMatchObject({ status: 200 });
    expect(c.sent().map((s) => new URL(s.url).pathname)).toEqual(['/a']);
    expect(c.http.robotsOverrideReason('k.se')).toContain('tillstånd');
  });
});

describe('redirects', () => {
  it('follows a redirect within the site (http → https, www → another host of the same domain)', async () => {
    const c = client({
      'http://kommun.se/p': [{ status: 301, headers: { location: 'https://www.kommun.se/p' } }],
      'https://www.kommun.se/p': [{ status: 302, headers: { location: '/q' } }],
    });
    const response = await c.http.fetch(get('http://kommun.se/p'));
    expect(response.url).toBe('https://www.kommun.se/q');
    expect(c.events.filter((e) => e.type === 'redirect')).toHaveLength(2);
  });

  it('refuses a redirect to another site or from https down to http', async () => {
    const c = client({
      'https://kommun.se/a': [{ status: 302, headers: { location: 'https://evil.example/a' } }],
      'https://kommun.se/b': [{ status: 302, headers: { location: 'http://kommun.se/b' } }],
    });
    await expect(c.http.fetch(get('https://kommun.se/a'))).rejects.toBeInstanceOf(CrossSiteRedirectError);
    await expect(c.http.fetch(get('https://kommun.se/b'))).rejects.toBeInstanceOf(CrossSiteRedirectError);
    expect(c.sent().map((s) => s.url)).not.toContain('https://evil.example/a');
  });

  it('stops a redirect loop', async () => {
    const c = client({ 'https://kommun.se/loop': [{ status: 302, headers: { location: '/loop' } }] });
    await expect(c.http.fetch(get('https://kommun.se/loop'))).rejects.toBeInstanceOf(TooManyRedirectsError);
  });

  it('knows what one site is', () => {
    expect(siteOf('sammantradesportal.alingsas.se')).toBe('alingsas.se');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(
      isSameSite(new URL('https://www.netpublicator.com/reader/x'), new URL('https://docs.netpublicator.com/api')),
    ).toBe(true);
    expect(isSameSite(new URL('https://a.se/'), new URL('javascript:alert(1)'))).toBe(false);
  });
});

describe('identification', () => {
  it('sends a User-Agent naming Paragraf and the contact on every request, robots.txt included', async () => {
    const c = client({});
    await c.http.fetch(get('https://k.se/a'));
    for (const s of c.sent())
      expect(s.headers['user-agent']).toBe('Paragraf/0.1 (council protocol harvester; contact: ops@kommun.example)');
  });
});
