/**
 * One publish's erasure of withdrawn § (docs/publishing.md, "Withdrawal and erasure"), in two steps around the switch:
 *
 *  1. `prepareErasure`, before the switch: rewrite every snapshot manifest that lists a file holding an erased §
 *     (erase-earlier.ts, erase-chunks.ts), map the draft of the new version the same way, and find every file under
 *     public/ that holds one — listed or not (a folder left by a crashed run is found by listing its unit's prefix) —
 *     minus everything a manifest still lists;
 *  2. `finishErasure`, after the switch: delete those files, ask the CDN to drop the affected paths, and only then
 *     retire the requests. A crash anywhere leaves the requests, and the next publish does it again (every step is
 *     idempotent: rewritten manifests no longer list the old files; the paths to invalidate are kept in the request
 *     before anything is deleted).
 */
import { type BlobStore, eraseObject } from '../../ports/blob-store.ts';
import type { CdnInvalidator } from '../../ports/cdn.ts';
import { readJson } from '../../ports/blob-json.ts';
import { putJson } from '../../store/json.ts';
import type { ChangeEvent, PublicManifest } from '../../published/manifest.ts';
import {
  DATASETS_URL_PREFIX,
  MANIFEST_PATH,
  publicKey,
  PUBLIC_PREFIX,
  SNAPSHOTS_DIR,
  type UnitRef,
} from '../../published/paths.ts';
import { JSON_TYPE, jsonBytes, putFile, readManifest, readUnitManifest } from '../../published/public-store.ts';
import { readModelPaths } from '../../published/read-model/segments.ts';
import { ChunkEraser } from './erase-chunks.ts';
import { ndjsonHolds, PublishedEraser, targetUnits } from './erase-earlier.ts';
import type { ErasureRequest, StoredErasure } from './erasure-requests.ts';

export interface PreparedErasure {
  draft: PublicManifest;
  requests: StoredErasure[];
  /** § ids erased (requests for a § published again are retired without erasing). */
  ids: string[];
  /** Snapshot manifests rewritten (paths relative to public/). */
  rewritten: string[];
  /** Files to delete after the switch (relative to public/). */
  garbage: string[];
  writes: number;
}

/** The API and page paths that can show a §: dropped from the CDN after every erasure. */
export const API_PATHS: readonly string[] = ['/', '/p/*', '/m/*', '/c/*', '/v1/*'];

export async function prepareErasure(
  store: BlobStore,
  requests: StoredErasure[],
  draft: PublicManifest,
): Promise<PreparedErasure> {
  const units = new Map<string, UnitRef>();
  for (const { request } of requests) units.set(request.unit, unitRefOf(request.unit));
  const requested = new Set(requests.map((r) => r.request.paragraphId));
  // A § released again after its withdrawal is published in the new version: it is not erased.
  const live = new Set<string>();
  for (const u of await targetUnits(store, draft, units)) {
    for (const id of Object.keys((await readUnitManifest(store, u)).paragraphs)) if (requested.has(id)) live.add(id);
  }
  const ids = new Set([...requested].filter((id) => !live.has(id)));
  const none: PreparedErasure = { draft, requests, ids: [], rewritten: [], garbage: [], writes: 0 };
  if (ids.size === 0) return none;
  const chunks = new ChunkEraser(store, ids);
  const eraser = new PublishedEraser(store, { ids, units }, chunks);
  const rewritten: string[] = [];
  const manifests: PublicManifest[] = [];
  for (const path of await snapshotPaths(store)) {
    // A snapshot manifest that cannot be read lists nothing that can be rewritten; it must not stop every erasure.
    const m = await readManifest(store, path).catch(() => null);
    if (m === null) continue;
    const next = await eraser.manifest(m);
    manifests.push(next);
    if (next === m) continue;
    await putFile(store, path, jsonBytes(next), JSON_TYPE);
    rewritten.push(path);
  }
  // The new version's dump and metadata are written afresh by the publish (the old dump may hold an erased §).
  const { dump: _old, ...mapped } = await eraser.manifest(draft, false);
  const nextDraft: PublicManifest = { ...mapped, metadata: {} };
  manifests.push(nextDraft);
  const meetings = new Set(requests.filter((r) => ids.has(r.request.paragraphId)).map((r) => r.request.meetingId));
  const candidates = new Set([
    ...eraser.garbage,
    ...chunks.garbage,
    ...(await sweep(store, ids, units, meetings, chunks)),
  ]);
  const listed = await listedPaths(store, manifests, units);
  const garbage = [...candidates].filter((p) => !listed.has(p)).sort();
  return {
    draft: nextDraft,
    requests,
    ids: [...ids].sort(),
    rewritten,
    garbage,
    writes: rewritten.length + eraser.writes + chunks.writes,
  };
}

/**
 * After the switch to `committed`: record what to invalidate, delete, invalidate, retire the requests. A file the
 * committed manifest lists is never deleted (its dump may have been written into a folder a crashed run left).
 */
export async function finishErasure(
  store: BlobStore,
  prepared: PreparedErasure,
  committed: PublicManifest,
  cdn?: CdnInvalidator,
): Promise<{ deleted: number; invalidated: string[] }> {
  const listed = new Set([
    ...Object.values(committed.dump?.files ?? {}).map((f) => f.path),
    ...Object.values(committed.metadata).flatMap((f) => (f ? [f.path] : [])),
    ...committed.changes.chunks.map((c) => c.path),
    ...readModelPaths(committed.readModel),
  ]);
  const garbage = prepared.garbage.filter((p) => !listed.has(p));
  const paths = new Set<string>(
    [...garbage, ...prepared.rewritten, MANIFEST_PATH].map((p) => `${DATASETS_URL_PREFIX}${p}`),
  );
  for (const { request } of prepared.requests) for (const p of request.invalidate ?? []) paths.add(p);
  for (const p of API_PATHS) paths.add(p);
  const invalidate = [...paths].sort();
  if (cdn)
    for (const r of prepared.requests)
      await putJson(store, r.key, { ...r.request, invalidate } satisfies ErasureRequest);
  // Every version: on a versioned bucket a plain delete would leave the erased bytes behind a delete marker.
  for (const path of garbage) await eraseObject(store, publicKey(path));
  if (cdn) await cdn.invalidate(invalidate);
  for (const r of prepared.requests) await store.delete(r.key);
  return { deleted: garbage.length, invalidated: cdn ? invalidate : [] };
}

/** Every snapshot manifest, oldest first (by sequence). */
async function snapshotPaths(store: BlobStore): Promise<string[]> {
  const found: Array<{ path: string; sequence: number }> = [];
  for await (const meta of store.list(`${PUBLIC_PREFIX}${SNAPSHOTS_DIR}`)) {
    const path = meta.key.slice(PUBLIC_PREFIX.length);
    if (!path.endsWith(`/${MANIFEST_PATH}`)) continue;
    const m = (await readJson(store, meta.key).catch(() => null)) as { sequence?: number } | null;
    found.push({ path, sequence: typeof m?.sequence === 'number' ? m.sequence : 0 });
  }
  return found.sort((a, b) => a.sequence - b.sequence || (a.path < b.path ? -1 : 1)).map((f) => f.path);
}

/**
 * Files that hold an erased § whatever lists them: unit folders of the target units (a folder without unit.json is
 * one a crashed run left: nothing lists it, so it goes whole), meeting files of the erased § meetings, dumps, and
 * change-feed chunk versions.
 */
async function sweep(
  store: BlobStore,
  ids: ReadonlySet<string>,
  units: ReadonlyMap<string, UnitRef>,
  meetings: ReadonlySet<string>,
  chunks: ChunkEraser,
): Promise<string[]> {
  const out: string[] = [];
  for (const u of units.values()) {
    const folders = await groupByFolder(store, `units/${u.municipality}/${u.body}/${u.year}/`);
    for (const [dir, files] of folders) {
      const manifest = (await readJson(store, publicKey(`${dir}unit.json`)).catch(() => null)) as {
        paragraphs?: Record<string, unknown>;
      } | null;
      if (manifest === null || Object.keys(manifest.paragraphs ?? {}).some((id) => ids.has(id))) out.push(...files);
    }
    for await (const meta of store.list(publicKey(`meetings/${u.municipality}/${u.body}/${u.year}/`))) {
      const path = meta.key.slice(PUBLIC_PREFIX.length);
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (![...meetings].some((m) => name.startsWith(`${m}-`))) continue;
      const doc = (await readJson(store, meta.key).catch(() => null)) as { paragraphs?: Array<{ id?: string }> } | null;
      if (doc === null || (doc.paragraphs ?? []).some((p) => p.id !== undefined && ids.has(p.id))) out.push(path);
    }
  }
  // § index files hold titles and excerpts: every one no manifest lists any more goes (also one a crashed run left).
  for await (const meta of store.list(publicKey('read-model/'))) out.push(meta.key.slice(PUBLIC_PREFIX.length));
  for (const [dir, files] of await groupByFolder(store, 'dumps/')) {
    const complete = files.includes(`${dir}dump.json`);
    if (!complete || (await ndjsonHolds(store, `${dir}paragraphs.ndjson`, ids))) out.push(...files);
  }
  for await (const meta of store.list(publicKey('changes/'))) {
    const path = meta.key.slice(PUBLIC_PREFIX.length);
    if (!/^changes\/\d{6}-[0-9a-f]+\.ndjson$/u.test(path)) continue;
    const bytes = await store.get(meta.key);
    const events = new TextDecoder()
      .decode(bytes ?? new Uint8Array())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ChangeEvent);
    if (chunks.holdsAny(events)) out.push(path);
  }
  return out;
}

/** Files under public/<prefix>, by their folder one level below the prefix ("units/m/b/y/<id>/"). */
async function groupByFolder(store: BlobStore, prefix: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for await (const meta of store.list(publicKey(prefix))) {
    const path = meta.key.slice(PUBLIC_PREFIX.length);
    const rest = path.slice(prefix.length);
    const cut = rest.indexOf('/');
    if (cut < 0) continue;
    const dir = `${prefix}${rest.slice(0, cut + 1)}`;
    out.set(dir, [...(out.get(dir) ?? []), path]);
  }
  return out;
}

/** Every path the given manifests list in the target units' municipalities, their feed, dump and metadata. */
async function listedPaths(
  store: BlobStore,
  manifests: readonly PublicManifest[],
  units: ReadonlyMap<string, UnitRef>,
): Promise<Set<string>> {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const m of manifests) {
    for (const slug of new Set([...units.values()].map((u) => u.municipality))) {
      const index = m.municipalities[slug]?.index;
      if (index) out.add(index.path);
    }
    for (const u of await targetUnits(store, m, units)) {
      if (seen.has(u.dir)) continue;
      seen.add(u.dir);
      for (const f of Object.values(u.files)) out.add(f.path);
      const um = await readUnitManifest(store, u);
      for (const f of Object.values(um.files)) out.add(f.path);
      for (const meeting of Object.values(um.meetings)) out.add(meeting.file.path);
    }
    for (const c of m.changes.chunks) out.add(c.path);
    for (const f of Object.values(m.dump?.files ?? {})) out.add(f.path);
    for (const f of Object.values(m.metadata)) if (f) out.add(f.path);
    for (const path of readModelPaths(m.readModel)) out.add(path);
  }
  return out;
}

function unitRefOf(unit: string): UnitRef {
  const [municipality = '', body = '', year = ''] = unit.split('/');
  return { municipality, body, year: Number(year) };
}
