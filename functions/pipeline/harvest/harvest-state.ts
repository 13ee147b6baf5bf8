import { isValidId } from '../../core/records/ids.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { HARVEST_PREFIX } from '../../store/keys.ts';
import { putJson } from '../../store/json.ts';

/**
 * What the harvester has seen of one source, kept in the store at `harvest/<sourceId>/state.json` (private, like
 * everything outside public/). It is what makes a harvest idempotent: a document already fetched (same portal id and
 * version) is not fetched again, and bytes already delivered (same sha256) are not delivered again. It also keeps the
 * ids of related documents (partials, other variants) and the last runs with their counts and errors.
 */
/** Runs kept in the state: enough to see a pattern of failures, small enough to rewrite on every delivery. */
const MAX_RUNS = 30;

export interface SeenDocument {
  id: string;
  name: string;
  url: string;
  version?: string;
  sha256: string;
  fetchedAt: string;
  noticeDate?: string;
}

export interface MeetingState {
  body: string;
  date: string;
  title: string;
  firstSeenAt: string;
  lastCheckedAt: string;
  /** The protocol delivered last. */
  protocol?: SeenDocument;
  /** Protocols delivered before it (each replaced by a correction). */
  previous?: SeenDocument[];
  /** Other protocol documents of the meeting (partials, variants): kept by id, not harvested. */
  related?: Array<{ id: string; name: string }>;
  /** Why there was no protocol at the last check. */
  missing?: 'no-protocol' | 'not-yet-published' | 'cancelled';
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  since: string;
  until: string;
  counts: { meetings: number; new: number; changed: number; unchanged: number; missing: number; errors: number };
  errorsByHost: Record<string, number>;
  /** Present when robots rules were overridden for the source, with the operator's reason. */
  robotsOverride?: string;
  /** True when the run stopped early (a time limit) and left meetings for the next run. */
  incomplete?: boolean;
}

export interface HarvestState {
  schemaVersion: 1;
  sourceId: string;
  /** By the connector's stable meeting key. */
  meetings: Record<string, MeetingState>;
  runs: RunRecord[];
}

export class InvalidHarvestStateError extends Error {
  override name = 'InvalidHarvestStateError';
}

export function harvestStateKey(sourceId: string): string {
  if (!isValidId(sourceId))
    throw new InvalidHarvestStateError(`source id is not an id [a-z0-9-]: ${JSON.stringify(sourceId)}`);
  return `${HARVEST_PREFIX}${sourceId}/state.json`;
}

export async function readHarvestState(store: BlobStore, sourceId: string): Promise<HarvestState> {
  const key = harvestStateKey(sourceId);
  const value = (await readJson(store, key)) as HarvestState | null;
  if (value === null) return { schemaVersion: 1, sourceId, meetings: {}, runs: [] };
  if (value.schemaVersion !== 1 || typeof value.meetings !== 'object' || !Array.isArray(value.runs)) {
    throw new InvalidHarvestStateError(`${key} is not a harvest state this version can read`);
  }
  return value;
}

export async function writeHarvestState(store: BlobStore, state: HarvestState): Promise<void> {
  const trimmed = { ...state, runs: state.runs.slice(-MAX_RUNS) };
  await putJson(store, harvestStateKey(state.sourceId), trimmed);
}

/** Every sha256 ever delivered for the source: the same bytes are never delivered twice, whichever meeting lists them. */
export function deliveredHashes(state: HarvestState): Set<string> {
  const hashes = new Set<string>();
  for (const meeting of Object.values(state.meetings)) {
    if (meeting.protocol) hashes.add(meeting.protocol.sha256);
    for (const p of meeting.previous ?? []) hashes.add(p.sha256);
  }
  return hashes;
}
