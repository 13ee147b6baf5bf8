import type { BlobStore } from '../../ports/blob-store.ts';
import type { PublicManifest, UnitEntry } from '../../published/manifest.ts';
import { unitName } from '../../published/paths.ts';
import { readMunicipalityIndex } from '../../published/public-store.ts';
import { IndexBuilder } from '../../published/read-model/index-builder.ts';
import { IndexReuse } from '../../published/read-model/index-reuse.ts';
import { fetchUnit, indexUnit, type UnitFiles, unitInfo } from '../../published/read-model/load-published.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import type { UnitInfo } from '../../published/read-model/types.ts';

/** How many unit files are fetched ahead while one is being indexed. */
const PREFETCH = 8;

/** A unit to read from its files, with its municipality's name. */
export interface UnitToRead {
  name: string;
  unit: UnitEntry;
}

/** What changed in the units between two versions: units to index, and folders no longer published. */
export interface UnitChanges {
  added: UnitToRead[];
  removed: string[];
}

/**
 * The units of `draft` that `current` does not have (by folder: folders are content-addressed) and the folders of
 * `current` that `draft` no longer has. Only municipalities whose index file changed are read, so the cost follows
 * the change. A municipality renamed is taken as all its units changed (each unit's entry carries the name).
 */
export async function unitChanges(
  store: BlobStore,
  current: PublicManifest,
  draft: PublicManifest,
): Promise<UnitChanges> {
  const out: UnitChanges = { added: [], removed: [] };
  const slugs = new Set([...Object.keys(current.municipalities), ...Object.keys(draft.municipalities)]);
  for (const slug of [...slugs].sort()) {
    const before = current.municipalities[slug];
    const after = draft.municipalities[slug];
    if (before?.index.path === after?.index.path) continue;
    const old = before ? await readMunicipalityIndex(store, before) : null;
    const now = after ? await readMunicipalityIndex(store, after) : null;
    const renamed = old !== null && now !== null && old.name !== now.name;
    const oldDirs = new Set(Object.values(old?.units ?? {}).map((u) => u.dir));
    const newDirs = new Set(Object.values(now?.units ?? {}).map((u) => u.dir));
    for (const key of Object.keys(now?.units ?? {}).sort()) {
      const unit = now!.units[key]!;
      if (renamed || !oldDirs.has(unit.dir)) out.added.push({ name: now!.name, unit });
    }
    for (const dir of oldDirs) if (renamed || !newDirs.has(dir)) out.removed.push(dir);
  }
  out.removed.sort();
  return out;
}

/** A loaded segment whose units in `dead` are not to be copied (superseded by a later segment or by this change). */
export interface SegmentSource {
  index: ParagraphIndex;
  dead: ReadonlySet<string>;
}

/**
 * One index of the live units of `sources` (copied without reading their files) and of `toRead` (read from their unit
 * files), in the order a build from every unit file adds them, so that it equals such a build of the same units.
 */
export async function buildSegment(
  store: BlobStore,
  sources: readonly SegmentSource[],
  toRead: readonly UnitToRead[],
): Promise<ParagraphIndex> {
  type Entry = { order: string; name: string; copy?: { reuse: IndexReuse; info: UnitInfo }; read?: UnitEntry };
  const entries: Entry[] = [];
  for (const source of sources) {
    const reuse = new IndexReuse(source.index);
    for (const info of source.index.parts.units) {
      if (source.dead.has(info.dir)) continue;
      entries.push({ order: orderKey(info), name: info.municipalityName, copy: { reuse, info } });
    }
  }
  for (const { name, unit } of toRead) entries.push({ order: orderKey(unit), name, read: unit });
  entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  const builder = new IndexBuilder();
  const reads = entries.flatMap((e) => (e.read ? [e.read] : []));
  const fetches = reads.map(() => null as Promise<UnitFiles> | null);
  const fetchAt = (i: number) => (fetches[i] ??= fetchUnit(store, reads[i]!));
  let next = 0;
  for (const e of entries) {
    if (e.copy) {
      e.copy.reuse.copyUnit(builder, e.copy.info.dir, builder.addUnit(unitInfo(e.name, e.copy.info)));
      continue;
    }
    const i = next++;
    for (let k = i; k < Math.min(reads.length, i + PREFETCH); k++) void fetchAt(k).catch(() => undefined);
    const files = await fetchAt(i);
    fetches[i] = null;
    indexUnit(builder, e.name, e.read!, files);
  }
  return builder.finish();
}

/** Municipality, then the unit's name in its municipality's index: the order a build from the unit files uses. */
function orderKey(u: { municipality: string; body: string; year: number }): string {
  return `${u.municipality}\u0000${unitName(u)}`;
}
