import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import type { PendingMarker } from '../../store/meeting-record.ts';
import { PENDING_PREFIX, unitOfRecordKey } from '../../store/keys.ts';
import { unitKey, type UnitRef } from '../../published/paths.ts';

/**
 * The publisher's work list: ingest leaves one `pending/` marker per changed meeting record (docs/store-layout.md), so
 * finding what to publish costs one listing of `pending/` and one read per marker — proportional to what changed,
 * never to the size of the archive.
 */
export interface PendingWork {
  /** Touched units, by "<m>/<b>/<year>", in key order. */
  units: Map<string, UnitRef>;
  markers: PendingItem[];
  /** Markers that cannot be acted on (unreadable, or naming no record key); deleted after the publish. */
  invalid: string[];
}

export interface PendingItem {
  key: string;
  unit: string;
  marker: PendingMarker;
}

/**
 * A marker whose record has not appeared after this long belongs to an ingest that crashed before its commit point
 * (the record is written last); it is dropped rather than kept forever. Until then it is kept, because the record may
 * simply not be written yet — deleting it would lose that change.
 */
export const ABANDONED_MARKER_MS = 24 * 60 * 60 * 1000;

export async function listPending(store: BlobStore): Promise<PendingWork> {
  const work: PendingWork = { units: new Map(), markers: [], invalid: [] };
  const keys: string[] = [];
  for await (const meta of store.list(PENDING_PREFIX)) keys.push(meta.key);
  for (const key of keys) {
    const marker = await readMarker(store, key);
    const unit = marker ? unitOfRecordKey(marker.recordKey) : null;
    if (!marker || !unit || unit.meetingId !== marker.meetingId) {
      work.invalid.push(key);
      continue;
    }
    const ref: UnitRef = { municipality: unit.municipality, body: unit.body, year: unit.year };
    work.units.set(unitKey(ref), ref);
    work.markers.push({ key, unit: unitKey(ref), marker });
  }
  work.units = new Map([...work.units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return work;
}

async function readMarker(store: BlobStore, key: string): Promise<PendingMarker | null> {
  let value: unknown;
  try {
    value = await readJson(store, key);
  } catch {
    return null; // not JSON: nothing to act on
  }
  const m = value as Partial<PendingMarker> | null;
  if (m?.schemaVersion !== 1 || typeof m.recordKey !== 'string' || typeof m.meetingId !== 'string') return null;
  if (typeof m.sha256 !== 'string' || typeof m.version !== 'number' || typeof m.at !== 'string') return null;
  return m as PendingMarker;
}

/** What a rebuilt unit was built from: meeting id → the record's version and source hash. */
export type BuiltFrom = ReadonlyMap<string, { version: number; sha256: string }>;

/**
 * Whether a marker is done with: the unit was rebuilt from the marker's record version or a later one, or the marker
 * is abandoned. Otherwise the record is not committed yet and the marker stays for the next run.
 */
export function isHandled(item: PendingItem, builtFrom: BuiltFrom, now: Date): boolean {
  const built = builtFrom.get(item.marker.meetingId);
  if (built && (built.version > item.marker.version || built.sha256 === item.marker.sha256)) return true;
  const age = now.getTime() - Date.parse(item.marker.at);
  return Number.isFinite(age) && age > ABANDONED_MARKER_MS;
}
