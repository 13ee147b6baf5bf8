import { isFreshRequest, validatorHeaders } from './conditional.ts';
import { fastResponse } from './fast-response.ts';

/**
 * Rendered JSON answers by request. A representation depends only on the data version and the request (the ETag
 * hashes both), so an answer rendered once can be sent again until the next publish, exactly as CloudFront does in
 * front of the Lambda — this does the same for `paragraf serve` and for requests that reach the Lambda. Entries are
 * found by the request itself (requestKey), before it is routed and its parameters are read again: a URL that was
 * answered once is valid, and its answer is the same, for as long as the data version is (createApp). Bounded by bytes; large bodies are not
 * kept; a new version's requests never match the old entries, which simply age out.
 */
export interface CachedBody {
  /** The data version it was rendered from: an entry of another version is never sent. */
  version: string;
  etag: string;
  cacheControl: string;
  lastModified?: Date;
  body: Uint8Array<ArrayBuffer>;
  /** Every header of the 200 answer, the common ones included, in the order they are sent. */
  headers: Record<string, string>;
}

/**
 * What a JSON answer can depend on besides the data version: the URL (origin, path, query; without a fixed base URL
 * links are built from the request's own address, so a body built for a forged Host is never sent to anyone else,
 * issue 14) and Accept, which picks the format.
 */
export function requestKey(request: Request): string {
  const accept = request.headers.get('Accept');
  return `${accept === null || ANY_JSON.has(accept) ? '' : accept}\n${request.url}`;
}

/**
 * Accept values every route answers with JSON (routes/respond.ts negotiate; a test holds it to that): one entry serves
 * curl, fetch and clients that send none.
 */
export const ANY_JSON: ReadonlySet<string> = new Set(['', '*/*', 'application/json']);

/**
 * The answer rendered before for this very request in this data version, or a 304 when the client has it; null when
 * none is kept. Needs no routing, no parameter parsing, no ETag computation and no promise: what a repeated request
 * costs (createApp asks before routing).
 */
export function cachedResponse(request: Request, cache: ResponseCache, version: string): Response | null {
  const hit = cache.get(requestKey(request), version);
  if (!hit) return null;
  if (isFreshRequest(request, hit)) return fastResponse(null, 304, validatorHeaders(hit));
  // Not marked complete (a WeakSet entry per answer costs the garbage collector): before routing nothing would look,
  // and after it (a HEAD) setting the common headers again changes nothing.
  return new Response(hit.body, { status: 200, headers: hit.headers });
}

/**
 * Bounded by bytes, evicting in least-recently-used order approximately (the "second chance" clock): a hit only marks
 * its entry, so the hot path changes nothing in the map; eviction takes the oldest entry, or, when it was used since
 * it was last looked at, moves it to the young end and looks at the next.
 */
export class ResponseCache {
  readonly #entries = new Map<string, { entry: CachedBody; used: boolean }>();
  #bytes = 0;

  constructor(
    readonly maxBytes = 32 * 1024 * 1024,
    readonly maxEntryBytes = 256 * 1024,
  ) {}

  /** The answer kept for this request in this data version. */
  get(key: string, version: string): CachedBody | undefined {
    const slot = this.#entries.get(key);
    if (slot?.entry.version !== version) return undefined;
    slot.used = true;
    return slot.entry;
  }

  set(key: string, entry: CachedBody): void {
    if (entry.body.length > this.maxEntryBytes || this.maxBytes === 0) return;
    const previous = this.#entries.get(key);
    if (previous?.entry.version === entry.version) return;
    if (previous) this.#drop(key, previous.entry);
    this.#entries.set(key, { entry, used: false });
    this.#bytes += entry.body.length;
    while (this.#bytes > this.maxBytes) {
      const [oldKey, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(oldKey);
      if (oldest.used) {
        oldest.used = false;
        this.#entries.set(oldKey, oldest);
      } else this.#bytes -= oldest.entry.body.length;
    }
  }

  #drop(key: string, entry: CachedBody): void {
    this.#bytes -= entry.body.length;
    this.#entries.delete(key);
  }
}
