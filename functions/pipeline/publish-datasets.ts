import { CC0_IRI } from '../core/render/datapackage.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { CdnInvalidator } from '../ports/cdn.ts';
import type { Clock } from '../ports/clock.ts';
import { allUnits } from './publish/all-units.ts';
import { appendEvents, DEFAULT_CHUNK_SIZE, EMPTY_FEED } from './publish/change-feed.ts';
import { commitManifest, nextSnapshotId } from './publish/commit.ts';
import { countingStore, type CountingStore } from './publish/counting-store.ts';
import { writeDump } from './publish/dump.ts';
import { finishErasure, prepareErasure, type PreparedErasure } from './publish/erasure.ts';
import { listErasures, requestErasure, type StoredErasure } from './publish/erasure-requests.ts';
import { EMPTY_TOTALS, type MunicipalityEntry, type PublicManifest, totalsOf } from '../published/manifest.ts';
import type { PublisherConfig } from './publish/metadata.ts';
import { updateMunicipality, type MunicipalityUpdate } from './publish/municipality-update.ts';
import { isHandled, listPending, type PendingWork } from './publish/pending.ts';
import { needsReadModel, type ReadModelPolicy, writeReadModel } from './publish/read-model.ts';
import { MANIFEST_PATH, publicKey, unitKey, type UnitRef } from '../published/paths.ts';
import { acquirePublishLease, type Lease } from './publish/lease.ts';
import { readManifest } from '../published/public-store.ts';
import type { PendingEvent, UnitUpdate } from './publish/unit-update.ts';

export interface PublishDeps {
  store: BlobStore;
  clock: Clock;
  /** Progress, for the CLI; the handler logs the summary only. */
  onProgress?: (progress: PublishProgress) => void;
  /** The CDN in front of public/ and the API (CloudFront on AWS): told which paths an erasure removed. */
  cdn?: CdnInvalidator;
}

export interface PublishProgress {
  phase: 'plan' | 'unit' | 'dump' | 'index' | 'commit';
  done: number;
  total: number;
  unit?: string;
}

export interface PublishOptions {
  /** Absolute site URL: permalinks and download URLs hang off it. */
  baseUrl: string;
  publisher: PublisherConfig;
  /**
   * Rebuild every unit from `records/` instead of only those with pending markers (after a renderer change, or to
   * repair), and materialise the "all" dump. Time grows with the archive; memory does not. Implied when the base
   * URL differs from the published one, since every permalink changes.
   */
  full?: boolean;
  /** Materialise the "all" dump in an incremental publish while the archive has at most this many §. */
  autoDumpParagraphs?: number;
  /** Events per change-feed chunk. */
  chunkSize?: number;
  /** How long the store's publish lease lasts without renewal (lease.ts DEFAULT_LEASE_MS). */
  leaseMs?: number;
  /** When the § index's deltas are folded into its base (publish/read-model.ts; defaults there). */
  readModel?: ReadModelPolicy;
}

export interface PublishSummary {
  changed: boolean;
  full: boolean;
  sequence: number;
  snapshot?: string;
  units: { touched: number; rebuilt: number; removed: number };
  events: { added: number; changed: number; withdrawn: number };
  markers: { handled: number; kept: number; invalid: number };
  /** Record keys that are not meeting records, found in touched units (never published). */
  skipped: string[];
  dump: 'written' | 'kept' | 'none';
  /** Withdrawn § erased from earlier versions: how many, snapshot manifests rewritten, files deleted. */
  erasure: { paragraphs: number; snapshots: number; deleted: number };
  puts: number;
  deletes: number;
  totals: PublicManifest['totals'];
}

/** Up to one large municipality's archive (~15 years of protocols) gets a current dump on every publish. */
export const DEFAULT_AUTO_DUMP_PARAGRAPHS = 20_000;

/**
 * Publishes the datasets (docs/publishing.md): rebuilds the units touched since the last run, appends the change
 * feed, snapshots, and switches `public/manifest.json`. Work is proportional to what changed: the pending markers, the
 * touched units' records, their municipalities' indexes and the root manifest (one entry per municipality).
 *
 * One run at a time per store: a lease in the store (publish/lease.ts) makes a second concurrent publish fail at
 * once, and the switch is conditional on the manifest the run started from, so even a run that outlived its lease
 * cannot overwrite another's manifest. Pending markers are deleted only after this run's switch.
 */
export async function publishDatasets(deps: PublishDeps, options: PublishOptions): Promise<PublishSummary> {
  const lease = await acquirePublishLease(
    deps.store,
    deps.clock,
    options.leaseMs === undefined ? {} : { ttlMs: options.leaseMs },
  );
  try {
    return await publishHoldingLease(deps, options, lease);
  } finally {
    await lease.release();
  }
}

async function publishHoldingLease(deps: PublishDeps, options: PublishOptions, lease: Lease): Promise<PublishSummary> {
  const store = countingStore(deps.store);
  const now = deps.clock.now();
  // The etag first: if the manifest changes after it, the conditional switch below fails instead of overwriting.
  const basedOn = (await store.head(publicKey(MANIFEST_PATH)))?.etag ?? null;
  const current = await readManifest(store);
  const full = isFull(current, options);
  const work = full ? await allUnits(store, current) : await listPending(store);
  const updates = await rebuildUnits(store, deps, work, current, options.baseUrl, now.toISOString());
  return completePublish(store, deps, options, { current, basedOn, full, work, updates, now }, lease);
}

/** Whether a publish must rebuild every unit: asked for, or the base URL (and so every permalink) changed. */
export function isFull(current: PublicManifest | null, options: PublishOptions): boolean {
  return options.full === true || (current !== null && current.baseUrl !== options.baseUrl);
}

/** What a publish has done before its switch: the units rebuilt, by municipality, from the work list. */
export interface RebuiltState {
  current: PublicManifest | null;
  /** The etag of the manifest `current` was read from (null when none): the switch is conditional on it. */
  basedOn: string | null;
  full: boolean;
  work: PendingWork;
  updates: MunicipalityUpdate[];
  now: Date;
}

/**
 * The part of a publish after the units (one run of publishDatasets, or the last step of a fanned-out one,
 * publish-fan-out.ts): the change feed, dump, index file, metadata, snapshot and the switch, then the markers.
 */
export async function completePublish(
  store: CountingStore,
  deps: PublishDeps,
  options: PublishOptions,
  state: RebuiltState,
  lease: Lease,
): Promise<PublishSummary> {
  const { current, basedOn, full, work, updates, now } = state;
  // A version without a usable index file (published before there was one) gets one on the next run.
  const erasures = await openErasures(store, updates, now);
  const publisherChanged =
    JSON.stringify(current?.publisher ?? null) !== JSON.stringify(publisherOf(options.publisher));
  const changed =
    updates.some((u) => u.changed) ||
    current === null ||
    needsReadModel(current) ||
    erasures.length > 0 ||
    publisherChanged;
  let manifest = current;
  let dump: PublishSummary['dump'] = 'none';
  const erasure = { paragraphs: 0, snapshots: 0, deleted: 0 };
  if (changed) {
    let draft = await draftManifest(store, current, updates, options, now);
    let prepared: PreparedErasure | null = null;
    if (erasures.length > 0) {
      // Before the switch: earlier versions rewritten without the withdrawn §, the draft mapped the same way.
      prepared = await prepareErasure(store, erasures, draft);
      draft = prepared.draft;
    }
    dump = await maybeDump(store, deps, draft, { ...options, full });
    deps.onProgress?.({ phase: 'index', done: 0, total: 1 });
    // An erasure rewrites every segment: none may keep an erased §'s title or excerpt (docs/read-model.md).
    draft.readModel = await writeReadModel(store, draft, current, {
      ...options.readModel,
      compact: (prepared?.ids.length ?? 0) > 0,
    });
    deps.onProgress?.({ phase: 'commit', done: 0, total: 1 });
    await lease.renew();
    manifest = (await commitManifest(store, draft, options.publisher, current === null ? null : basedOn)).manifest;
    if (prepared) {
      const finished = await finishErasure(store, prepared, manifest, deps.cdn);
      Object.assign(erasure, {
        paragraphs: prepared.ids.length,
        snapshots: prepared.rewritten.length,
        deleted: finished.deleted,
      });
    }
  } else {
    await lease.renew(); // still the only publisher: the markers below were judged against the current manifest
  }
  const units = updates.flatMap((u) => u.units);
  const markers = await retireMarkers(store, work, units, now);
  return summarise({ manifest, changed, full, units, markers, dump, erasure, store });
}

/**
 * The erasure requests to act on: those open (a withdrawal, or a run that crashed), plus one for every § this run
 * takes out because a person withdrew or rejected it or the privacy gate now holds it — written before the switch,
 * so a crash after it still erases.
 */
async function openErasures(
  store: BlobStore,
  updates: readonly MunicipalityUpdate[],
  now: Date,
): Promise<StoredErasure[]> {
  for (const e of updates.flatMap((u) => u.events)) {
    if (e.type !== 'withdrawn' || (e.reason !== 'withdrawn' && e.reason !== 'held')) continue;
    await requestErasure(store, {
      paragraphId: e.id,
      meetingId: e.meetingId,
      unit: e.unit,
      requestedAt: now.toISOString(),
      reason: e.reason,
    });
  }
  return listErasures(store);
}

async function rebuildUnits(
  store: BlobStore,
  deps: PublishDeps,
  work: PendingWork,
  current: PublicManifest | null,
  baseUrl: string,
  now: string,
): Promise<MunicipalityUpdate[]> {
  const total = work.units.size;
  let done = 0;
  deps.onProgress?.({ phase: 'plan', done, total });
  const onUnit = (u: UnitUpdate) => deps.onProgress?.({ phase: 'unit', done: ++done, total, unit: unitKey(u.unit) });
  const updates: MunicipalityUpdate[] = [];
  for (const [slug, units] of groupByMunicipality([...work.units.values()])) {
    updates.push(await updateMunicipality(store, slug, current?.municipalities[slug], units, { baseUrl, now, onUnit }));
  }
  return updates;
}

async function draftManifest(
  store: BlobStore,
  current: PublicManifest | null,
  updates: readonly MunicipalityUpdate[],
  options: PublishOptions,
  now: Date,
): Promise<PublicManifest> {
  const time = now.toISOString();
  const municipalities = mergeMunicipalities(current, updates);
  const events = updates.flatMap((u) => u.events);
  const feed = await appendEvents(
    store,
    current?.changes ?? EMPTY_FEED,
    events,
    time,
    options.chunkSize ?? DEFAULT_CHUNK_SIZE,
  );
  return {
    schemaVersion: 1,
    sequence: (current?.sequence ?? 0) + 1,
    publishedAt: time,
    snapshot: await nextSnapshotId(store, current?.snapshot, now),
    ...(current ? { previousSnapshot: current.snapshot } : {}),
    baseUrl: options.baseUrl,
    license: CC0_IRI,
    totals: totalsOf(municipalities),
    municipalities,
    changes: feed.state,
    metadata: {},
    publisher: publisherOf(options.publisher),
    ...(current?.dump ? { dump: current.dump } : {}),
  };
}

/** Writes the "all" dump into the draft when asked (full publish), when there is none yet, or while the archive is small. */
async function maybeDump(
  store: BlobStore,
  deps: PublishDeps,
  draft: PublicManifest,
  options: PublishOptions,
): Promise<PublishSummary['dump']> {
  const small = draft.totals.paragraphs <= (options.autoDumpParagraphs ?? DEFAULT_AUTO_DUMP_PARAGRAPHS);
  if (draft.totals.units === 0) {
    delete draft.dump;
    return 'none';
  }
  if (!(options.full || !draft.dump || small)) return 'kept';
  deps.onProgress?.({ phase: 'dump', done: 0, total: 1 });
  const { files } = await writeDump(store, draft, options.baseUrl);
  draft.dump = {
    sequence: draft.sequence,
    snapshot: draft.snapshot,
    publishedAt: draft.publishedAt,
    lastSeq: draft.changes.lastSeq,
    files,
  };
  return 'written';
}

/** The settings the package metadata depends on, in a fixed key order (so a change of them alone republishes it). */
function publisherOf(p: PublisherConfig): NonNullable<PublicManifest['publisher']> {
  return {
    name: p.name,
    ...(p.organisationNumber ? { organisationNumber: p.organisationNumber } : {}),
    ...(p.contactEmail ? { contactEmail: p.contactEmail } : {}),
  };
}

export function groupByMunicipality(units: readonly UnitRef[]): Map<string, UnitRef[]> {
  const out = new Map<string, UnitRef[]>();
  for (const u of units) out.set(u.municipality, [...(out.get(u.municipality) ?? []), u]);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function mergeMunicipalities(current: PublicManifest | null, updates: readonly MunicipalityUpdate[]) {
  const next: Record<string, MunicipalityEntry> = { ...(current?.municipalities ?? {}) };
  for (const u of updates) {
    if (u.entry) next[u.municipality] = u.entry;
    else delete next[u.municipality];
  }
  return Object.fromEntries(
    Object.keys(next)
      .sort()
      .map((k) => [k, next[k]!]),
  );
}

/** Deletes the markers this run handled — after the switch, so a crash before it leaves them for the next run. */
async function retireMarkers(store: BlobStore, work: PendingWork, units: readonly UnitUpdate[], now: Date) {
  const builtFrom = new Map<string, { version: number; sha256: string }>();
  for (const u of units) for (const [id, v] of u.builtFrom) builtFrom.set(id, v);
  let handled = 0;
  for (const item of work.markers) {
    if (!isHandled(item, builtFrom, now)) continue;
    await store.delete(item.key);
    handled++;
  }
  for (const key of work.invalid) await store.delete(key);
  return { handled, kept: work.markers.length - handled, invalid: work.invalid.length };
}

function summarise(r: {
  manifest: PublicManifest | null;
  changed: boolean;
  full: boolean;
  units: readonly UnitUpdate[];
  markers: PublishSummary['markers'];
  dump: PublishSummary['dump'];
  erasure: PublishSummary['erasure'];
  store: CountingStore;
}): PublishSummary {
  const events: PendingEvent[] = r.units.flatMap((u) => u.events);
  const count = (t: PendingEvent['type']) => events.filter((e) => e.type === t).length;
  return {
    changed: r.changed,
    full: r.full,
    sequence: r.manifest?.sequence ?? 0,
    ...(r.changed && r.manifest ? { snapshot: r.manifest.snapshot } : {}),
    units: {
      touched: r.units.length,
      rebuilt: r.units.filter((u) => u.changed && u.entry).length,
      removed: r.units.filter((u) => u.changed && !u.entry).length,
    },
    events: { added: count('added'), changed: count('changed'), withdrawn: count('withdrawn') },
    markers: r.markers,
    skipped: r.units.flatMap((u) => u.skipped),
    dump: r.dump,
    erasure: r.erasure,
    puts: r.store.puts,
    deletes: r.store.deletes,
    totals: r.manifest?.totals ?? EMPTY_TOTALS,
  };
}
