/**
 * Failed sign-ins with the local key, counted per client address in memory: the first few failures cost nothing
 * (a typo), then every further failure doubles the wait before the next attempt from that address (1 s, 2 s, 4 s …
 * up to 15 minutes). A success clears the address. Time comes from the caller (the app's clock), so tests step it.
 * Memory is bounded: the oldest addresses are forgotten first, and an address that stayed quiet for an hour starts
 * over. Behind a proxy every client has the proxy's address, so the throttle then applies to all of them together.
 */
export interface ThrottleOptions {
  /** Failures allowed before any wait. Default 5. */
  freeFailures?: number;
  /** The longest wait, in seconds. Default 900. */
  maxWaitSeconds?: number;
  /** Addresses remembered at most. Default 10 000. */
  maxEntries?: number;
  /** Quiet time after which an address starts over, in seconds. Default 3600. */
  forgetAfterSeconds?: number;
}

interface Entry {
  failures: number;
  lastFailureMs: number;
  lockedUntilMs: number;
}

export class SignInThrottle {
  readonly #entries = new Map<string, Entry>();
  readonly #free: number;
  readonly #maxWaitMs: number;
  readonly #maxEntries: number;
  readonly #forgetMs: number;

  constructor(options: ThrottleOptions = {}) {
    this.#free = options.freeFailures ?? 5;
    this.#maxWaitMs = (options.maxWaitSeconds ?? 900) * 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#forgetMs = (options.forgetAfterSeconds ?? 3600) * 1000;
  }

  /** Whole seconds this address must still wait before its next attempt; 0 when it may try now. */
  waitSeconds(address: string, nowMs: number): number {
    const entry = this.#current(address, nowMs);
    return entry === undefined ? 0 : Math.max(0, Math.ceil((entry.lockedUntilMs - nowMs) / 1000));
  }

  failed(address: string, nowMs: number): void {
    const entry = this.#current(address, nowMs) ?? { failures: 0, lastFailureMs: nowMs, lockedUntilMs: 0 };
    entry.failures += 1;
    entry.lastFailureMs = nowMs;
    const over = entry.failures - this.#free;
    if (over > 0) entry.lockedUntilMs = nowMs + Math.min(this.#maxWaitMs, 1000 * 2 ** Math.min(over - 1, 30));
    // Re-inserted, so the map's order is the order of last failure and the first key is the quietest address.
    this.#entries.delete(address);
    this.#entries.set(address, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  succeeded(address: string): void {
    this.#entries.delete(address);
  }

  /** How many addresses are remembered (for tests of the bound). */
  get size(): number {
    return this.#entries.size;
  }

  #current(address: string, nowMs: number): Entry | undefined {
    const entry = this.#entries.get(address);
    if (entry === undefined) return undefined;
    if (nowMs - entry.lastFailureMs >= this.#forgetMs && nowMs >= entry.lockedUntilMs) {
      this.#entries.delete(address);
      return undefined;
    }
    return entry;
  }
}
