import type { IndexBuilder } from './index-builder.ts';
import type { HashedDocs, ParagraphIndex } from './paragraph-index.ts';
import type { UnitInfo } from './types.ts';

/**
 * Copies the unchanged units of an earlier index into a new one, so that a publish that changed a few units reads
 * only their files and not the whole archive's. An index is inverted (word → documents); the builder wants each
 * document's words, so the postings are turned around once, on first use (4 bytes per posting, for the publisher,
 * never for an API instance).
 */
export class IndexReuse {
  readonly #index: ParagraphIndex;
  readonly #byDir: Map<string, number>;
  #meetingsOfUnit: Uint32Array[] | null = null;
  #forward: { starts: Uint32Array; words: Uint32Array } | null = null;
  #cases: { starts: Uint32Array; pairs: Uint32Array } | null = null;
  #references: { starts: Uint32Array; pairs: Uint32Array } | null = null;
  /** Old word id → term id in the builder (-1: not yet asked). One builder per IndexReuse. */
  #termIds: Int32Array;

  constructor(index: ParagraphIndex) {
    this.#index = index;
    this.#byDir = new Map(index.parts.units.map((u, i) => [u.dir, i]));
    this.#termIds = new Int32Array(index.parts.text.words.length).fill(-1);
  }

  /** The earlier index's unit with this (content-addressed) folder, i.e. with exactly these files; or undefined. */
  unitWithDir(dir: string): UnitInfo | undefined {
    const i = this.#byDir.get(dir);
    return i === undefined ? undefined : this.#index.parts.units[i];
  }

  /** The units of a municipality in the earlier index, by "<body>/<year>" (as its municipality index lists them). */
  unitsOf(municipality: string): UnitInfo[] {
    return this.#index.parts.units
      .filter((u) => u.municipality === municipality)
      .sort((a, b) => cmp(`${a.body}/${a.year}`, `${b.body}/${b.year}`));
  }

  /** Adds the unit with folder `dir` (see unitWithDir) with its meetings and § to the builder, as new unit `unit`. */
  copyUnit(builder: IndexBuilder, dir: string, unit: number): void {
    const old = this.#byDir.get(dir);
    if (old === undefined) throw new RangeError(`no unit ${dir} in the earlier index`);
    const { meetings, docs, strings, text } = this.#index.parts;
    this.#meetingsOfUnit ??= groupBy(meetings.unit, this.#index.parts.units.length);
    this.#forward ??= invertPostings(text.offsets, text.postings, this.#index.size);
    this.#cases ??= byDocument(this.#index.parts.cases, this.#index.size);
    this.#references ??= byDocument(this.#index.parts.references, this.#index.size);
    const forward = this.#forward;
    for (const m of this.#meetingsOfUnit[old]!) {
      const id = meetings.ids[m]!;
      builder.addIndexedMeeting(unit, id, meetings.date[m]!, meetings.bodyName[m]!, meetings.file[m]!);
      for (let d = meetings.first[m]!; d < meetings.first[m]! + meetings.count[m]!; d++) {
        const words = forward.words.subarray(forward.starts[d]!, forward.starts[d + 1]!);
        const termIds = new Uint32Array(words.length);
        for (let i = 0; i < words.length; i++) termIds[i] = this.#termId(builder, words[i]!);
        builder.addIndexed(id, {
          flags: docs.flags[d]!,
          pageStart: docs.pageStart[d]!,
          pageEnd: docs.pageEnd[d]!,
          record: strings.view(docs.strChunk[d]!, docs.strOffset[d]!, docs.strLength[d]!),
          termIds,
          cases: hashesOf(this.#index.parts.cases, this.#cases, d),
          references: hashesOf(this.#index.parts.references, this.#references, d),
        });
      }
    }
  }

  #termId(builder: IndexBuilder, word: number): number {
    let id = this.#termIds[word]!;
    if (id < 0) {
      id = builder.termId(this.#index.parts.text.words.at(word)!);
      this.#termIds[word] = id;
    }
    return id;
  }
}

/** Positions 0..n-1 grouped by their value in `column` (ascending within a group). */
function groupBy(column: Uint32Array, groups: number): Uint32Array[] {
  const counts = new Uint32Array(groups);
  for (const g of column) counts[g]!++;
  const out = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(groups);
  for (let i = 0; i < column.length; i++) out[column[i]!]![fill[column[i]!]!++] = i;
  return out;
}

/** Word → documents turned into document → words (CSR: words[starts[d] .. starts[d + 1])). */
function invertPostings(
  offsets: Uint32Array,
  postings: Uint32Array,
  documents: number,
): { starts: Uint32Array; words: Uint32Array } {
  const starts = new Uint32Array(documents + 1);
  for (const d of postings) starts[d + 1]!++;
  for (let d = 0; d < documents; d++) starts[d + 1]! += starts[d]!;
  const fill = starts.slice(0, documents);
  const words = new Uint32Array(postings.length);
  for (let w = 0; w + 1 < offsets.length; w++) {
    for (let p = offsets[w]!; p < offsets[w + 1]!; p++) words[fill[postings[p]!]!++] = w;
  }
  return { starts, words };
}

/** The pairs of a hashed multimap by document (CSR over pair positions). */
function byDocument(map: HashedDocs, documents: number): { starts: Uint32Array; pairs: Uint32Array } {
  const starts = new Uint32Array(documents + 1);
  for (const d of map.docs) starts[d + 1]!++;
  for (let d = 0; d < documents; d++) starts[d + 1]! += starts[d]!;
  const fill = starts.slice(0, documents);
  const pairs = new Uint32Array(map.docs.length);
  for (let i = 0; i < map.docs.length; i++) pairs[fill[map.docs[i]!]!++] = i;
  return { starts, pairs };
}

function hashesOf(map: HashedDocs, byDoc: { starts: Uint32Array; pairs: Uint32Array }, doc: number): number[] {
  const out: number[] = [];
  for (let i = byDoc.starts[doc]!; i < byDoc.starts[doc + 1]!; i++) out.push(map.hashes[byDoc.pairs[i]!]!);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
