import { parseRobotsTxt, robotsAllows, robotsCrawlDelay, type RobotsTxt } from '../../core/harvest/robots-txt.ts';
import { HttpError, RobotsDisallowedError, type HttpResponse } from '../../ports/http-client.ts';

type Verdict =
  | { kind: 'rules'; robots: RobotsTxt }
  | { kind: 'allow-all'; why: string }
  | { kind: 'disallow-all'; why: string };

export interface RobotsGateOptions {
  /** Our product token in robots.txt ("paragraf"). */
  token: string;
  /** Host → the operator's recorded reason for not applying robots rules there. */
  overrides: Readonly<Record<string, string>>;
  /** Fetches `<origin>/robots.txt` through the paced client (without asking the gate). */
  fetchRobots: (url: string) => Promise<HttpResponse>;
  /** A crawl-delay in the file slows the host down to it. */
  onCrawlDelay: (host: string, ms: number) => void;
}

/**
 * robots.txt per origin, fetched once per run (RFC 9309 §2.3.1): 2xx → its rules; 4xx → no rules (allowed); 5xx or
 * no answer → everything disallowed until the next run. A host the operator overrode (with a reason, recorded in the
 * harvest summary) is not asked at all.
 */
export class RobotsGate {
  private readonly verdicts = new Map<string, Promise<Verdict>>();

  constructor(private readonly options: RobotsGateOptions) {}

  overrideReason(host: string): string | undefined {
    return this.options.overrides[host];
  }

  /** Throws RobotsDisallowedError unless `url` may be fetched. */
  async check(url: URL): Promise<void> {
    if (this.overrideReason(url.host) !== undefined || url.pathname === '/robots.txt') return;
    const verdict = await this.verdictFor(url);
    if (verdict.kind === 'allow-all') return;
    if (verdict.kind === 'disallow-all') {
      throw new RobotsDisallowedError(
        url.href,
        `robots.txt of ${url.host} could not be read (${verdict.why}): nothing there is fetched this run`,
      );
    }
    if (!robotsAllows(verdict.robots, this.options.token, `${url.pathname}${url.search}`)) {
      throw new RobotsDisallowedError(url.href, `robots.txt of ${url.host} disallows ${url.pathname}${url.search}`);
    }
  }

  private verdictFor(url: URL): Promise<Verdict> {
    const origin = url.origin;
    let verdict = this.verdicts.get(origin);
    if (verdict === undefined) {
      verdict = this.load(url);
      this.verdicts.set(origin, verdict);
    }
    return verdict;
  }

  private async load(url: URL): Promise<Verdict> {
    let response: HttpResponse;
    try {
      response = await this.options.fetchRobots(`${url.origin}/robots.txt`);
    } catch (error) {
      if (error instanceof HttpError && error.name === 'CrossSiteRedirectError')
        return { kind: 'allow-all', why: 'redirected away' };
      return { kind: 'disallow-all', why: error instanceof Error ? error.message : String(error) };
    }
    if (response.status >= 500) return { kind: 'disallow-all', why: `HTTP ${response.status}` };
    if (response.status >= 400) return { kind: 'allow-all', why: `HTTP ${response.status}` };
    if (response.status >= 300) return { kind: 'allow-all', why: `HTTP ${response.status} without a usable redirect` };
    const robots = parseRobotsTxt(new TextDecoder().decode(response.body));
    const delay = robotsCrawlDelay(robots, this.options.token);
    if (delay !== undefined) this.options.onCrawlDelay(url.host, Math.min(delay, 60) * 1000);
    return { kind: 'rules', robots };
  }
}
