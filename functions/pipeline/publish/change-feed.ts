import { FORMAT_ENTRIES } from '../../core/render/formats/media-types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { shortHash } from '../../lib/hash.ts';
import type { ChangeEvent, ChangeFeedState, ChunkEntry } from '../../published/manifest.ts';
import { encodeChunk, readChunk } from '../../published/change-feed.ts';
import { changeChunkPath } from '../../published/paths.ts';
import { putFile } from '../../published/public-store.ts';
import type { PendingEvent } from './unit-update.ts';

/**
 * The change feed: every added, changed or withdrawn § with a sequence number and a time, in chunks of NDJSON.
 *
 * Append-only and immutable: a chunk is a file whose name carries its content hash. Appending to the open (last,
 * not yet full) chunk writes a new version of it under a new name; the previous version stays for the snapshots that
 * list it. Once a chunk holds `chunkSize` events it is never rewritten again, so one publish rewrites at most one
 * chunk of bounded size, and "what changed since T" reads only the chunks whose last event is at or after T.
 */
export const DEFAULT_CHUNK_SIZE = 1000;
export const EMPTY_FEED: ChangeFeedState = { lastSeq: 0, chunks: [] };

export interface AppendResult {
  state: ChangeFeedState;
  events: ChangeEvent[];
  writes: number;
}

export async function appendEvents(
  store: BlobStore,
  state: ChangeFeedState,
  pending: readonly PendingEvent[],
  time: string,
  chunkSize = DEFAULT_CHUNK_SIZE,
): Promise<AppendResult> {
  if (pending.length === 0) return { state, events: [], writes: 0 };
  const events = pending.map((e, i): ChangeEvent => ({ seq: state.lastSeq + 1 + i, time, ...e }));
  const chunks = [...state.chunks];
  let rest = events;
  let writes = 0;
  const open = chunks[chunks.length - 1];
  if (open && open.count < chunkSize) {
    const earlier = await readChunk(store, open);
    const take = rest.slice(0, chunkSize - open.count);
    rest = rest.slice(take.length);
    chunks[chunks.length - 1] = await writeChunk(store, open.number, [...earlier, ...take]);
    writes++;
  }
  for (let number = (chunks[chunks.length - 1]?.number ?? 0) + 1; rest.length > 0; number++) {
    chunks.push(await writeChunk(store, number, rest.slice(0, chunkSize)));
    rest = rest.slice(chunkSize);
    writes++;
  }
  return { state: { lastSeq: events[events.length - 1]!.seq, chunks }, events, writes };
}

/** Writes one chunk version under its content-addressed name and returns its manifest entry. */
export async function writeChunk(
  store: BlobStore,
  number: number,
  events: readonly ChangeEvent[],
): Promise<ChunkEntry> {
  const bytes = encodeChunk(events);
  const file = await putFile(
    store,
    changeChunkPath(number, shortHash(bytes)),
    bytes,
    FORMAT_ENTRIES.ndjson.contentType,
  );
  const first = events[0]!;
  const last = events[events.length - 1]!;
  return {
    ...file,
    number,
    count: events.length,
    first: { seq: first.seq, time: first.time },
    last: { seq: last.seq, time: last.time },
  };
}
