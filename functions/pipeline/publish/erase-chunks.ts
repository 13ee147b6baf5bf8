import type { BlobStore } from '../../ports/blob-store.ts';
import type { ChangeEvent, ChunkEntry } from '../../published/manifest.ts';
import { readChunk } from '../../published/change-feed.ts';
import { writeChunk } from './change-feed.ts';

/**
 * The change feed's part of an erasure. Events never carry a § text, but an `added` or `changed` event carries the
 * hash of the § as published, and a hash of a known text with one unknown personnummer in it can be confirmed by
 * trying every number; so every chunk version with such an event for an erased § is written again without the hash
 * (same events, same sequence numbers and times) under its new content-addressed name. The withdrawn event itself is
 * the tombstone: id, meeting, unit, time and reason category.
 */
export class ChunkEraser {
  /** Old chunk paths (relative to public/), replaced. */
  readonly garbage = new Set<string>();
  writes = 0;
  readonly #memo = new Map<string, ChunkEntry>();

  constructor(
    private readonly store: BlobStore,
    private readonly ids: ReadonlySet<string>,
  ) {}

  /** The chunk without the hashes of erased §; the same entry when it has none. */
  async erased(chunk: ChunkEntry): Promise<ChunkEntry> {
    const known = this.#memo.get(chunk.path);
    if (known) return known;
    const events = await readChunk(this.store, chunk);
    let result = chunk;
    if (events.some((e) => this.#holds(e))) {
      result = await writeChunk(
        this.store,
        chunk.number,
        events.map((e) => (this.#holds(e) ? withoutHash(e) : e)),
      );
      this.writes++;
      this.garbage.add(chunk.path);
    }
    this.#memo.set(chunk.path, result);
    return result;
  }

  /** Whether raw chunk bytes hold an event that gives away an erased § (for chunk versions no manifest lists). */
  holdsAny(events: readonly ChangeEvent[]): boolean {
    return events.some((e) => this.#holds(e));
  }

  #holds(e: ChangeEvent): boolean {
    return this.ids.has(e.id) && e.hash !== undefined;
  }
}

function withoutHash(e: ChangeEvent): ChangeEvent {
  const { hash: _hash, ...rest } = e;
  return rest;
}
