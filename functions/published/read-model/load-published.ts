import type { ParagraphRecord } from '../../core/render/records.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { PublicManifest, UnitEntry } from '../manifest.ts';
import { publicKey } from '../paths.ts';
import { readManifest, readMunicipalityIndex, readUnitManifest } from '../public-store.ts';
import { PARAGRAPH_NDJSON } from '../unit-files.ts';
import { IndexBuilder } from './index-builder.ts';
import type { ParagraphIndex } from './paragraph-index.ts';
import type { UnitInfo } from './types.ts';

/** How many unit files are fetched ahead while one is being indexed (S3 latency, not bandwidth, is the limit). */
const PREFETCH = 8;

export class PublishedDataError extends Error {
  override name = 'PublishedDataError';
}

export interface LoadedData {
  manifest: PublicManifest | null;
  index: ParagraphIndex;
}

/**
 * Reads the current published version into an index: the manifest, each municipality's index, and per unit its
 * unit.json (the meetings, also those whose § are all held back) and its § NDJSON. Nothing outside public/ is read,
 * so the API can never show what the files do not contain. Memory: one unit's files at a time (plus prefetch).
 */
export async function loadPublished(store: BlobStore): Promise<LoadedData> {
  const manifest = await readManifest(store);
  const builder = new IndexBuilder();
  if (manifest === null) return { manifest, index: builder.finish() };
  const entries: Array<{ name: string; unit: UnitEntry }> = [];
  for (const slug of Object.keys(manifest.municipalities).sort()) {
    const index = await readMunicipalityIndex(store, manifest.municipalities[slug]!);
    for (const key of Object.keys(index.units).sort()) entries.push({ name: index.name, unit: index.units[key]! });
  }
  const fetches = entries.map(() => null as Promise<UnitFiles> | null);
  const fetchAt = (i: number) => (fetches[i] ??= fetchUnit(store, entries[i]!.unit));
  for (let i = 0; i < entries.length; i++) {
    for (let k = i; k < Math.min(entries.length, i + PREFETCH); k++) void fetchAt(k).catch(() => undefined);
    const files = await fetchAt(i);
    fetches[i] = null;
    indexUnit(builder, entries[i]!.name, entries[i]!.unit, files);
  }
  return { manifest, index: builder.finish() };
}

interface UnitFiles {
  /** Meeting id → its published JSON file (path under public/). */
  meetings: Array<[string, string]>;
  ndjson: string;
}

async function fetchUnit(store: BlobStore, unit: UnitEntry): Promise<UnitFiles> {
  const unitManifest = await readUnitManifest(store, unit);
  const file = unit.files[PARAGRAPH_NDJSON];
  const bytes = file ? await store.get(publicKey(file.path)) : new Uint8Array(0);
  if (bytes === null) throw new PublishedDataError(`public/${file!.path} is listed but missing`);
  const meetings = Object.entries(unitManifest.meetings).map(([id, m]): [string, string] => [id, meetingFilePath(unit, id, m)]);
  return { meetings, ndjson: new TextDecoder().decode(bytes) };
}

function indexUnit(builder: IndexBuilder, municipalityName: string, unit: UnitEntry, files: UnitFiles): void {
  const info: UnitInfo = {
    municipality: unit.municipality,
    municipalityName,
    body: unit.body,
    bodyName: unit.bodyName,
    year: unit.year,
    dir: unit.dir,
    modified: unit.modified,
    files: unit.files,
    meetings: unit.meetings,
    paragraphs: unit.paragraphs,
  };
  const u = builder.addUnit(info);
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
