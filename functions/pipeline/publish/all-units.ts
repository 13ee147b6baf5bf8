import type { BlobStore } from '../../ports/blob-store.ts';
import { RECORDS_PREFIX, unitOfRecordKey } from '../../store/keys.ts';
import type { PublicManifest } from '../../published/manifest.ts';
import type { PendingWork } from './pending.ts';
import { listPending } from './pending.ts';
import { unitKey, type UnitRef } from '../../published/paths.ts';
import { readMunicipalityIndex } from '../../published/public-store.ts';

/**
 * The work of a full publish: every unit that has records, plus every published unit (one whose records are all
 * gone must be withdrawn), plus the pending markers so they are retired too. One listing of `records/`: time grows
 * with the archive, which is the point of a full publish; memory holds unit names only.
 */
export async function allUnits(store: BlobStore, current: PublicManifest | null): Promise<PendingWork> {
  const work = await listPending(store);
  const units = new Map(work.units);
  for await (const meta of store.list(RECORDS_PREFIX)) {
    const unit = unitOfRecordKey(meta.key);
    if (unit) add(units, { municipality: unit.municipality, body: unit.body, year: unit.year });
  }
  for (const entry of Object.values(current?.municipalities ?? {})) {
    const index = await readMunicipalityIndex(store, entry);
    for (const u of Object.values(index.units))
      add(units, { municipality: u.municipality, body: u.body, year: u.year });
  }
  work.units = new Map([...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return work;
}

function add(units: Map<string, UnitRef>, unit: UnitRef): void {
  const key = unitKey(unit);
  if (!units.has(key)) units.set(key, unit);
}
