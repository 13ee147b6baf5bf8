import { isValidId } from '../core/records/ids.ts';
import { trimSlash } from '../core/render/table.ts';
import { RECORDS_PREFIX } from '../store/keys.ts';

/**
 * Every key the publisher writes, in one place (docs/publishing.md, "Layout"). Paths inside the manifest are relative
 * to `public/`, which is what a viewer sees under `<baseUrl>/datasets/` (infra/datasets-rewrite.ts maps
 * `/datasets/<path>` to the data bucket key `public/<path>`), so a path in an index is also a URL path.
 *
 * Only four keys are ever overwritten: `manifest.json` (the switch) and the fixed-name copies of the metadata that
 * harvesters fetch by a stable URL (`datapackage.json`, `catalog.rdf`, `changes/index.json`). Everything else is
 * written once under a name that contains its content hash, so it can be cached forever and snapshots cost nothing.
 */
export const PUBLIC_PREFIX = 'public/';
export const MANIFEST_PATH = 'manifest.json';
export const DATAPACKAGE_PATH = 'datapackage.json';
export const CATALOG_PATH = 'catalog.rdf';
export const CHANGES_INDEX_PATH = 'changes/index.json';
export const SNAPSHOTS_DIR = 'snapshots/';
/** The URL prefix under which `public/` is served (CloudFront behaviour and `paragraf serve`). */
export const DATASETS_URL_PREFIX = '/datasets/';

export class PublishKeyError extends Error {
  override name = 'PublishKeyError';
}

/** A unit partition: one body of one municipality in one year — the smallest thing the publisher rebuilds. */
export interface UnitRef {
  municipality: string;
  body: string;
  year: number;
}

export function publicKey(path: string): string {
  return `${PUBLIC_PREFIX}${path}`;
}

/** `<baseUrl>/datasets/<path>`: where a viewer downloads the file at `public/<path>`. */
export function datasetUrl(baseUrl: string, path: string): string {
  return `${trimSlash(baseUrl)}${DATASETS_URL_PREFIX}${path}`;
}

export function unitKey(u: UnitRef): string {
  return `${u.municipality}/${u.body}/${u.year}`;
}

/** "<body>/<year>": a unit's name inside its municipality's index. */
export function unitName(u: Pick<UnitRef, 'body' | 'year'>): string {
  return `${u.body}/${u.year}`;
}

/** The records of one unit, and nothing else: `records/<m>/<b>/<year>/`. */
export function unitRecordsPrefix(u: UnitRef): string {
  return `${RECORDS_PREFIX}${checked(u).municipality}/${u.body}/${u.year}/`;
}

/** An immutable unit folder: `units/<m>/<b>/<year>/<id>/`, `id` being the hash of what is in it. */
export function unitDir(u: UnitRef, id: string): string {
  return `units/${checked(u).municipality}/${u.body}/${u.year}/${hex(id)}/`;
}

/** A meeting's immutable JSON file: `meetings/<m>/<b>/<year>/<meetingId>-<id>.json`. */
export function meetingPath(u: UnitRef, meetingId: string, id: string): string {
  return `meetings/${checked(u).municipality}/${u.body}/${u.year}/${slug(meetingId)}-${hex(id)}.json`;
}

/** An immutable municipality index: `index/<m>/<id>.json`. */
export function municipalityIndexPath(municipality: string, id: string): string {
  return `index/${slug(municipality)}/${hex(id)}.json`;
}

/** An immutable copy of the package-level metadata (referenced by the manifest and its snapshots). */
export function metadataPath(id: string, name: 'datapackage.json' | 'catalog.rdf'): string {
  return `metadata/${hex(id)}/${name}`;
}

/** An immutable version of a change-feed chunk: `changes/<number>-<id>.ndjson`. */
export function changeChunkPath(number: number, id: string): string {
  return `changes/${String(number).padStart(6, '0')}-${hex(id)}.ndjson`;
}

/** An immutable full dump of the "all" partition: `dumps/<id>/<file>`. */
export function dumpDir(id: string): string {
  return `dumps/${hex(id)}/`;
}

export function snapshotManifestPath(snapshotId: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(?:-\d+)?$/u.test(snapshotId)) throw new PublishKeyError(`bad snapshot id ${snapshotId}`);
  return `${SNAPSHOTS_DIR}${snapshotId}/${MANIFEST_PATH}`;
}

/**
 * The unit a record key belongs to: `records/<m>/<b>/<year>/<meetingId>.json` → { m, b, year }. Null for anything
 * else, so a malformed pending marker can never make the publisher read outside `records/`.
 */
export function unitOfRecordKey(key: string): (UnitRef & { meetingId: string }) | null {
  const m = /^records\/([a-z0-9-]+)\/([a-z0-9-]+)\/(\d{4})\/([a-z0-9-]+)\.json$/u.exec(key);
  if (!m || !isValidId(m[1]!) || !isValidId(m[2]!) || !isValidId(m[4]!)) return null;
  return { municipality: m[1]!, body: m[2]!, year: Number(m[3]), meetingId: m[4]! };
}

function checked(u: UnitRef): UnitRef {
  slug(u.municipality);
  slug(u.body);
  if (!Number.isInteger(u.year) || u.year < 1000 || u.year > 9999) throw new PublishKeyError(`bad year ${u.year}`);
  return u;
}

function slug(value: string): string {
  if (!isValidId(value)) throw new PublishKeyError(`not an id [a-z0-9-]: ${JSON.stringify(value)}`);
  return value;
}

function hex(value: string): string {
  if (!/^[0-9a-f]{8,64}$/u.test(value)) throw new PublishKeyError(`not a hex digest: ${JSON.stringify(value)}`);
  return value;
}
