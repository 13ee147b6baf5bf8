import { readRange, type BlobStore } from '../../ports/blob-store.ts';
import type { ReadModelEntry } from '../manifest.ts';
import { publicKey } from '../paths.ts';
import type { RangeReader } from './lazy-index.ts';

/** Ranged reads of more than this are split into pieces fetched in parallel (S3 serves parallel GETs faster). */
export const RANGE_PIECE_BYTES = 4 * 1024 * 1024;
const PARALLEL_PIECES = 8;

export class IndexFileRangeError extends Error {
  override name = 'IndexFileRangeError';
}

/**
 * Bytes [start, end) of an index file stored in parts (manifest `readModel.parts`): one ranged read per part it
 * touches, split into pieces of at most RANGE_PIECE_BYTES, up to PARALLEL_PIECES at a time, into one buffer.
 */
export function indexFileRanges(store: BlobStore, entry: ReadModelEntry): RangeReader {
  const starts: number[] = [];
  let total = 0;
  for (const part of entry.parts) {
    starts.push(total);
    total += part.bytes;
  }
  return {
    size: entry.bytes,
    async read(start: number, end: number): Promise<Uint8Array> {
      if (total !== entry.bytes) throw new IndexFileRangeError('the index file parts do not add up to its size');
      if (start < 0 || end < start || end > total)
        throw new IndexFileRangeError(`bytes [${start}, ${end}) are not in the index file (${total} bytes)`);
      const pieces: Array<{ part: number; from: number; to: number }> = [];
      entry.parts.forEach((part, i) => {
        const from = Math.max(start, starts[i]!);
        const to = Math.min(end, starts[i]! + part.bytes);
        for (let a = from; a < to; a += RANGE_PIECE_BYTES)
          pieces.push({ part: i, from: a, to: Math.min(to, a + RANGE_PIECE_BYTES) });
      });
      // One piece (a window of titles, a small part) is returned as read: no second copy.
      const out = pieces.length === 1 ? null : new Uint8Array(end - start);
      let only: Uint8Array | null = null;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let k = next++; k < pieces.length; k = next++) {
          const { part, from, to } = pieces[k]!;
          const path = entry.parts[part]!.path;
          const bytes = await readRange(store, publicKey(path), from - starts[part]!, to - starts[part]!);
          if (bytes === null) throw new IndexFileRangeError(`public/${path} is listed but missing`);
          if (bytes.length !== to - from)
            throw new IndexFileRangeError(
              `public/${path} is shorter than the manifest says (${entry.parts[part]!.bytes} bytes)`,
            );
          if (out) out.set(bytes, from - start);
          else only = bytes;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_PIECES, pieces.length) }, worker));
      return out ?? only ?? new Uint8Array(0);
    },
  };
}
