/**
 * Erasure requests: a § whose earlier published bytes must go, kept in the private store at
 * `erasures/<paragraphId>.json` until a publish has erased them (erase-earlier.ts). Written by a withdrawal
 * (`paragraf withdraw`, the web admin) and by the publisher itself when a § that was published is held in a new
 * version (a corrected protocol the privacy gate holds, a rejection after publication): in both cases every earlier
 * file that contained it is rewritten without it or deleted. The request survives a crash at any point, so the next
 * publish finishes what one left.
 *
 * A request carries ids and a reason category only, never the § text nor a person's reason.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { putJson } from '../../store/json.ts';
import { ERASURES_PREFIX, erasureKey } from '../../store/keys.ts';
import type { WithdrawReason } from '../../published/manifest.ts';

export interface ErasureRequest {
  schemaVersion: 1;
  paragraphId: string;
  meetingId: string;
  /** "<m>/<b>/<year>": the unit whose earlier versions hold the §. */
  unit: string;
  requestedAt: string;
  /** `withdrawn` (a person's decision) or `held` (the privacy gate holds a § that was published). */
  reason: Extract<WithdrawReason, 'withdrawn' | 'held'>;
  /** CDN paths to drop, recorded before anything is deleted, so a retry after a failed invalidation still has them. */
  invalidate?: string[];
}

export interface StoredErasure {
  key: string;
  request: ErasureRequest;
}

/** Writes the request unless one is already open for the § (the first one's time is kept). */
export async function requestErasure(
  store: BlobStore,
  request: Omit<ErasureRequest, 'schemaVersion'>,
): Promise<StoredErasure> {
  const key = erasureKey(request.paragraphId);
  const existing = (await readJson(store, key).catch(() => null)) as ErasureRequest | null;
  if (isRequest(existing)) return { key, request: existing };
  const stored: ErasureRequest = { schemaVersion: 1, ...request };
  await putJson(store, key, stored);
  return { key, request: stored };
}

/** Every open request, in § id order; unreadable objects are skipped (and left for a person to look at). */
export async function listErasures(store: BlobStore): Promise<StoredErasure[]> {
  const out: StoredErasure[] = [];
  for await (const meta of store.list(ERASURES_PREFIX)) {
    const value = await readJson(store, meta.key).catch(() => null);
    if (isRequest(value)) out.push({ key: meta.key, request: value });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function isRequest(value: unknown): value is ErasureRequest {
  const r = value as Partial<ErasureRequest> | null;
  return (
    r?.schemaVersion === 1 &&
    typeof r.paragraphId === 'string' &&
    typeof r.meetingId === 'string' &&
    typeof r.unit === 'string'
  );
}
