import { PreconditionFailedError, type BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import { PUBLISH_LEASE_KEY } from '../../store/keys.ts';
import { putJson } from '../../store/json.ts';

/**
 * One publisher per store, whatever starts it: a lease object in the store itself (`locks/publish.json`), taken and
 * renewed with conditional writes (If-None-Match to create, If-Match to take over or renew), which real S3, the
 * filesystem and the memory store make atomic. A publish holds it from its first read to its last write; a second
 * publish meanwhile fails at once with PublishLeaseHeldError and changes nothing (its queue message is retried).
 * A holder that died leaves a lease that expires after `ttlMs` and is then taken over. A holder that outlived its
 * lease finds out when it renews before the switch (PublishLeaseLostError) and stops before writing the manifest or
 * deleting a single pending marker.
 */
export interface LeaseRecord {
  schemaVersion: 1;
  holder: string;
  acquiredAt: string;
  expiresAt: string;
  /** Set when the holder let go; an expired or released lease is free. */
  releasedAt?: string;
}

export interface Lease {
  readonly holder: string;
  /** Extends the lease; throws PublishLeaseLostError when another publisher has taken it since. */
  renew(): Promise<void>;
  /** Marks the lease free (only if still ours). */
  release(): Promise<void>;
}

/** Longer than the publish Lambda's timeout (5 min), shorter than the queue's visibility timeout (30 min). */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000;

export class PublishLeaseHeldError extends Error {
  override name = 'PublishLeaseHeldError';
  constructor(
    readonly holder: string,
    readonly expiresAt: string,
  ) {
    super(`another publish holds the store's lease (${holder}, until ${expiresAt})`);
  }
}

export class PublishLeaseLostError extends Error {
  override name = 'PublishLeaseLostError';
  constructor(holder: string, options?: { cause?: unknown }) {
    super(`the publish lease of ${holder} expired and was taken over; nothing was switched`, options);
  }
}

export async function acquirePublishLease(
  store: BlobStore,
  clock: Clock,
  options: { ttlMs?: number; holder?: string } = {},
): Promise<Lease> {
  const ttl = options.ttlMs ?? DEFAULT_LEASE_MS;
  const holder = options.holder ?? `publish-${crypto.randomUUID()}`;
  const record = (): LeaseRecord => {
    const now = clock.now();
    return {
      schemaVersion: 1,
      holder,
      acquiredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttl).toISOString(),
    };
  };
  let etag = await take(store, clock, record());
  return {
    holder,
    async renew() {
      etag = await swap(store, etag, record(), holder);
    },
    async release() {
      const released = { ...record(), releasedAt: clock.now().toISOString() };
      await swap(store, etag, released, holder).catch((error: unknown) => {
        if (!(error instanceof PublishLeaseLostError)) throw error;
      });
    },
  };
}

/** Creates the lease, or takes over a free one; the etag of what was written. */
async function take(store: BlobStore, clock: Clock, lease: LeaseRecord): Promise<string> {
  try {
    await putJson(store, PUBLISH_LEASE_KEY, lease, { ifNoneMatch: '*' });
    return await etagOf(store, lease.holder);
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
  }
  const meta = await store.head(PUBLISH_LEASE_KEY);
  const bytes = await store.get(PUBLISH_LEASE_KEY);
  const current = bytes === null ? null : parseLease(bytes);
  if (current !== null && current.releasedAt === undefined && Date.parse(current.expiresAt) > clock.now().getTime()) {
    throw new PublishLeaseHeldError(current.holder, current.expiresAt);
  }
  // Free (expired, released, unreadable or just deleted): take it over, unless someone else does first.
  if (meta?.etag === undefined) return take(store, clock, lease);
  try {
    await putJson(store, PUBLISH_LEASE_KEY, lease, { ifMatch: meta.etag });
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const winner = await store.get(PUBLISH_LEASE_KEY);
    const parsed = winner === null ? null : parseLease(winner);
    throw new PublishLeaseHeldError(parsed?.holder ?? 'unknown', parsed?.expiresAt ?? 'unknown');
  }
  return etagOf(store, lease.holder);
}

async function swap(store: BlobStore, etag: string, lease: LeaseRecord, holder: string): Promise<string> {
  try {
    await putJson(store, PUBLISH_LEASE_KEY, lease, { ifMatch: etag });
  } catch (error) {
    if (error instanceof PreconditionFailedError) throw new PublishLeaseLostError(holder, { cause: error });
    throw error;
  }
  return etagOf(store, holder);
}

/** The etag of the lease just written. No one else can have replaced a fresh, unexpired lease in between. */
async function etagOf(store: BlobStore, holder: string): Promise<string> {
  const meta = await store.head(PUBLISH_LEASE_KEY);
  if (meta?.etag === undefined) throw new PublishLeaseLostError(holder);
  return meta.etag;
}

function parseLease(bytes: Uint8Array): LeaseRecord | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LeaseRecord>;
    return typeof value.holder === 'string' && typeof value.expiresAt === 'string' ? (value as LeaseRecord) : null;
  } catch {
    return null;
  }
}
