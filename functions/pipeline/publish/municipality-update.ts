import type { BlobStore } from '../../ports/blob-store.ts';
import { shortHash } from '../../lib/hash.ts';
import type { FileEntry, MunicipalityEntry, MunicipalityIndex, UnitEntry } from '../../published/manifest.ts';
import { municipalityIndexPath, unitName, type UnitRef } from '../../published/paths.ts';
import {
  exists,
  fileEntry,
  JSON_TYPE,
  jsonBytes,
  putFile,
  readMunicipalityIndex,
} from '../../published/public-store.ts';
import { updateUnit, type PendingEvent, type UnitUpdate } from './unit-update.ts';

export interface MunicipalityUpdate {
  municipality: string;
  /** The new root entry; null when the municipality has no units left; the old one when nothing changed. */
  entry: MunicipalityEntry | null;
  changed: boolean;
  units: UnitUpdate[];
  events: PendingEvent[];
  writes: number;
}

export interface UpdateOptions {
  baseUrl: string;
  now: string;
  /** Called after each unit, for progress output. */
  onUnit?: (update: UnitUpdate) => void;
}

/**
 * Rebuilds the touched units of one municipality and, if any changed, writes a new version of its index. Reads the
 * municipality's current index (one object) and the touched units' records; nothing of other municipalities.
 */
export async function updateMunicipality(
  store: BlobStore,
  slug: string,
  current: MunicipalityEntry | undefined,
  touched: readonly UnitRef[],
  options: UpdateOptions,
): Promise<MunicipalityUpdate> {
  const index: MunicipalityIndex = current
    ? await readMunicipalityIndex(store, current)
    : { schemaVersion: 1, municipality: slug, name: slug, units: {} };
  const units: UnitUpdate[] = [];
  for (const unit of touched) {
    const update = await updateUnit(store, unit, index.units[unitName(unit)], options);
    units.push(update);
    options.onUnit?.(update);
  }
  const events = units.flatMap((u) => u.events);
  let writes = units.reduce((n, u) => n + u.writes, 0);
  if (!units.some((u) => u.changed))
    return { municipality: slug, entry: current ?? null, changed: false, units, events, writes };
  const next = { ...index.units };
  for (const u of units) {
    if (u.entry) next[unitName(u.unit)] = u.entry;
    else delete next[unitName(u.unit)];
  }
  const names = Object.keys(next).sort();
  if (names.length === 0) return { municipality: slug, entry: null, changed: true, units, events, writes };
  const name = [...units].reverse().find((u) => u.municipalityName)?.municipalityName ?? index.name;
  const newIndex: MunicipalityIndex = {
    schemaVersion: 1,
    municipality: slug,
    name,
    units: Object.fromEntries(names.map((n) => [n, next[n]!])),
  };
  const bytes = jsonBytes(newIndex);
  const path = municipalityIndexPath(slug, shortHash(bytes));
  // Content-addressed: an index left by a crashed run is the same bytes, so it is not written again.
  const existed = await exists(store, path);
  const file: FileEntry = existed ? fileEntry(path, bytes, JSON_TYPE) : await putFile(store, path, bytes, JSON_TYPE);
  if (!existed) writes++;
  const entry = municipalityEntry(name, file, Object.values(newIndex.units), options.now);
  return { municipality: slug, entry, changed: true, units, events, writes };
}

function municipalityEntry(
  name: string,
  index: FileEntry,
  units: readonly UnitEntry[],
  now: string,
): MunicipalityEntry {
  return {
    name,
    index,
    units: units.length,
    meetings: units.reduce((n, u) => n + u.meetings, 0),
    paragraphs: units.reduce((n, u) => n + u.paragraphs, 0),
    bytes: units.reduce((n, u) => n + u.bytes, 0),
    modified: now,
  };
}
