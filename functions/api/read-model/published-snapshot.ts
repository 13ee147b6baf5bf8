import { invalidKeyReason, type BlobStore } from '../../ports/blob-store.ts';
import { formatOfPath } from '../../core/render/formats/media-types.ts';
import type { MeetingDocument } from '../../core/render/records.ts';
import { readChangesSince } from '../../published/change-feed.ts';
import type { ChangeEvent, PublicManifest } from '../../published/manifest.ts';
import { concatenateParts, isConcatenable, mediaTypeOf, partitionParts } from '../../published/partitions.ts';
import { isImmutablePath, publicKey } from '../../published/paths.ts';
import { readMeetingDocument } from '../../published/public-store.ts';
import { PARTITION_FILES } from '../../published/unit-files.ts';
import { buildListing, unitsOf } from './datasets.ts';
import { whenIn } from '../../published/read-model/lazy-index.ts';
import { LruCache } from './lru-cache.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import type { ChangesSince, DataVersion, DatasetListing, FileBody, PublicFile, Snapshot } from './read-model.ts';

const MEETING_CACHE = 256;

/** One published version, read from the store: the index in memory, meeting files and the change feed on demand. */
export class PublishedSnapshot implements Snapshot {
  readonly version: DataVersion;
  readonly #meetings = new LruCache<number, Promise<MeetingDocument | null>>(MEETING_CACHE);
  readonly #overviews = new LruCache<string, DatasetListing | null>(4);

  constructor(
    readonly store: BlobStore,
    readonly manifest: PublicManifest | null,
    readonly index: ParagraphIndex,
  ) {
    this.version = versionOf(manifest);
  }

  meetingDocument(m: number): Promise<MeetingDocument | null> {
    let doc = this.#meetings.get(m);
    if (!doc) {
      // Also inside streamed bodies (CSV of many §), which cannot be answered afresh: waits for the paths if need be.
      doc = whenIn(() => this.index.parts.meetings.file[m]).then((path) =>
        path ? readMeetingDocument(this.store, path) : null,
      );
      // A failed read is not cached: the next request tries again.
      doc.catch(() => this.#meetings.delete(m));
      this.#meetings.set(m, doc);
    }
    return doc;
  }

  async changes(since: ChangesSince, limit: number): Promise<ChangeEvent[]> {
    if (!this.manifest) return [];
    return readChangesSince(this.store, this.manifest.changes, since, limit);
  }

  async datasets(siteUrl: string, partition?: string): Promise<DatasetListing | null> {
    if (partition !== undefined) return buildListing(siteUrl, this.manifest, this.index.parts.units, partition);
    // The overview is the same for every request of this version (the home page shows it): built once per site URL.
    let overview = this.#overviews.get(siteUrl);
    if (!overview) {
      overview = buildListing(siteUrl, this.manifest, this.index.parts.units);
      this.#overviews.set(siteUrl, overview);
    }
    return overview;
  }

  async partitionFile(partition: string, name: string): Promise<FileBody | null> {
    if (!PARTITION_FILES.includes(name) || !isConcatenable(name)) return null;
    const units = unitsOf(this.index.parts.units, partition);
    if (units === null || units.length === 0) return null;
    const { parts, bytes } = partitionParts(units, name);
    if (parts.length === 0) return null;
    return { body: concatenateParts(this.store, parts, name), bytes, mediaType: mediaTypeOf(name), immutable: false };
  }

  async publicFile(path: string): Promise<PublicFile | null> {
    const key = publicKey(path);
    // Only keys the port accepts (no "..", no absolute paths, no empty segments), and always under public/.
    if (invalidKeyReason(key) !== null) return null;
    const meta = await this.store.head(key);
    if (meta === null) return null;
    return {
      open: () => this.store.getStream(key),
      bytes: meta.size,
      // Paragraf's own formats by the registry, whatever a store guessed from the extension (the filesystem adapter).
      mediaType: formatOfPath(path)?.contentType ?? meta.contentType ?? 'application/octet-stream',
      ...(meta.etag ? { etag: meta.etag.startsWith('"') ? meta.etag : `"${meta.etag}"` } : {}),
      ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
      immutable: isImmutablePath(path),
    };
  }
}

export function versionOf(manifest: PublicManifest | null): DataVersion {
  if (manifest === null) return { tag: 'v0', sequence: 0, lastSeq: 0 };
  return {
    tag: `v${manifest.sequence}.${Date.parse(manifest.publishedAt).toString(36)}`,
    sequence: manifest.sequence,
    publishedAt: manifest.publishedAt,
    snapshot: manifest.snapshot,
    baseUrl: manifest.baseUrl,
    lastSeq: manifest.changes.lastSeq,
  };
}
