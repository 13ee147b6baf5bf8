import { RDF_XML } from '../../core/render/formats/media-types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { shortHash } from '../../lib/hash.ts';
import type { FileEntry, PublicManifest } from '../../published/manifest.ts';
import { catalog, rootDataPackage, type PublisherConfig } from './metadata.ts';
import {
  CATALOG_PATH,
  CHANGES_INDEX_PATH,
  DATAPACKAGE_PATH,
  MANIFEST_PATH,
  metadataPath,
  snapshotManifestPath,
} from '../../published/paths.ts';
import { exists, JSON_TYPE, jsonBytes, putFile } from '../../published/public-store.ts';

/**
 * The last step of a publish, after every data file is in place:
 *  1. the package metadata (datapackage.json, catalog.rdf) as immutable copies the manifest points to, plus their
 *     fixed-name copies for harvesters, and the fixed-name change-feed index;
 *  2. the snapshot: an immutable copy of the new manifest under snapshots/<date>[-n]/;
 *  3. manifest.json — the switch. Before this put, readers see the previous version and everything it lists; after
 *     it, the new one. A crash anywhere before leaves the previous manifest intact and consistent, because nothing it
 *     lists was overwritten (only new, content-addressed names were written). The fixed-name copies may already show
 *     the new version, but everything they list exists.
 */
export async function commitManifest(
  store: BlobStore,
  draft: PublicManifest,
  publisher: PublisherConfig,
  /** The etag of the manifest the draft was built on (null: none yet); omitted, the switch is unconditional. */
  basedOn?: string | null,
): Promise<{ manifest: PublicManifest; writes: number }> {
  let writes = 0;
  const metadata: PublicManifest['metadata'] = {};
  if (draft.dump) {
    metadata.datapackage = await putMetadata(store, 'datapackage.json', rootDataPackage(draft, draft.dump), JSON_TYPE);
    writes += 2;
  }
  const rdf = catalog(draft, draft.dump, publisher);
  if (rdf !== null) {
    metadata.catalog = await putMetadata(store, 'catalog.rdf', rdf, RDF_XML.contentType);
    writes += 2;
  }
  const manifest: PublicManifest = { ...draft, metadata };
  const feedIndex = { schemaVersion: 1, sequence: manifest.sequence, ...manifest.changes };
  await putFile(store, CHANGES_INDEX_PATH, jsonBytes(feedIndex), JSON_TYPE);
  const bytes = jsonBytes(manifest);
  // Never overwrite a snapshot, and switch only from the manifest the draft was built on: a second publisher that
  // raced this one fails here (PreconditionFailedError) instead of replacing what the first one published.
  await putFile(
    store,
    snapshotManifestPath(manifest.snapshot),
    bytes,
    JSON_TYPE,
    basedOn === undefined ? {} : { ifNoneMatch: '*' },
  );
  await putFile(
    store,
    MANIFEST_PATH,
    bytes,
    JSON_TYPE,
    basedOn === undefined ? {} : basedOn === null ? { ifNoneMatch: '*' } : { ifMatch: basedOn },
  );
  return { manifest, writes: writes + 3 };
}

/**
 * The immutable copy of one metadata file, and (unless `fixedCopy` is false: an earlier version rewritten by an
 * erasure) its fixed-name copy for harvesters.
 */
export async function putMetadata(
  store: BlobStore,
  name: 'datapackage.json' | 'catalog.rdf',
  text: string,
  mediaType: string,
  fixedCopy = true,
): Promise<FileEntry> {
  const bytes = new TextEncoder().encode(text);
  const file = await putFile(store, metadataPath(shortHash(bytes), name), bytes, mediaType);
  if (fixedCopy) await putFile(store, name === 'datapackage.json' ? DATAPACKAGE_PATH : CATALOG_PATH, bytes, mediaType);
  return file;
}

/**
 * "2026-11-27" for the first publish of a UTC day, then "2026-11-27-2", "-3" …; a name that already exists (left by a
 * run that crashed before its switch) is skipped, so a snapshot, once written, is never overwritten.
 */
export async function nextSnapshotId(store: BlobStore, previous: string | undefined, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  let n = 1;
  if (previous?.startsWith(day)) n = previous === day ? 2 : Number(previous.slice(day.length + 1)) + 1;
  for (; ; n++) {
    const id = n === 1 ? day : `${day}-${n}`;
    if (!(await exists(store, snapshotManifestPath(id)))) return id;
  }
}
