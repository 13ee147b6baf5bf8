import { LruCache } from '../read-model/lru-cache.ts';

/**
 * Rendered JSON bodies by ETag. A representation depends only on the data version and the request (the ETag hashes
 * both), so a body rendered once can be sent again until the next publish, exactly as CloudFront does in front of the
 * Lambda — this does the same for `paragraf serve` and for requests that reach the Lambda. Bounded by bytes; large
 * bodies are not kept; a new version's tags never match the old entries, which simply age out.
 */
export interface CachedBody {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

export class ResponseCache {
  readonly #entries: LruCache<string, CachedBody>;
  #bytes = 0;

  constructor(
    readonly maxBytes = 32 * 1024 * 1024,
    readonly maxEntryBytes = 256 * 1024,
  ) {
    this.#entries = new LruCache(Number.MAX_SAFE_INTEGER);
  }

  get(etag: string): CachedBody | undefined {
    return this.maxBytes > 0 ? this.#entries.get(etag) : undefined;
  }

  set(etag: string, entry: CachedBody): void {
    if (entry.body.length > this.maxEntryBytes || this.maxBytes === 0 || this.#entries.get(etag)) return;
    this.#entries.set(etag, entry);
    this.#bytes += entry.body.length;
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#entries.oldest();
      if (oldest === undefined) break;
      this.#bytes -= oldest[1].body.length;
      this.#entries.delete(oldest[0]);
    }
  }
}
