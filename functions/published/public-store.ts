import type { BlobBody, BlobStore } from '../ports/blob-store.ts';
import { readJson } from '../store/json.ts';
import { sha256Hex } from '../lib/hash.ts';
import type { FileEntry, MunicipalityEntry, MunicipalityIndex, PublicManifest, UnitEntry, UnitManifest } from './manifest.ts';
import { MANIFEST_PATH, publicKey } from './paths.ts';

/** Content-addressed files never change: caches may keep them for a year without asking again. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The switch and the fixed-name copies change with every publish. */
export const SHORT_LIVED = 'public, max-age=60';

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
  const file = entry.files['unit.json'];
  if (!file) throw new PublishedTreeError(`unit ${entry.dir} lists no unit.json`);
  return (await readReferenced(store, file)) as UnitManifest;
}

/** A file an index points to; missing means the published tree is broken, which must never be papered over. */
async function readReferenced(store: BlobStore, file: FileEntry): Promise<unknown> {
  const value = await readJson(store, publicKey(file.path));
  if (value === null) throw new PublishedTreeError(`public/${file.path} is listed in the published indexes but missing`);
  return value;
}

/** Writes one file under public/ and returns its entry for the indexes. */
export async function putFile(
  store: BlobStore,
  path: string,
  bytes: Uint8Array,
  mediaType: string,
  cacheControl: string = IMMUTABLE,
): Promise<FileEntry> {
  await store.put(publicKey(path), bytes, { contentType: mediaType, cacheControl });
  return { path, bytes: bytes.length, sha256: sha256Hex(bytes), mediaType };
}

/** Writes a streamed body (dumps); the caller hashes it on the way (see HashingStream). */
export async function putStream(store: BlobStore, path: string, body: BlobBody, mediaType: string): Promise<void> {
  await store.put(publicKey(path), body, { contentType: mediaType, cacheControl: IMMUTABLE });
}

export async function exists(store: BlobStore, path: string): Promise<boolean> {
  return (await store.head(publicKey(path))) !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
