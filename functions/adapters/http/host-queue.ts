import type { Clock } from '../../ports/clock.ts';
import type { Sleep } from '../../ports/http-client.ts';

/**
 * Pacing: requests to one host run one after the other, each starting at least `interval(host)` after the previous
 * one started and never before a backoff the host asked for has passed; across hosts at most `concurrency` run at
 * once. Time comes from the injected clock and waiting from the injected sleep, so a test sees the exact schedule.
 */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly concurrency: number,
    private readonly interval: (host: string) => number,
  ) {}

  /** Runs `task` for `host` in its turn. `task` gets the start time; whatever it throws is passed on. */
  run<T>(host: string, task: (startedAt: number) => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    const result = previous.then(() => this.inTurn(host, task));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(host, tail);
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }

  /** The host asked us to wait (429/503, Retry-After, crawl-delay): nothing starts there before `now + ms`. */
  deferHost(host: string, ms: number): void {
    const until = this.now() + ms;
    this.notBefore.set(host, Math.max(this.notBefore.get(host) ?? 0, until));
  }

  private async inTurn<T>(host: string, task: (startedAt: number) => Promise<T>): Promise<T> {
    const last = this.lastStart.get(host);
    const earliest = Math.max(last === undefined ? 0 : last + this.interval(host), this.notBefore.get(host) ?? 0);
    const wait = earliest - this.now();
    if (wait > 0) await this.sleep(wait);
    await this.acquire();
    try {
      const startedAt = this.now();
      this.lastStart.set(host, startedAt);
      return await task(startedAt);
    } finally {
      this.release();
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
