import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { heldIds, isMeetingRecord, type MeetingRecord } from '../../store/meeting-record.ts';
import type { ChangeEvent, UnitEntry, UnitManifest, WithdrawReason } from '../../published/manifest.ts';
import { publicKey, unitKey, type UnitRef } from '../../published/paths.ts';
import { SQL_TABLES, sqlTablePath } from '../../published/sql-tables.ts';
import { unitRecordsPrefix } from '../../store/keys.ts';
import { exists, putFile, readUnitManifest } from '../../published/public-store.ts';
import { renderUnit, type RenderedUnit } from './render-unit.ts';
import { entry, UNIT_MANIFEST } from '../../published/unit-files.ts';

/** A change-feed event before the feed numbers and dates it. */
export type PendingEvent = Omit<ChangeEvent, 'seq' | 'time'>;

export interface UnitUpdate {
  unit: UnitRef;
  /** The unit's new index entry; null when it has no records any more. */
  entry: UnitEntry | null;
  /** The municipality's name as printed in the unit's latest protocol (absent when the unit has no records). */
  municipalityName?: string;
  /** True when the unit's published content differs from before (its folder changed or it disappeared). */
  changed: boolean;
  events: PendingEvent[];
  /** Meeting id → the record version the unit was built from (to retire pending markers). */
  builtFrom: Map<string, { version: number; sha256: string }>;
  /** Store writes made for this unit. */
  writes: number;
  /** Record keys under the unit that are not meeting records (reported, never published). */
  skipped: string[];
}

/**
 * Rebuilds one unit from its records (`records/<m>/<b>/<year>/`, nothing else is read) and diffs it against what was
 * published. The folder is content-addressed: the same records give the same folder, so an unchanged unit writes
 * nothing, and a folder left complete by a crashed run is reused. unit.json is written last: its presence means the
 * folder is complete.
 */
export async function updateUnit(
  store: BlobStore,
  unit: UnitRef,
  previous: UnitEntry | undefined,
  options: { baseUrl: string; now: string },
): Promise<UnitUpdate> {
  const { records, skipped } = await readUnitRecords(store, unit);
  const builtFrom = new Map(records.map((r) => [r.meetingId, { version: r.ingest.version, sha256: r.ingest.sha256 }]));
  const base = { unit, builtFrom, skipped };
  if (records.length === 0) {
    const old = previous ? await readUnitManifest(store, previous) : null;
    const events = old ? diffParagraphs(unit, old, null, new Set()) : [];
    if (previous) await deleteSqlTables(store, unit);
    return { ...base, entry: null, changed: previous !== undefined, events, writes: 0 };
  }
  const rendered = await renderUnit(unit, records, options.baseUrl);
  const { dir } = rendered;
  const named = { ...base, municipalityName: rendered.manifest.municipalityName };
  if (previous?.dir === dir) {
    // Unchanged; its SQL copies are written when missing (an archive published before they existed, on --full).
    const writes = await writeSqlTables(store, unit, rendered, true);
    return { ...named, entry: previous, changed: false, events: [], writes };
  }
  const writes = (await writeFolder(store, dir, rendered)) + (await writeSqlTables(store, unit, rendered, false));
  const old = previous ? await readUnitManifest(store, previous) : null;
  const held = new Set(records.flatMap((r) => [...heldIds(r)]));
  const decided = new Set(
    records.flatMap((r) =>
      r.held.filter((h) => h.decision === 'withdrawn' || h.decision === 'rejected').map((h) => h.paragraphId),
    ),
  );
  const events = diffParagraphs(unit, old, rendered.manifest, held, decided);
  return { ...named, entry: unitEntry(unit, rendered, options.now), changed: true, events, writes };
}

async function readUnitRecords(
  store: BlobStore,
  unit: UnitRef,
): Promise<{ records: MeetingRecord[]; skipped: string[] }> {
  const keys: string[] = [];
  for await (const meta of store.list(unitRecordsPrefix(unit))) keys.push(meta.key);
  const records: MeetingRecord[] = [];
  const skipped: string[] = [];
  for (const key of keys) {
    // A corrupt object is skipped and reported rather than stopping every later publish.
    const value = key.endsWith('.json') ? await readJson(store, key).catch(() => null) : null;
    // Only the meeting's own folder counts: a record filed under another unit would publish in the wrong partition.
    if (isMeetingRecord(value) && `${value.municipalitySlug}/${value.bodySlug}/${value.year}` === unitKey(unit)) {
      records.push(value);
    } else {
      skipped.push(key);
    }
  }
  return { records, skipped };
}

/**
 * Shared files first (schemas, meeting files: content-addressed, written only if absent), then the folder, unit.json
 * last: its presence means the folder is complete, so a folder left by a crashed run is completed, never trusted.
 */
export async function writeFolder(store: BlobStore, dir: string, rendered: RenderedUnit): Promise<number> {
  if (await exists(store, `${dir}${UNIT_MANIFEST}`)) return 0;
  let writes = 0;
  for (const f of [...rendered.schemas, ...rendered.meetings]) {
    if (await exists(store, f.name)) continue;
    await putFile(store, f.name, f.bytes, f.mediaType);
    writes++;
  }
  for (const f of rendered.files) await putFile(store, `${dir}${f.name}`, f.bytes, f.mediaType);
  return writes + rendered.files.length;
}

/** The unit's copies for the SQL tables (published/sql-tables.ts): fixed names, overwritten; after the folder. */
async function writeSqlTables(
  store: BlobStore,
  unit: UnitRef,
  rendered: RenderedUnit,
  onlyMissing: boolean,
): Promise<number> {
  let writes = 0;
  for (const t of SQL_TABLES) {
    const file = rendered.files.find((f) => f.name === t.file);
    const path = sqlTablePath(t, unit);
    if (!file || (onlyMissing && (await exists(store, path)))) continue;
    await putFile(store, path, file.bytes, file.mediaType);
    writes++;
  }
  return writes;
}

async function deleteSqlTables(store: BlobStore, unit: UnitRef): Promise<void> {
  for (const t of SQL_TABLES) await store.delete(publicKey(sqlTablePath(t, unit)));
}

export function unitEntry(unit: UnitRef, rendered: RenderedUnit, now: string): UnitEntry {
  const m = rendered.manifest;
  const all = [...rendered.files, ...rendered.meetings];
  return {
    municipality: unit.municipality,
    body: unit.body,
    bodyName: m.bodyName,
    year: unit.year,
    dir: rendered.dir,
    meetings: Object.keys(m.meetings).length,
    paragraphs: Object.keys(m.paragraphs).length,
    bytes: all.reduce((n, f) => n + f.bytes.length, 0),
    modified: now,
    files: Object.fromEntries(rendered.files.map((f) => [f.name, entry(f, rendered.dir)])),
  };
}

/**
 * Added, changed and withdrawn § between two versions of a unit, in § id order. A withdrawn § becomes a tombstone
 * with a reason: withdrawn or rejected by a person, held back by the privacy gate, its meeting gone from the unit, or
 * no longer in the protocol.
 */
export function diffParagraphs(
  unit: UnitRef,
  before: UnitManifest | null,
  after: UnitManifest | null,
  held: ReadonlySet<string>,
  withdrawn: ReadonlySet<string> = new Set(),
): PendingEvent[] {
  const old = before?.paragraphs ?? {};
  const now = after?.paragraphs ?? {};
  const ids = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
  const events: PendingEvent[] = [];
  for (const id of ids) {
    const a = old[id];
    const b = now[id];
    if (b && (!a || a.hash !== b.hash)) {
      events.push({ type: a ? 'changed' : 'added', id, meetingId: b.meetingId, unit: unitKey(unit), hash: b.hash });
    } else if (a && !b) {
      const reason: WithdrawReason = withdrawn.has(id)
        ? 'withdrawn'
        : held.has(id)
          ? 'held'
          : after?.meetings[a.meetingId]
            ? 'removed'
            : 'meeting-removed';
      events.push({ type: 'withdrawn', id, meetingId: a.meetingId, unit: unitKey(unit), reason });
    }
  }
  return events;
}
