import { isValidId } from '../core/records/ids.ts';
import { trimSlash } from '../core/render/table.ts';

/**
 * Every key the publisher writes, in one place (docs/publishing.md, "Layout"). Paths inside the manifest are relative
 * to `public/`, which is what a viewer sees under `<baseUrl>/datasets/` (infra/datasets-rewrite.ts maps
 * `/datasets/<path>` to the data bucket key `public/<path>`), so a path in an index is also a URL path.
 *
 * Only four keys are overwritten by an ordinary publish: `manifest.json` (the switch) and the fixed-name copies of the
 * metadata that harvesters fetch by a stable URL (`datapackage.json`, `catalog.rdf`, `changes/index.json`). Everything
 * else is written once under a name that contains its content hash, so it can be cached forever and snapshots cost
 * nothing. The one exception is erasure required by law (a withdrawn §, pipeline/publish/erasure.ts): it deletes
 * content-addressed files and rewrites the snapshot manifests (`snapshots/<id>/manifest.json`) that listed them, so
 * those are cached for an hour, not forever.
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

/** Part `n` of the § index file of a version: `read-model/<id>/paragraphs.idx.<nnn>` (published/read-model/). */
export function readModelPartPath(id: string, part: number): string {
  if (!Number.isInteger(part) || part < 0 || part > 999) throw new PublishKeyError(`bad index file part ${part}`);
  return `read-model/${hex(id)}/paragraphs.idx.${String(part).padStart(3, '0')}`;
}

/** Content-addressed files never change: caches may keep them for a year without asking again. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The switch and the fixed-name copies change with every publish. */
export const SHORT_LIVED = 'public, max-age=60';
/** Snapshot manifests: unchanged except when an erasure rewrites them (then the CDN is told, browsers re-ask hourly). */
export const REVISABLE = 'public, max-age=3600';

const IMMUTABLE_PATH = /^(?:units|index|meetings|schemas|metadata|dumps|read-model)\/|^changes\/\d{6}-/u;

/**
 * Whether a path is content-addressed (written once under a name that holds its hash, never overwritten; deleted only
 * by an erasure): every folder above except the fixed-name files (manifest.json, datapackage.json, catalog.rdf,
 * changes/index.json) and the snapshot manifests.
 */
export function isImmutablePath(path: string): boolean {
  return IMMUTABLE_PATH.test(path);
}

/** The Cache-Control a published file is written with, and served with by `paragraf serve`. */
export function cacheControlOf(path: string): string {
  if (isImmutablePath(path)) return IMMUTABLE;
  return path.startsWith(SNAPSHOTS_DIR) ? REVISABLE : SHORT_LIVED;
}

export function snapshotManifestPath(snapshotId: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(?:-\d+)?$/u.test(snapshotId)) throw new PublishKeyError(`bad snapshot id ${snapshotId}`);
  return `${SNAPSHOTS_DIR}${snapshotId}/${MANIFEST_PATH}`;
}

/** The unit, when its slugs are ids and its year a year; else a PublishKeyError. */
export function checkedUnit(u: UnitRef): UnitRef {
  return checked(u);
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
