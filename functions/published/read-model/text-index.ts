import { ChunkedUint32 } from './growable.ts';
import type { ParsedQuery } from '../../core/search/parse-query.ts';
import { tokenize } from '../../core/search/tokenize.ts';

/** Beyond this many dictionary words a prefix is not expanded further (a two-letter prefix can match thousands). */
export const MAX_PREFIX_TERMS = 4096;

/** The sorted dictionary: a string array, or words packed in one buffer (PackedWords, from an index file). */
export interface WordList {
  readonly length: number;
  at(i: number): string | undefined;
}

/**
 * Words as UTF-8 in one buffer with their end offsets: what an index file stores and loads without a parse, and
 * without a string object per word. Word i is decoded when a lookup compares it (a binary search decodes about
 * log2(n) words).
 */
export class PackedWords implements WordList {
  constructor(
    readonly bytes: Buffer,
    /** Word i is bytes[ends[i - 1] .. ends[i]). */
    readonly ends: Uint32Array,
  ) {}

  get length(): number {
    return this.ends.length;
  }

  at(i: number): string | undefined {
    if (i < 0 || i >= this.ends.length) return undefined;
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }
}

/**
 * An inverted index: for every folded word, the ascending ids of the documents that contain it, as one Uint32Array of
 * postings with per-word offsets (compressed sparse rows). Words are sorted, so the words with a prefix are a range.
 */
export class TextIndex {
  constructor(
    /** Sorted words (by UTF-16 code units, as `<` compares); a word's id is its position. */
    readonly words: WordList,
    /** Postings of word i: postings[offsets[i] .. offsets[i + 1]). */
    readonly offsets: Uint32Array,
    readonly postings: Uint32Array,
    readonly documents: number,
  ) {}

  /** Documents containing the word (ascending), or an empty array. A view: do not modify. */
  postingsOf(word: string): Uint32Array {
    const i = this.#find(word);
    return i < 0 ? EMPTY : this.postings.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Documents matching every term and, for every prefix, some word starting with it; ascending. */
  search(query: ParsedQuery): Uint32Array {
    const lists = query.terms.map((t) => this.postingsOf(t));
    for (const prefix of query.prefixes) {
      const union = this.#prefixUnion(prefix);
      if (union === null) return EMPTY;
      lists.push(union);
    }
    if (lists.length === 0) return EMPTY;
    lists.sort((a, b) => a.length - b.length);
    let result = lists[0]!;
    for (let i = 1; i < lists.length && result.length > 0; i++) result = intersect(result, lists[i]!);
    return result;
  }

  /** Binary search for an exact word. */
  #find(word: string): number {
    let lo = 0;
    let hi = this.words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = this.words.at(mid)!;
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** First word ≥ `word`. */
  #lowerBound(word: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words.at(mid)! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Union of the postings of every word with the prefix, via a bit set (linear in the postings touched; the set is
   * one bit a document, and is read out 32 documents at a time, skipping empty words).
   */
  #prefixUnion(prefix: string): Uint32Array | null {
    const from = this.#lowerBound(prefix);
    let to = from;
    while (to < this.words.length && to - from < MAX_PREFIX_TERMS && this.words.at(to)!.startsWith(prefix)) to++;
    if (to === from) return null;
    if (to - from === 1) return this.postings.subarray(this.offsets[from]!, this.offsets[from + 1]!);
    const bits = new Uint32Array((this.documents + 31) >>> 5);
    const { postings } = this;
    for (let p = this.offsets[from]!, end = this.offsets[to]!; p < end; p++) {
      const d = postings[p]!;
      bits[d >>> 5]! |= 1 << (d & 31);
    }
    let count = 0;
    for (let w = 0; w < bits.length; w++) count += popcount(bits[w]!);
    const out = new Uint32Array(count);
    for (let w = 0, n = 0; n < count; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        out[n++] = (w << 5) + 31 - Math.clz32(low);
        word ^= low;
      }
    }
    return out;
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const EMPTY = new Uint32Array(0);

/** Intersection of two ascending lists; binary search in the longer one when it is much longer. */
export function intersect(small: Uint32Array, large: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(small.length, large.length));
  let n = 0;
  if (large.length > small.length * 16) {
    let lo = 0;
    for (let i = 0; i < small.length; i++) {
      const v = small[i]!;
      let hi = large.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (large[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      if (lo < large.length && large[lo] === v) out[n++] = v;
    }
  } else {
    for (let i = 0, j = 0; i < small.length && j < large.length; ) {
      const a = small[i]!;
      const b = large[j]!;
      if (a === b) {
        out[n++] = a;
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
  }
  return out.subarray(0, n);
}

/**
 * Builds a TextIndex while documents arrive in any order. Each document's distinct word ids are kept in a chunked
 * forward list; `finish` turns it into postings in the final document order, which comes out sorted without a sort.
 * Peak memory is the forward list plus the postings (4 bytes each per distinct word per document).
 */
export class TextIndexBuilder {
  readonly #ids = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #forward = new ChunkedUint32();
  readonly #starts = new ChunkedUint32();

  /** `terms` turns a document's text into index terms; the default is Paragraf's Swedish search terms. */
  constructor(readonly terms: (text: string) => string[] = tokenize) {}

  /** Adds the next document (its position = the number of documents added before it). */
  add(text: string): void {
    this.#starts.push(this.#forward.length);
    const seen = new Set<number>();
    for (const token of this.terms(text)) {
      const id = this.intern(token);
      if (seen.has(id)) continue;
      seen.add(id);
      this.#forward.push(id);
    }
  }

  /** Adds the next document as the ids (from `intern`) of its distinct terms: a document of an earlier index. */
  addTermIds(ids: ArrayLike<number>): void {
    this.#starts.push(this.#forward.length);
    for (let i = 0; i < ids.length; i++) this.#forward.push(ids[i]!);
  }

  /** The id of a term in this builder, added to its dictionary when new. */
  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#words.length;
      this.#ids.set(term, id);
      this.#words.push(term);
    }
    return id;
  }

  /** `order[final] = added`: the document added as number `added` gets id `final`. */
  finish(order: Uint32Array): TextIndex {
    this.#starts.push(this.#forward.length);
    const sorted = this.#words.map((w, id) => ({ w, id })).sort((a, b) => (a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
    const rank = new Uint32Array(this.#words.length);
    sorted.forEach((s, i) => (rank[s.id] = i));
    const counts = new Uint32Array(this.#words.length + 1);
    for (let i = 0; i < this.#forward.length; i++) counts[rank[this.#forward.get(i)]! + 1]!++;
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    const offsets = counts.slice();
    const postings = new Uint32Array(this.#forward.length);
    for (let final = 0; final < order.length; final++) {
      const added = order[final]!;
      for (let p = this.#starts.get(added); p < this.#starts.get(added + 1); p++) {
        postings[counts[rank[this.#forward.get(p)]!]!++] = final;
      }
    }
    return new TextIndex(
      sorted.map((s) => s.w),
      offsets,
      postings,
      order.length,
    );
  }
}
