import type { MeetingDocument } from '../../core/render/records.ts';
import type { FeedPosition } from '../../published/change-feed.ts';
import type { ChangeEvent, FileEntry } from '../../published/manifest.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';

/**
 * What the routes and pages read. A `Snapshot` is one published version: the routes take one per request, so a
 * request never mixes two versions even while a newer one is being loaded.
 */
export interface ReadModel {
  snapshot(): Promise<Snapshot>;
  /**
   * The snapshot `snapshot()` would give, when it can be had without waiting (undefined before the first load): lets
   * a request answered from the response cache be answered synchronously, without a promise on the way.
   */
  current?(): Snapshot | undefined;
}

export interface DataVersion {
  /** Changes with every publish; part of every ETag. */
  tag: string;
  /** The manifest's sequence (0 before the first publish). */
  sequence: number;
  publishedAt?: string;
  /** The dated snapshot of this version, e.g. "2026-11-27". */
  snapshot?: string;
  /** The site URL the published permalinks use. */
  baseUrl?: string;
  /** Sequence number of the last change-feed event (0 = none). */
  lastSeq: number;
}

/** A file (or a streamed concatenation of files) to send. */
export interface FileBody {
  body: AsyncIterable<Uint8Array>;
  bytes?: number;
  mediaType: string;
  /** A strong validator when the store has one (content hash). */
  etag?: string;
  lastModified?: Date;
  /** Content-addressed: may be cached forever. */
  immutable: boolean;
}

export interface PublicFile extends Omit<FileBody, 'body'> {
  open(): Promise<AsyncIterable<Uint8Array> | null>;
}

/** One downloadable file in /v1/datasets. */
export interface DatasetFile {
  name: string;
  /** Absolute URL to download it from. */
  url: string;
  bytes: number;
  mediaType: string;
  /** Lower-case hex SHA-256; absent for a concatenation served on the fly (its parts have one each). */
  sha256?: string;
  /** For a concatenation: the files it is made of, in order. */
  parts?: Array<{ url: string; bytes: number; sha256: string }>;
}

export interface DatasetPartition {
  /** all, year/<y>, municipality/<m>, body/<m>/<b>, unit/<m>/<b>/<y> */
  id: string;
  title: string;
  units: number;
  paragraphs: number;
  files: DatasetFile[];
}

export interface DatasetListing {
  snapshot?: string;
  publishedAt?: string;
  license?: string;
  /** Package-level files: datapackage.json, catalog.rdf, the change-feed index, the manifest. */
  metadata: DatasetFile[];
  /** The materialised whole archive, with checksums, as of its own snapshot (may be older than the current one). */
  dump?: { snapshot: string; publishedAt: string; files: DatasetFile[] };
  partitions: DatasetPartition[];
}

/** Where a change-feed request starts (the published feed's own notion of a position). */
export type ChangesSince = FeedPosition;

export interface Snapshot {
  readonly version: DataVersion;
  readonly index: ParagraphIndex;
  /** The published meeting file (meeting + its publishable §), or null. */
  meetingDocument(meetingIndex: number): Promise<MeetingDocument | null>;
  changes(since: ChangesSince, limit: number): Promise<ChangeEvent[]>;
  /** The partitions to list; `partition` narrows to one (null when it does not exist). */
  datasets(siteUrl: string, partition?: string): Promise<DatasetListing | null>;
  /** One file of a partition, concatenated from its unit parts as it streams. */
  partitionFile(partition: string, name: string): Promise<FileBody | null>;
  /** A file under public/ by its path there (what /datasets/<path> serves); opened only when sent. */
  publicFile(path: string): Promise<PublicFile | null>;
}

export type { ChangeEvent, FileEntry };
