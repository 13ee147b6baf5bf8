import type { ParagraphRecord } from '../../core/render/records.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { PublicManifest, ReadModelEntry, UnitEntry } from '../manifest.ts';
import { publicKey } from '../paths.ts';
import { readManifest, readMunicipalityIndex, readUnitManifest } from '../public-store.ts';
import { PARAGRAPH_NDJSON } from '../unit-files.ts';
import { IndexBuilder } from './index-builder.ts';
import { isCurrentIndexFile } from './index-file.ts';
import { indexFileRanges } from './index-file-ranges.ts';
import { type LazyIndexOptions, openIndexLazily } from './lazy-index.ts';
import type { ParagraphIndex } from './paragraph-index.ts';
import { type LoadedSegment, listingSequence, segmentFiles } from './segments.ts';
import type { UnitInfo } from './types.ts';

/** How many unit files are fetched ahead while one is being indexed (S3 latency, not bandwidth, is the limit). */
const PREFETCH = 8;

export class PublishedDataError extends Error {
  override name = 'PublishedDataError';
}

export interface LoadedData {
  manifest: PublicManifest | null;
  index: ParagraphIndex;
  /** Where the index came from: the version's index file, or its unit files (no usable index file). */
  from: 'empty' | 'index-file' | 'unit-files';
}

/**
 * Reads the current published version into an index: the manifest, each municipality's index, and per unit its
 * unit.json (the meetings, also those whose § are all held back) and its § NDJSON. Nothing outside public/ is read,
 * so the API can never show what the files do not contain. Memory: one unit's files at a time (plus prefetch).
 */
export async function loadPublished(store: BlobStore, options: LoadOptions = {}): Promise<LoadedData> {
  const manifest = await readManifest(store);
  if (manifest === null) return { manifest, index: new IndexBuilder().finish(), from: 'empty' };
  const file = await readIndexFile(store, manifest, options);
  if (file) return { manifest, index: file, from: 'index-file' };
  return { manifest, index: await indexManifest(store, manifest), from: 'unit-files' };
}

export interface LoadOptions extends LazyIndexOptions {
  /** Answers across a base and delta segments as one index; without it a listing with deltas is not used. */
  compose?: (segments: LoadedSegment[]) => ParagraphIndex;
  /**
   * Segments loaded for an earlier version, by SHA-256: reused instead of read again (a publish adds a small delta
   * beside an unchanged base). Replaced by the segments of the version loaded.
   */
  known?: Map<string, ParagraphIndex>;
}

/**
 * The version's index file, when the manifest lists one this code reads and that was built for this very version;
 * else null, and the caller reads the unit files. Opened lazily (lazy-index.ts): it resolves once the header and the
 * hot sections are in, and the rest follows by ranged reads. A listed file that is missing or shorter than listed is
 * an error, as any listed file is.
 */
export async function readIndexFile(
  store: BlobStore,
  manifest: PublicManifest,
  options: LoadOptions = {},
): Promise<ParagraphIndex | null> {
  const entry = manifest.readModel;
  if (!entry || !isCurrentIndexFile(entry) || listingSequence(entry) !== manifest.sequence) return null;
  const { compose, known, ...lazy } = options;
  if (!entry.deltas?.length) {
    // Only a base: opened lazily, answering as soon as its hot sections are in (the usual case after a full build).
    const index = known?.get(entry.sha256) ?? (await openIndexLazily(indexFileRanges(store, entry), lazy));
    known?.clear();
    known?.set(entry.sha256, index);
    return index;
  }
  if (!compose) return null;
  return compose(await readSegments(store, entry, known, lazy));
}

/**
 * Every segment of a listing, oldest first, each opened lazily (or kept from the version before): the composition
 * needs only their hot parts, and the rest arrives in the background (api/read-model/segments.ts).
 */
export async function readSegments(
  store: BlobStore,
  entry: ReadModelEntry,
  known?: LoadOptions['known'],
  lazy: LazyIndexOptions = {},
): Promise<LoadedSegment[]> {
  const files = segmentFiles(entry);
  const segments = await Promise.all(
    files.map(async (s) => {
      const index = known?.get(s.sha256) ?? (await openIndexLazily(indexFileRanges(store, { ...entry, ...s }), lazy));
      return { index, supersedes: new Set(s.supersedes) };
    }),
  );
  if (known) {
    known.clear();
    files.forEach((s, i) => known.set(s.sha256, segments[i]!.index));
  }
  return segments;
}

/** Index files are stored in parts of this size: fetched in parallel, they load at S3's aggregate throughput. */
export const INDEX_PART_BYTES = 16 * 1024 * 1024;
const PARALLEL_PARTS = 8;

/** The whole index file: its parts fetched up to PARALLEL_PARTS at a time into one buffer (one copy in memory). */
export async function readIndexBytes(store: BlobStore, entry: ReadModelEntry): Promise<Uint8Array> {
  const out = new Uint8Array(entry.bytes);
  const offsets = entry.parts.map((_, i) => entry.parts.slice(0, i).reduce((n, p) => n + p.bytes, 0));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < entry.parts.length; i = next++) {
      const part = entry.parts[i]!;
      const bytes = await store.get(publicKey(part.path));
      if (bytes === null) throw new PublishedDataError(`public/${part.path} is listed but missing`);
      if (bytes.length !== part.bytes || offsets[i]! + bytes.length > out.length) {
        throw new PublishedDataError(`public/${part.path} has ${bytes.length} bytes, the manifest says ${part.bytes}`);
      }
      out.set(bytes, offsets[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, entry.parts.length) }, worker));
  if (offsets.length > 0 && offsets.at(-1)! + entry.parts.at(-1)!.bytes !== entry.bytes)
    throw new PublishedDataError('the index file parts do not add up to its size');
  return out;
}

/**
 * The index of the version `manifest` describes, read from every unit's files. (The publisher copies unchanged units
 * from earlier index segments instead: pipeline/publish/read-model-segment.ts.)
 */
export async function indexManifest(store: BlobStore, manifest: PublicManifest): Promise<ParagraphIndex> {
  const builder = new IndexBuilder();
  /** Every unit in order, with its municipality's name. */
  const entries: Array<{ name: string; unit: UnitEntry }> = [];
  for (const slug of Object.keys(manifest.municipalities).sort()) {
    const index = await readMunicipalityIndex(store, manifest.municipalities[slug]!);
    for (const key of Object.keys(index.units).sort()) entries.push({ name: index.name, unit: index.units[key]! });
  }
  const toRead = entries.map((e) => e.unit);
  const fetches = toRead.map(() => null as Promise<UnitFiles> | null);
  const fetchAt = (i: number) => (fetches[i] ??= fetchUnit(store, toRead[i]!));
  let next = 0;
  for (const e of entries) {
    const i = next++;
    for (let k = i; k < Math.min(toRead.length, i + PREFETCH); k++) void fetchAt(k).catch(() => undefined);
    const files = await fetchAt(i);
    fetches[i] = null;
    indexUnit(builder, e.name, e.unit, files);
  }
  return builder.finish();
}

export interface UnitFiles {
  /** Meeting id → its published JSON file (path under public/). */
  meetings: Array<[string, string]>;
  ndjson: string;
}

export async function fetchUnit(store: BlobStore, unit: UnitEntry): Promise<UnitFiles> {
  const unitManifest = await readUnitManifest(store, unit);
  const file = unit.files[PARAGRAPH_NDJSON];
  const bytes = file ? await store.get(publicKey(file.path)) : new Uint8Array(0);
  if (bytes === null) throw new PublishedDataError(`public/${file!.path} is listed but missing`);
  const meetings = Object.entries(unitManifest.meetings).map(([id, m]): [string, string] => [
    id,
    meetingFilePath(unit, id, m),
  ]);
  return { meetings, ndjson: new TextDecoder().decode(bytes) };
}

export function unitInfo(municipalityName: string, unit: UnitEntry | UnitInfo): UnitInfo {
  return {
    municipality: unit.municipality,
    municipalityName,
    body: unit.body,
    bodyName: unit.bodyName,
    year: unit.year,
    dir: unit.dir,
    modified: unit.modified,
    files: unit.files,
    ...(unit.meetings !== undefined ? { meetings: unit.meetings } : {}),
    ...(unit.paragraphs !== undefined ? { paragraphs: unit.paragraphs } : {}),
  };
}

export function indexUnit(builder: IndexBuilder, municipalityName: string, unit: UnitEntry, files: UnitFiles): void {
  const u = builder.addUnit(unitInfo(municipalityName, unit));
  for (const [id, file] of files.meetings) builder.addMeeting(u, id, undefined, file);
  let start = 0;
  const text = files.ndjson;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) builder.addParagraph(u, parseLine(text.slice(start, end), unit.dir));
    start = end + 1;
  }
}

/** unit.json names each meeting's file; older layouts kept it in the unit folder as meetings/<id>.json. */
function meetingFilePath(unit: UnitEntry, id: string, meta: unknown): string {
  const path = (meta as { file?: { path?: unknown } } | null)?.file?.path;
  return typeof path === 'string' ? path : `${unit.dir}meetings/${id}.json`;
}

function parseLine(line: string, dir: string): ParagraphRecord {
  try {
    return JSON.parse(line) as ParagraphRecord;
  } catch (error) {
    throw new PublishedDataError(`public/${dir}${PARAGRAPH_NDJSON} has a line that is not JSON`, { cause: error });
  }
}
