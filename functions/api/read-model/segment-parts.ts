/**
 * The parts of a composed index (segments.ts) that are read across segments: full-text search, the case and
 * reference maps, and the § id suffixes.
 */
import type { ParsedQuery } from '../../core/search/parse-query.ts';
import type { HashedDocs, ParagraphIndexParts } from '../../published/read-model/paragraph-index.ts';
import type { LoadedSegment } from '../../published/read-model/segments.ts';
import { TextIndex } from '../../published/read-model/text-index.ts';

/** Full-text search over every segment's own dictionary; hits are mapped to global documents, superseded ones dropped. */
export class SegmentedText extends TextIndex {
  readonly #segments: readonly LoadedSegment[];
  readonly #docOf: readonly Int32Array[];

  constructor(segments: readonly LoadedSegment[], docOf: readonly Int32Array[], documents: number) {
    super([], new Uint32Array(1), new Uint32Array(0), documents);
    this.#segments = segments;
    this.#docOf = docOf;
  }

  override postingsOf(word: string): Uint32Array {
    return this.#across((t) => t.postingsOf(word));
  }

  override search(query: ParsedQuery): Uint32Array {
    return this.#across((t) => t.search(query));
  }

  #across(f: (text: TextIndex) => Uint32Array): Uint32Array {
    const lists = this.#segments.map((s, i) => {
      const map = this.#docOf[i]!;
      const local = f(s.index.parts.text);
      const out = new Uint32Array(local.length);
      let k = 0;
      for (const d of local) if (map[d]! >= 0) out[k++] = map[d]!;
      return out.subarray(0, k);
    });
    const total = lists.reduce((sum, l) => sum + l.length, 0);
    const out = new Uint32Array(total);
    let at = 0;
    for (const l of lists) {
      out.set(l, at);
      at += l.length;
    }
    return lists.filter((l) => l.length > 0).length > 1 ? out.sort() : out;
  }
}

/** A segment's (hash, document) pairs in global documents, superseded ones dropped; still sorted (the map is monotonic). */
export function mapped(map: HashedDocs, docOf: Int32Array): HashedDocs {
  const hashes = new Uint32Array(map.hashes.length);
  const docs = new Uint32Array(map.docs.length);
  let k = 0;
  for (let i = 0; i < map.docs.length; i++) {
    const d = docOf[map.docs[i]!]!;
    if (d < 0) continue;
    hashes[k] = map.hashes[i]!;
    docs[k++] = d;
  }
  return { hashes: hashes.subarray(0, k), docs: docs.subarray(0, k) };
}

/** Sorted (hash, document) lists merged into one, two at a time (a few small deltas beside one base). */
export function mergeHashed(lists: HashedDocs[]): HashedDocs {
  return lists.reduce((a, b) => {
    if (b.hashes.length === 0) return a;
    const hashes = new Uint32Array(a.hashes.length + b.hashes.length);
    const docs = new Uint32Array(hashes.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < hashes.length; k++) {
      const takeA =
        j >= b.hashes.length ||
        (i < a.hashes.length &&
          (a.hashes[i]! < b.hashes[j]! || (a.hashes[i] === b.hashes[j] && a.docs[i]! < b.docs[j]!)));
      hashes[k] = takeA ? a.hashes[i]! : b.hashes[j]!;
      docs[k] = takeA ? a.docs[i++]! : b.docs[j++]!;
    }
    return { hashes, docs };
  });
}

/**
 * The § id suffixes in global order (a hot part, so ids resolve before the titles are in), from the runs of documents
 * copied from each segment; none when a segment has none (an index built in memory), and ids come from the strings.
 */
export function suffixesOf(
  segments: readonly LoadedSegment[],
  runs: ReadonlyArray<{ seg: number; from: number; to: number }>,
  documents: number,
): Pick<ParagraphIndexParts, 'suffixes'> {
  const sources = segments.map((s) => s.index.parts.suffixes);
  if (sources.some((x) => x === undefined)) return {};
  const start = (seg: number, d: number) => (d === 0 ? 0 : sources[seg]!.ends[d - 1]!);
  const total = runs.reduce((sum, r) => sum + start(r.seg, r.to) - start(r.seg, r.from), 0);
  const bytes = Buffer.allocUnsafe(total);
  const ends = new Uint32Array(documents);
  let at = 0;
  let doc = 0;
  for (const { seg, from, to } of runs) {
    const src = sources[seg]!;
    const begin = start(seg, from);
    bytes.set(src.bytes.subarray(begin, start(seg, to)), at);
    for (let d = from; d < to; d++) ends[doc++] = at + src.ends[d]! - begin;
    at += start(seg, to) - begin;
  }
  return { suffixes: { bytes, ends } };
}
