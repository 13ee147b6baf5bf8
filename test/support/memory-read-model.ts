import { slugify } from '../../functions/core/records/ids.ts';
import type { Meeting, Paragraph } from '../../functions/core/records/types.ts';
import { meetingDocument, paragraphRecord, type MeetingDocument } from '../../functions/core/render/records.ts';
import { isAfter } from '../../functions/published/change-feed.ts';
import type { ChangeEvent } from '../../functions/published/manifest.ts';
import { IndexBuilder } from '../../functions/published/read-model/index-builder.ts';
import type { ParagraphIndex } from '../../functions/published/read-model/paragraph-index.ts';
import type {
  ChangesSince,
  DataVersion,
  DatasetListing,
  FileBody,
  PublicFile,
  ReadModel,
  Snapshot,
} from '../../functions/api/read-model/read-model.ts';
import type { UnitInfo } from '../../functions/api/read-model/types.ts';

export interface MemoryMeeting {
  meeting: Meeting;
  paragraphs: readonly Paragraph[];
}

export interface MemoryReadModelOptions {
  /** The site URL the permalinks use (as a publish would have written them). */
  baseUrl?: string;
  changes?: ChangeEvent[];
  sequence?: number;
  publishedAt?: string;
}

/**
 * A read model held entirely in memory, built from meeting records with the same index builder and the same
 * renderers as the published one, without a store or a publisher. For route and page tests; it has no files.
 */
export class MemoryReadModel implements ReadModel {
  readonly #snapshot: MemorySnapshot;

  constructor(meetings: readonly MemoryMeeting[], options: MemoryReadModelOptions = {}) {
    this.#snapshot = new MemorySnapshot(meetings, options);
  }

  async snapshot(): Promise<Snapshot> {
    return this.#snapshot;
  }

  current(): Snapshot {
    return this.#snapshot;
  }
}

class MemorySnapshot implements Snapshot {
  readonly version: DataVersion;
  readonly index: ParagraphIndex;
  readonly #documents: MeetingDocument[];
  readonly #changes: ChangeEvent[];

  constructor(meetings: readonly MemoryMeeting[], options: MemoryReadModelOptions) {
    const baseUrl = options.baseUrl ?? 'http://localhost:3000';
    const sequence = options.sequence ?? 1;
    const publishedAt = options.publishedAt ?? '2026-01-01T00:00:00.000Z';
    this.#changes = options.changes ?? [];
    const lastSeq = this.#changes.reduce((n, e) => Math.max(n, e.seq), 0);
    this.version = { tag: `m${sequence}`, sequence, publishedAt, snapshot: publishedAt.slice(0, 10), baseUrl, lastSeq };
    const builder = new IndexBuilder();
    const units = new Map<string, number>();
    const byId = new Map<string, MeetingDocument>();
    for (const { meeting, paragraphs } of meetings) {
      const info = unitOf(meeting, publishedAt);
      const key = `${info.municipality}/${info.body}/${info.year}`;
      let u = units.get(key);
      if (u === undefined) {
        u = builder.addUnit(info);
        units.set(key, u);
      }
      builder.addMeeting(u, meeting.id, meeting.body);
      for (const p of paragraphs) builder.addParagraph(u, paragraphRecord(meeting, p, { baseUrl }));
      byId.set(meeting.id, meetingDocument(meeting, paragraphs, { baseUrl }));
    }
    this.index = builder.finish();
    this.#documents = this.index.parts.meetings.ids.map((id) => byId.get(id)!);
  }

  async meetingDocument(m: number): Promise<MeetingDocument | null> {
    return this.#documents[m] ?? null;
  }

  async changes(since: ChangesSince, limit: number): Promise<ChangeEvent[]> {
    return this.#changes.filter((e) => isAfter(since, e)).slice(0, limit);
  }

  async datasets(): Promise<DatasetListing | null> {
    return { metadata: [], partitions: [] };
  }

  async partitionFile(): Promise<FileBody | null> {
    return null;
  }

  async publicFile(): Promise<PublicFile | null> {
    return null;
  }
}

function unitOf(meeting: Meeting, modified: string): UnitInfo {
  const municipality = slugify(meeting.municipality);
  const body = slugify(meeting.body);
  const year = Number(meeting.date.slice(0, 4));
  return {
    municipality,
    municipalityName: meeting.municipality,
    body,
    bodyName: meeting.body,
    year,
    dir: `units/${municipality}/${body}/${year}/0000000000000000/`,
    modified,
    files: {},
  };
}
