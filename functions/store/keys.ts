import { isValidId } from '../core/records/ids.ts';

/**
 * Every private key of the store, in one place, so the layout in docs/store-layout.md has a single implementation.
 * Segments come only from sha256 hex digests and ids in [a-z0-9-] (validated here), never from file names, so no
 * upload can choose where it lands. The published tree under public/ is laid out by functions/published/paths.ts;
 * infra/storage.ts takes the bucket's prefixes from both.
 */

export const ORIGINALS_PREFIX = 'originals/';
export const RECORDS_PREFIX = 'records/';
export const HISTORY_PREFIX = 'records-history/';
export const QUARANTINE_PREFIX = 'quarantine/';
export const REVIEW_PREFIX = 'review/';
export const PENDING_PREFIX = 'pending/';
/** A person's review decision per §: `decisions/<meetingId>/<paragraphId>.json` (pipeline/review/decision.ts). */
export const DECISIONS_PREFIX = 'decisions/';
/**
 * Published bytes a § must be erased from (withdrawn, or held after it was published): `erasures/<paragraphId>.json`
 * (pipeline/publish/erasure-requests.ts). The next publish erases and then deletes the request.
 */
export const ERASURES_PREFIX = 'erasures/';
/** What the harvester has seen of each source: `harvest/<sourceId>/state.json` (pipeline/harvest/harvest-state.ts). */
export const HARVEST_PREFIX = 'harvest/';
/** A fanned-out publish's plan and the results of its parts (pipeline/publish-fan-out.ts), until its last step. */
export const PUBLISH_RUNS_PREFIX = 'publish-runs/';
/** Leases that make a job single-writer per store: `locks/publish.json` (pipeline/publish/lease.ts). */
export const LOCKS_PREFIX = 'locks/';
export const PUBLISH_LEASE_KEY = `${LOCKS_PREFIX}publish.json`;
/** The site's settings: `settings/site.json` (pipeline/admin/site-settings.ts). */
export const SETTINGS_PREFIX = 'settings/';
export const SITE_SETTINGS_KEY = `${SETTINGS_PREFIX}site.json`;

/** The private prefixes of the store, by role: nothing under them is ever served. */
export const STORE_PREFIXES = {
  /** Content-addressed originals: never expired, never deleted. */
  originals: ORIGINALS_PREFIX,
  records: RECORDS_PREFIX,
  recordsHistory: HISTORY_PREFIX,
  quarantine: QUARANTINE_PREFIX,
  /** Held-back § awaiting review, with their text. */
  review: REVIEW_PREFIX,
  /** One marker per changed meeting record; the publisher deletes those it has handled. */
  pending: PENDING_PREFIX,
  /** Review decisions (release, reject, with redactions and who/when/why), applied by ingest and publish. */
  decisions: DECISIONS_PREFIX,
  /** Erasure requests: § whose earlier published bytes the next publish rewrites or deletes. */
  erasures: ERASURES_PREFIX,
  /** What the harvester has seen of each source. */
  harvest: HARVEST_PREFIX,
  /** Plans and part results of fanned-out publishes; deleted by the run's last step. */
  publishRuns: PUBLISH_RUNS_PREFIX,
  /** The publish lease: one publisher per store. */
  locks: LOCKS_PREFIX,
  /** The site's settings (base URL, publisher), set by the municipality in the admin pages. */
  settings: SETTINGS_PREFIX,
} as const;

/**
 * Where files arrive to be ingested: the source bucket's inbox/ on AWS, the store's own inbox/ locally
 * (pipeline/store-inbox.ts). Not one of STORE_PREFIXES: on AWS it is not in the data bucket.
 */
export const INBOX_PREFIX = 'inbox/';
/** The harvester's folder inside the inbox: it delivers `inbox/harvest/<sourceId>/…`, which ingest picks up as any upload. */
export const HARVEST_INBOX_FOLDER = 'harvest/';
export const HARVEST_INBOX_PREFIX = `${INBOX_PREFIX}${HARVEST_INBOX_FOLDER}`;

const SHA256_HEX = /^[0-9a-f]{64}$/u;

export class InvalidStoreKeyPartError extends Error {
  override name = 'InvalidStoreKeyPartError';
}

function sha(value: string): string {
  if (!SHA256_HEX.test(value)) throw new InvalidStoreKeyPartError(`not a sha256 hex digest: ${JSON.stringify(value)}`);
  return value;
}

function id(value: string, what: string): string {
  if (!isValidId(value)) throw new InvalidStoreKeyPartError(`${what} is not an id [a-z0-9-]: ${JSON.stringify(value)}`);
  return value;
}

/** The first 8 hex digits: enough to tell versions apart in a message or a key suffix. */
export function sha8(sha256: string): string {
  return sha(sha256).slice(0, 8);
}

export function originalKey(sha256: string): string {
  return `${ORIGINALS_PREFIX}${sha(sha256)}`;
}

export function originalMetaKey(sha256: string): string {
  return `${ORIGINALS_PREFIX}${sha(sha256)}.json`;
}

export interface RecordKeyParts {
  municipalitySlug: string;
  bodySlug: string;
  year: number;
  meetingId: string;
}

export function recordKey(p: RecordKeyParts): string {
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) {
    throw new InvalidStoreKeyPartError(`year out of range: ${p.year}`);
  }
  return `${RECORDS_PREFIX}${id(p.municipalitySlug, 'municipality')}/${id(p.bodySlug, 'body')}/${p.year}/${id(p.meetingId, 'meeting id')}.json`;
}

/** One folder of records/: a body of a municipality in a year — the unit the publisher rebuilds. */
export interface RecordFolder {
  municipality: string;
  body: string;
  year: number;
}

/** The records of one folder, and nothing else: `records/<m>/<b>/<year>/`. */
export function unitRecordsPrefix(u: RecordFolder): string {
  if (!Number.isInteger(u.year) || u.year < 1000 || u.year > 9999)
    throw new InvalidStoreKeyPartError(`year out of range: ${u.year}`);
  return `${RECORDS_PREFIX}${id(u.municipality, 'municipality')}/${id(u.body, 'body')}/${u.year}/`;
}

/**
 * The folder a record key belongs to: `records/<m>/<b>/<year>/<meetingId>.json` → { m, b, year, meetingId }. Null
 * for anything else, so a malformed pending marker can never make the publisher read outside `records/`.
 */
export function unitOfRecordKey(key: string): (RecordFolder & { meetingId: string }) | null {
  const m = /^records\/([a-z0-9-]+)\/([a-z0-9-]+)\/(\d{4})\/([a-z0-9-]+)\.json$/u.exec(key);
  if (!m || !isValidId(m[1]!) || !isValidId(m[2]!) || !isValidId(m[4]!)) return null;
  return { municipality: m[1]!, body: m[2]!, year: Number(m[3]), meetingId: m[4]! };
}

/** The folder of every replaced version of one meeting. */
export function historyPrefix(meetingId: string): string {
  return `${HISTORY_PREFIX}${id(meetingId, 'meeting id')}/`;
}

/** Versions are zero-padded so that a listing is in version order. */
export function historyKey(meetingId: string, version: number, sha256: string): string {
  return `${historyPrefix(meetingId)}${String(version).padStart(6, '0')}-${sha(sha256)}.json`;
}

export function quarantineKey(sha256: string): string {
  return `${QUARANTINE_PREFIX}${sha(sha256)}.json`;
}

export function reviewPrefix(meetingId: string): string {
  return `${REVIEW_PREFIX}${id(meetingId, 'meeting id')}/`;
}

export function erasureKey(paragraphId: string): string {
  return `${ERASURES_PREFIX}${id(paragraphId, 'paragraph id')}.json`;
}

export function reviewKey(meetingId: string, paragraphId: string): string {
  return `${reviewPrefix(meetingId)}${id(paragraphId, 'paragraph id')}.json`;
}

/**
 * `pending/<time>-<meetingId>-<sha8>.json`. The time is ISO 8601 basic format (20240205T143000123Z: no ':' so it is a
 * valid key on every store and sorts in time order); meeting id and sha8 make the key unique per change even when two
 * ingests share a millisecond.
 */
export function pendingKey(at: Date, meetingId: string, sha256: string): string {
  return `${PENDING_PREFIX}${compactTime(at)}-${id(meetingId, 'meeting id')}-${sha8(sha256)}.json`;
}

export function compactTime(at: Date): string {
  return at.toISOString().replace(/[-:]/gu, '').replace('.', '');
}
