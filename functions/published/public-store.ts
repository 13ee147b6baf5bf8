import { FORMAT_ENTRIES } from '../core/render/formats/media-types.ts';
import type { MeetingDocument } from '../core/render/records.ts';
import { sha256Hex } from '../lib/hash.ts';
import { readJson } from '../ports/blob-json.ts';
import type { BlobBody, BlobStore, PutOptions } from '../ports/blob-store.ts';
import type {
  FileEntry,
  MunicipalityEntry,
  MunicipalityIndex,
  PublicManifest,
  UnitEntry,
  UnitManifest,
} from './manifest.ts';
import { cacheControlOf, MANIFEST_PATH, publicKey } from './paths.ts';
import { UNIT_MANIFEST } from './unit-files.ts';

/**
 * Reading and writing the files under public/: every path here is relative to public/ (see paths.ts), every file
 * written gets the Cache-Control its name allows, and every file the indexes list must exist when read.
 */

/** The media type of the published JSON files: manifests, indexes, unit manifests, meeting files, schemas. */
export const JSON_TYPE = FORMAT_ENTRIES.json.contentType;

export class PublishedTreeError extends Error {
  override name = 'PublishedTreeError';
}

/** The current manifest, or null before the first publish. */
export async function readManifest(store: BlobStore, path = MANIFEST_PATH): Promise<PublicManifest | null> {
  const value = await readJson(store, publicKey(path));
  if (value === null) return null;
  if (!isObject(value) || value.schemaVersion !== 1 || !isObject(value.municipalities)) {
    throw new PublishedTreeError(`public/${path} is not a Paragraf manifest`);
  }
  return value as unknown as PublicManifest;
}

export async function readMunicipalityIndex(store: BlobStore, entry: MunicipalityEntry): Promise<MunicipalityIndex> {
  return (await readReferenced(store, entry.index)) as MunicipalityIndex;
}

export async function readUnitManifest(store: BlobStore, entry: UnitEntry): Promise<UnitManifest> {
  const file = entry.files[UNIT_MANIFEST];
  if (!file) throw new PublishedTreeError(`unit ${entry.dir} lists no ${UNIT_MANIFEST}`);
  return (await readReferenced(store, file)) as UnitManifest;
}

/** A meeting's published JSON file, or null when it is not there. */
export async function readMeetingDocument(store: BlobStore, path: string): Promise<MeetingDocument | null> {
  return (await readJson(store, publicKey(path))) as MeetingDocument | null;
}

/** A JSON file under public/ that may be absent (null then). */
export function readPublishedJson(store: BlobStore, path: string): Promise<unknown> {
  return readJson(store, publicKey(path));
}

/** A file an index points to; missing means the published tree is broken, which must never be papered over. */
export async function readReferenced(store: BlobStore, file: FileEntry): Promise<unknown> {
  const value = await readJson(store, publicKey(file.path));
  if (value === null)
    throw new PublishedTreeError(`public/${file.path} is listed in the published indexes but missing`);
  return value;
}

/** Writes one file under public/, with the Cache-Control its path allows, and returns its entry for the indexes. */
export async function putFile(
  store: BlobStore,
  path: string,
  bytes: Uint8Array,
  mediaType: string,
  condition: Pick<PutOptions, 'ifMatch' | 'ifNoneMatch'> = {},
): Promise<FileEntry> {
  await store.put(publicKey(path), bytes, { contentType: mediaType, cacheControl: cacheControlOf(path), ...condition });
  return fileEntry(path, bytes, mediaType);
}

/** The index entry of a file under public/: its path, size and SHA-256. */
export function fileEntry(path: string, bytes: Uint8Array, mediaType: string): FileEntry {
  return { path, bytes: bytes.length, sha256: sha256Hex(bytes), mediaType };
}

const utf8 = new TextEncoder();

/** A published JSON document's bytes: one-space indented, newline at the end. */
export function jsonBytes(value: unknown, indent = 1): Uint8Array {
  return utf8.encode(`${JSON.stringify(value, null, indent)}\n`);
}

/** Writes a streamed body (dumps); the caller hashes it on the way (see HashingStream). */
export async function putStream(store: BlobStore, path: string, body: BlobBody, mediaType: string): Promise<void> {
  await store.put(publicKey(path), body, { contentType: mediaType, cacheControl: cacheControlOf(path) });
}

export async function exists(store: BlobStore, path: string): Promise<boolean> {
  return (await store.head(publicKey(path))) !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
