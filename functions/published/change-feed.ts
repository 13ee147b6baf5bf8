import type { BlobStore } from '../ports/blob-store.ts';
import type { ChangeEvent, ChangeFeedState, ChunkEntry } from './manifest.ts';
import { publicKey } from './paths.ts';
import { PublishedTreeError } from './public-store.ts';

/**
 * The change feed as published: chunks of NDJSON, one event per line, listed in the manifest's `changes` (see
 * manifest.ts for the events and pipeline/publish/change-feed.ts for how chunks are appended). The encoding and the
 * readers live here so the publisher and the API cannot disagree about a line.
 */

/** A chunk's bytes: one JSON event per line, LF-terminated. */
export function encodeChunk(events: readonly ChangeEvent[]): Uint8Array {
  return new TextEncoder().encode(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

export async function readChunk(store: BlobStore, chunk: ChunkEntry): Promise<ChangeEvent[]> {
  const bytes = await store.get(publicKey(chunk.path));
  if (bytes === null) throw new PublishedTreeError(`change-feed chunk public/${chunk.path} is missing`);
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChangeEvent);
}

/** A point in the feed: an ISO time (events at or after it) or a sequence number (events after it). */
export type FeedPosition = { time: string } | { seq: number };

/** Whether an event (or a chunk's first or last event) comes after `since`. */
export function isAfter(since: FeedPosition, e: { seq: number; time: string }): boolean {
  return 'seq' in since ? e.seq > since.seq : Date.parse(e.time) >= Date.parse(since.time);
}

/**
 * Events after a point, oldest first: `since` is an ISO time (events at or after it) or a sequence number (events
 * after it, which is what a bulk user who remembers the last seq it applied asks for). Reads only the chunks that
 * can contain such events.
 */
export async function readChangesSince(
  store: BlobStore,
  state: ChangeFeedState,
  since: FeedPosition,
  limit = Number.POSITIVE_INFINITY,
): Promise<ChangeEvent[]> {
  const out: ChangeEvent[] = [];
  for (const chunk of state.chunks) {
    if (!isAfter(since, chunk.last)) continue;
    for (const event of await readChunk(store, chunk)) {
      if (!isAfter(since, event)) continue;
      out.push(event);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
