/**
 * The published indexes: a three-level tree, each level written before the one above it, so that switching the root
 * (`public/manifest.json`) switches everything at once.
 *
 *   manifest.json ──► index/<m>/<id>.json (one per municipality) ──► units/<m>/<b>/<year>/<id>/unit.json
 *
 * A publish that touches one unit rewrites that unit's folder, its municipality's index and the root: the root has
 * one entry per municipality (at most 290), an index one entry per unit of that municipality, so neither grows with
 * the number of meetings in the archive. All paths are relative to `public/` (see public-paths.ts).
 */

/** One published file: where it is, how big, and its SHA-256 (lower-case hex). */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
  mediaType: string;
}

export interface PublicManifest {
  schemaVersion: 1;
  /** Incremented by every publish that changed anything; a publish that changes nothing writes nothing. */
  sequence: number;
  /** When this version was published, which is also when its data last changed. */
  publishedAt: string;
  /** This version's immutable copy: `snapshots/<snapshot>/manifest.json`. */
  snapshot: string;
  previousSnapshot?: string;
  baseUrl: string;
  license: string;
  totals: Totals;
  /** By municipality slug, in slug order. */
  municipalities: Record<string, MunicipalityEntry>;
  changes: ChangeFeedState;
  /** The package-level metadata of this version (immutable copies; fixed-name copies are written beside them). */
  metadata: { datapackage?: FileEntry; catalog?: FileEntry };
  /**
   * Who publishes, as the metadata was written with it (all of it is public in catalog.rdf anyway): a publish with
   * other settings rewrites the metadata even when no record changed, and a publish that names none keeps these.
   */
  publisher?: { name: string; organisationNumber?: string; contactEmail?: string };
  /** The latest materialised "all" partition, if any, and the version it reflects. */
  dump?: DumpEntry;
  /** The § index of this version as one file (docs/read-model.md): what an API instance loads at start. */
  readModel?: ReadModelEntry;
}

/**
 * The § index file of a version (published/read-model/index-file.ts), stored in parts of at most 16 MB
 * (`read-model/<id>/paragraphs.idx.000`, …) that a reader fetches in parallel and joins in order. `bytes` and `sha256`
 * are those of the whole; `format` and `terms` say which code can read it; `sequence` is the manifest it was built
 * for: an index of another version is not used.
 */
export interface ReadModelEntry {
  format: number;
  terms: string;
  /** The version the base file was built for; with deltas, each delta's `sequence` (the last one is the manifest's). */
  sequence: number;
  bytes: number;
  sha256: string;
  mediaType: string;
  parts: FileEntry[];
  /** § in the base file (absent in listings written before segments). */
  paragraphs?: number;
  /**
   * Delta segments, oldest first (docs/read-model.md, "Segments"): index files in the same format holding only the
   * units rebuilt since the base. A reader that does not know deltas sees a base built for an earlier version and
   * falls back to the unit files, so it never answers from a stale base.
   */
  deltas?: ReadModelDelta[];
}

/** A delta segment: an index file of the units rebuilt since the segments before it, and the units it supersedes. */
export interface ReadModelDelta {
  sequence: number;
  bytes: number;
  sha256: string;
  mediaType: string;
  parts: FileEntry[];
  paragraphs: number;
  /** Unit folders (`UnitEntry.dir`) of the segments before this one that are no longer published (tombstones). */
  supersedes: string[];
}

export interface Totals {
  municipalities: number;
  units: number;
  meetings: number;
  paragraphs: number;
  /** Bytes of every unit's files (meeting JSON files included). */
  bytes: number;
}

export interface MunicipalityEntry {
  /** Municipality name as printed in its protocols (from the most recently rebuilt unit). */
  name: string;
  index: FileEntry;
  units: number;
  meetings: number;
  paragraphs: number;
  bytes: number;
  /** When a unit of this municipality last changed. */
  modified: string;
}

/** `index/<m>/<id>.json`: the units of one municipality, by "<body>/<year>" in key order. */
export interface MunicipalityIndex {
  schemaVersion: 1;
  municipality: string;
  name: string;
  units: Record<string, UnitEntry>;
}

export interface UnitEntry {
  municipality: string;
  body: string;
  /** The body's name as printed, e.g. "Kommunstyrelsen". */
  bodyName: string;
  year: number;
  /** The unit's immutable folder, e.g. "units/alingsas/kommunstyrelsen/2024/3f2a9c1e0b7d4a55/". */
  dir: string;
  meetings: number;
  paragraphs: number;
  /** Bytes of the folder's files and the unit's meeting files. */
  bytes: number;
  modified: string;
  /** The folder's files by name (tables, NDJSON, Parquet, datapackage.json, unit.json); meeting files are in unit.json. */
  files: Record<string, FileEntry>;
}

/** `unit.json` in a unit folder: every file of the unit, and the state the change feed compares against. */
export interface UnitManifest {
  schemaVersion: 1;
  municipality: string;
  body: string;
  bodyName: string;
  municipalityName: string;
  year: number;
  /** The folder's files except unit.json itself, by name. */
  files: Record<string, FileEntry>;
  /**
   * By meeting id: its JSON file (outside the folder, under `meetings/`, content-addressed, so a new version of the
   * unit does not rewrite the meetings that did not change), the record version and source it was built from, and
   * its number of published §.
   */
  meetings: Record<string, { file: FileEntry; version: number; sourceSha256: string; paragraphs: number }>;
  /** By § id: its meeting and a hash of the § as published (its NDJSON record). What the change feed diffs. */
  paragraphs: Record<string, { meetingId: string; hash: string }>;
}

export interface ChangeFeedState {
  /** Sequence number of the last event ever published (0 = none). */
  lastSeq: number;
  /** Chunks in order; only the last may be open (not yet full). */
  chunks: ChunkEntry[];
}

export interface ChunkEntry extends FileEntry {
  number: number;
  count: number;
  first: { seq: number; time: string };
  last: { seq: number; time: string };
}

export type ChangeType = 'added' | 'changed' | 'withdrawn';

/** One line of the change feed. A withdrawn § is a tombstone: its id and why, never its text. */
export interface ChangeEvent {
  seq: number;
  time: string;
  type: ChangeType;
  id: string;
  meetingId: string;
  /** "<m>/<b>/<year>" */
  unit: string;
  /**
   * For 'withdrawn': 'withdrawn' (a person at the municipality withdrew or rejected it: its earlier published bytes
   * are erased), 'held' (the privacy gate holds it in a new version: erased as well), 'removed' (no longer in the
   * protocol), 'meeting-removed'. The category only, never the person's reason.
   */
  reason?: WithdrawReason;
  /** For 'added' and 'changed': the hash the § now has (as in unit.json). */
  hash?: string;
}

export type WithdrawReason = 'withdrawn' | 'held' | 'removed' | 'meeting-removed';

export interface DumpEntry {
  /** The manifest sequence whose data the dump holds; older than `sequence` means newer changes are in the feed. */
  sequence: number;
  snapshot: string;
  publishedAt: string;
  lastSeq: number;
  files: Record<string, FileEntry>;
}

/** The root totals: the sum over the municipalities' entries. */
export function totalsOf(municipalities: Record<string, MunicipalityEntry>): Totals {
  const list = Object.values(municipalities);
  const sum = (f: (m: MunicipalityEntry) => number) => list.reduce((n, m) => n + f(m), 0);
  return {
    municipalities: list.length,
    units: sum((m) => m.units),
    meetings: sum((m) => m.meetings),
    paragraphs: sum((m) => m.paragraphs),
    bytes: sum((m) => m.bytes),
  };
}

export const EMPTY_TOTALS: Totals = { municipalities: 0, units: 0, meetings: 0, paragraphs: 0, bytes: 0 };
