import { readJson } from '../ports/blob-json.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { PublicManifest } from '../published/manifest.ts';
import type { UnitRef } from '../published/paths.ts';
import { readManifest } from '../published/public-store.ts';
import { MANIFEST_PATH, publicKey } from '../published/paths.ts';
import { acquirePublishLease, type Lease } from './publish/lease.ts';
import { PUBLISH_RUNS_PREFIX } from '../store/keys.ts';
import { allUnits } from './publish/all-units.ts';
import { countingStore } from './publish/counting-store.ts';
import { updateMunicipality, type MunicipalityUpdate } from './publish/municipality-update.ts';
import { listPending, type PendingWork } from './publish/pending.ts';
import type { UnitUpdate } from './publish/unit-update.ts';
import {
  completePublish,
  groupByMunicipality,
  isFull,
  type PublishDeps,
  type PublishOptions,
  type PublishSummary,
} from './publish-datasets.ts';

/**
 * A publish fanned out per municipality (docs/publishing.md, "At national scale"): a full republish of 30,000
 * meetings is too much for one process or one Lambda, but its units are independent within a municipality and the
 * municipalities are independent of each other. Three steps, each a separate process or Lambda invocation:
 *
 *   planPublish     the work list (every unit, or the pending ones), by municipality → publish-runs/<run>/plan.json
 *   publishPart     one or more municipalities: their units and indexes → publish-runs/<run>/<m>.json  (in parallel)
 *   finishPublish   every part's result → change feed, dump, index file, snapshot and the one manifest switch
 *
 * The parts write only content-addressed files and their own result, so they can run in any order, concurrently, and
 * be retried; nothing is visible until the last step switches the manifest, exactly once. A plan is tied to the
 * manifest it was made against: if another publish switched it meanwhile, the parts and the last step refuse.
 */
export class FanOutError extends Error {
  override name = 'FanOutError';
}

interface Plan {
  schemaVersion: 1;
  run: string;
  /** The manifest sequence the plan was made against (0 before the first publish). */
  baseSequence: number;
  full: boolean;
  baseUrl: string;
  now: string;
  units: Record<string, UnitRef[]>;
  markers: PendingWork['markers'];
  invalid: string[];
}

/** A municipality's result as stored between the steps (UnitUpdate's builtFrom map as entries). */
type StoredUpdate = Omit<MunicipalityUpdate, 'units'> & {
  units: Array<Omit<UnitUpdate, 'builtFrom'> & { builtFrom: Array<[string, { version: number; sha256: string }]> }>;
};

export interface FanOutPlan {
  run: string;
  /** The municipalities with work, in slug order: one part each, or several per part. */
  municipalities: string[];
}

export async function planPublish(deps: PublishDeps, options: PublishOptions, run: string): Promise<FanOutPlan> {
  checkRun(run);
  const current = await readManifest(deps.store);
  const full = isFull(current, options);
  const work = full ? await allUnits(deps.store, current) : await listPending(deps.store);
  const units = Object.fromEntries(groupByMunicipality([...work.units.values()]));
  const plan: Plan = {
    schemaVersion: 1,
    run,
    baseSequence: current?.sequence ?? 0,
    full,
    baseUrl: options.baseUrl,
    now: deps.clock.now().toISOString(),
    units,
    markers: work.markers,
    invalid: work.invalid,
  };
  await deps.store.put(planKey(run), JSON.stringify(plan));
  return { run, municipalities: Object.keys(units) };
}

/** Rebuilds the units of the given municipalities of a plan and stores each one's result. */
export async function publishPart(deps: PublishDeps, run: string, municipalities: readonly string[]): Promise<void> {
  const plan = await readPlan(deps.store, run);
  const current = await currentFor(deps.store, plan);
  for (const slug of municipalities) {
    const units = plan.units[slug];
    if (!units) throw new FanOutError(`run ${run} has no work for municipality ${slug}`);
    const update = await updateMunicipality(deps.store, slug, current?.municipalities[slug], units, {
      baseUrl: plan.baseUrl,
      now: plan.now,
      onUnit: () => deps.onProgress?.({ phase: 'unit', done: 0, total: 0, unit: slug }),
    });
    const stored: StoredUpdate = { ...update, units: update.units.map((u) => ({ ...u, builtFrom: [...u.builtFrom] })) };
    await deps.store.put(partKey(run, slug), JSON.stringify(stored));
  }
}

/** The last step: every part must be done; then the one switch, the markers, and the run's files are deleted. */
export async function finishPublish(deps: PublishDeps, options: PublishOptions, run: string): Promise<PublishSummary> {
  // The switch is a publish like any other: one publisher per store holds the lease while it runs.
  const lease = await acquirePublishLease(
    deps.store,
    deps.clock,
    options.leaseMs === undefined ? {} : { ttlMs: options.leaseMs },
  );
  try {
    return await finishHoldingLease(deps, options, run, lease);
  } finally {
    await lease.release();
  }
}

async function finishHoldingLease(
  deps: PublishDeps,
  options: PublishOptions,
  run: string,
  lease: Lease,
): Promise<PublishSummary> {
  const store = countingStore(deps.store);
  const plan = await readPlan(store, run);
  const basedOn = (await store.head(publicKey(MANIFEST_PATH)))?.etag ?? null;
  const current = await currentFor(store, plan);
  const updates: MunicipalityUpdate[] = [];
  for (const slug of Object.keys(plan.units)) {
    const stored = (await readJson(store, partKey(run, slug))) as StoredUpdate | null;
    if (!stored) throw new FanOutError(`run ${run}: municipality ${slug} is not published yet`);
    updates.push({ ...stored, units: stored.units.map((u) => ({ ...u, builtFrom: new Map(u.builtFrom) })) });
  }
  const work: PendingWork = { units: new Map(), markers: plan.markers, invalid: plan.invalid };
  const state = { current, basedOn, full: plan.full, work, updates, now: new Date(plan.now) };
  const summary = await completePublish(
    store,
    deps,
    { ...options, baseUrl: plan.baseUrl, full: plan.full },
    state,
    lease,
  );
  for (const slug of Object.keys(plan.units)) await deps.store.delete(partKey(run, slug));
  await deps.store.delete(planKey(run));
  return summary;
}

async function readPlan(store: BlobStore, run: string): Promise<Plan> {
  checkRun(run);
  const plan = (await readJson(store, planKey(run))) as Plan | null;
  if (plan?.schemaVersion !== 1) throw new FanOutError(`no publish run ${run}`);
  return plan;
}

async function currentFor(store: BlobStore, plan: Plan): Promise<PublicManifest | null> {
  const current = await readManifest(store);
  if ((current?.sequence ?? 0) !== plan.baseSequence) {
    throw new FanOutError(
      `run ${plan.run} was planned against version ${plan.baseSequence}, but ${current?.sequence} is published now: plan again`,
    );
  }
  return current;
}

function checkRun(run: string): void {
  if (!/^[a-z0-9-]{1,64}$/u.test(run)) throw new FanOutError(`bad run id ${JSON.stringify(run)}`);
}

function planKey(run: string): string {
  return `${PUBLISH_RUNS_PREFIX}${run}/plan.json`;
}

function partKey(run: string, slug: string): string {
  return `${PUBLISH_RUNS_PREFIX}${run}/${slug}.json`;
}
