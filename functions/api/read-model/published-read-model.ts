import type { BlobStore } from '../../ports/blob-store.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { MANIFEST_PATH, publicKey } from '../../published/paths.ts';
import { UnavailableError } from '../errors.ts';
import { stopBackground } from '../../published/read-model/lazy-index.ts';
import { loadPublished } from '../../published/read-model/load-published.ts';
import { PublishedSnapshot } from './published-snapshot.ts';
import { composeSegments } from './segments.ts';
import type { ReadModel } from './read-model.ts';

export interface PublishedReadModelOptions {
  clock?: Clock;
  /** Look at the manifest at most this often (ms). A request never waits for a look or a reload. */
  checkEveryMs?: number;
  /** Told about a failed look or reload (the previous version keeps being served). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_CHECK_EVERY_MS = 5000;

/**
 * The read model over the published files. The first request waits for the first load; later ones get the current
 * snapshot at once, and at most every few seconds one of them starts a background check of the manifest's etag. When it
 * changed, the new version is opened beside the old one and swapped in once its hot parts are in; its other parts
 * follow in the background (a request that needs one waits for it: lazy-index.ts), so readers never see a half-loaded
 * version and the instance never holds two whole indexes. Only one check or load runs at a time.
 */
export class PublishedReadModel implements ReadModel {
  readonly #store: BlobStore;
  readonly #clock: Clock;
  readonly #every: number;
  readonly #onError: (error: unknown) => void;
  #current: PublishedSnapshot | null = null;
  #currentEtag: string | undefined;
  #first: Promise<PublishedSnapshot> | null = null;
  #busy: Promise<boolean> | null = null;
  #checkedAt = 0;
  /** The loaded segments of the current version: a publish that adds a delta reads only the delta. */
  readonly #segments = new Map<string, ParagraphIndex>();

  constructor(store: BlobStore, options: PublishedReadModelOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#every = options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS;
    this.#onError = options.onError ?? (() => undefined);
  }

  async snapshot(): Promise<PublishedSnapshot> {
    return this.current() ?? this.#firstLoad();
  }

  current(): PublishedSnapshot | undefined {
    if (this.#current === null) return undefined;
    if (this.#clock.now().getTime() - this.#checkedAt >= this.#every && this.#busy === null) {
      void this.refresh().catch(this.#onError);
    }
    return this.#current;
  }

  /** Checks the manifest now and loads a new version if it changed; resolves to whether it did. */
  refresh(): Promise<boolean> {
    this.#busy ??= this.#check().finally(() => (this.#busy = null));
    return this.#busy;
  }

  async #check(): Promise<boolean> {
    this.#checkedAt = this.#clock.now().getTime();
    const head = await this.#store.head(publicKey(MANIFEST_PATH));
    const etag = head ? `${head.etag ?? ''}|${head.size}|${head.lastModified?.getTime() ?? ''}` : undefined;
    if (this.#current !== null && etag === this.#currentEtag) return false;
    const before = [this.#current?.index, ...this.#segments.values()];
    const { manifest, index } = await loadPublished(this.#store, {
      compose: composeSegments,
      known: this.#segments,
      onError: this.#onError,
    });
    if (
      this.#current !== null &&
      manifest?.sequence === this.#current.manifest?.sequence &&
      manifest?.publishedAt === this.#current.manifest?.publishedAt
    ) {
      this.#currentEtag = etag;
      return false;
    }
    // The old version's parts stop arriving (its own, or those of the segments it was composed from); it is collected
    // once the requests still using it are answered. Not those the new version still uses: segments kept for it.
    const kept = new Set<ParagraphIndex>([index, ...this.#segments.values()]);
    for (const old of before) if (old && !kept.has(old)) stopBackground(old);
    this.#current = new PublishedSnapshot(this.#store, manifest, index);
    this.#currentEtag = etag;
    return true;
  }

  #firstLoad(): Promise<PublishedSnapshot> {
    this.#first ??= this.refresh()
      .then(() => {
        // Not kept: a promise resolved with the first version would keep it from being collected after a swap.
        this.#first = null;
        return this.#current!;
      })
      .catch((error: unknown) => {
        this.#first = null; // the next request tries again
        throw new UnavailableError('the published data could not be read', { cause: error });
      });
    return this.#first;
  }
}
