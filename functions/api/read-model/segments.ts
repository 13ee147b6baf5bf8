import type { ParsedQuery } from '../../core/search/parse-query.ts';
import { unitName } from '../../published/paths.ts';
import {
  type HashedDocs,
  ParagraphIndex,
  type ParagraphIndexParts,
} from '../../published/read-model/paragraph-index.ts';
import { type LoadedSegment, supersededAfter } from '../../published/read-model/segments.ts';
import { StringBlob } from '../../published/read-model/string-blob.ts';
import { TextIndex } from '../../published/read-model/text-index.ts';
import type { UnitInfo } from '../../published/read-model/types.ts';

/**
 * Answers across a base segment and delta segments (docs/read-model.md, "Segments") as one index, so that queries,
 * routes and pages see one document order. The live units of every segment (those no later segment supersedes) are
 * numbered as one build from their unit files would number them: units by municipality, body and year; meetings by
 * date and id; each meeting's § in printed order. The per-§ columns and the case and reference maps are merged into
 * that order (a pass over the base's columns: no parse, no string copied); titles and excerpts stay in each segment's
 * string blob; a search runs in every segment's own dictionary and its hits are mapped into the global order.
 */
export function composeSegments(segments: readonly LoadedSegment[]): ParagraphIndex {
  if (segments.length === 1) return segments[0]!.index; // a base supersedes nothing
  const dead = supersededAfter(segments);
  const live = segments.map((s, i) => s.index.parts.units.map((u) => !dead[i]!.has(u.dir)));

  // Units, municipalities and bodies in the order a build from the unit files adds them.
  const units: Array<{ seg: number; local: number; info: UnitInfo }> = [];
  segments.forEach((s, seg) =>
    s.index.parts.units.forEach((info, local) => {
      if (live[seg]![local]) units.push({ seg, local, info });
    }),
  );
  units.sort((a, b) => cmp(a.info.municipality, b.info.municipality) || cmp(unitName(a.info), unitName(b.info)));
  const unitOf = segments.map((s) => new Int32Array(s.index.parts.units.length).fill(-1));
  const municipalities = new Map<string, { slug: string; name: string }>();
  const bodies = new Map<string, number>();
  units.forEach((u, g) => {
    unitOf[u.seg]![u.local] = g;
    if (!municipalities.has(u.info.municipality))
      municipalities.set(u.info.municipality, { slug: u.info.municipality, name: u.info.municipalityName });
    if (!bodies.has(u.info.body)) bodies.set(u.info.body, bodies.size);
  });
  const municipalityList = [...municipalities.values()].sort((a, b) => cmp(a.slug, b.slug));
  const muniId = new Map(municipalityList.map((m, i) => [m.slug, i]));

  // Meetings of live units, merged by date and id (each segment's table is in that order already).
  const order = mergeMeetings(segments, (seg, m) => unitOf[seg]![segments[seg]!.index.parts.meetings.unit[m]!]! >= 0);
  const M = order.length;
  const meetings = {
    ids: new Array<string>(M),
    date: new Uint32Array(M),
    municipality: new Uint16Array(M),
    body: new Uint16Array(M),
    bodyName: new Array<string>(M),
    file: new Array<string>(M),
    unit: new Uint32Array(M),
    first: new Uint32Array(M),
    count: new Uint32Array(M),
  };
  let n = 0;
  for (let g = 0; g < M; g++) {
    const { seg, m } = order[g]!;
    const src = segments[seg]!.index.parts.meetings;
    const unit = units[unitOf[seg]![src.unit[m]!]!]!.info;
    meetings.ids[g] = src.ids[m]!;
    meetings.date[g] = src.date[m]!;
    meetings.municipality[g] = muniId.get(unit.municipality)!;
    meetings.body[g] = bodies.get(unit.body)!;
    meetings.bodyName[g] = src.bodyName[m]!;
    meetings.file[g] = src.file[m]!;
    meetings.unit[g] = unitOf[seg]![src.unit[m]!]!;
    meetings.first[g] = n;
    meetings.count[g] = src.count[m]!;
    n += src.count[m]!;
  }

  // The § columns in global order; each segment's document → global document (-1: superseded).
  const docOf = segments.map((s) => new Int32Array(s.index.size).fill(-1));
  const chunkBase: number[] = [];
  const chunks: Buffer[] = [];
  for (const s of segments) {
    chunkBase.push(chunks.length);
    chunks.push(...s.index.parts.strings.usedChunks());
  }
  const docs = {
    meeting: new Uint32Array(n),
    date: new Uint32Array(n),
    municipality: new Uint16Array(n),
    body: new Uint16Array(n),
    flags: new Uint8Array(n),
    pageStart: new Uint16Array(n),
    pageEnd: new Uint16Array(n),
    strChunk: new Uint16Array(n),
    strOffset: new Uint32Array(n),
    strLength: new Uint32Array(n),
  };
  for (let g = 0; g < M; g++) {
    const at = meetings.first[g]!;
    const end = at + meetings.count[g]!;
    docs.meeting.fill(g, at, end);
    docs.date.fill(meetings.date[g]!, at, end);
    docs.municipality.fill(meetings.municipality[g]!, at, end);
    docs.body.fill(meetings.body[g]!, at, end);
  }
  // Runs of meetings that follow each other in one segment are contiguous there and here: copied as blocks.
  for (let g = 0; g < M; ) {
    const { seg, m } = order[g]!;
    let last = g;
    while (last + 1 < M && order[last + 1]!.seg === seg && order[last + 1]!.m === order[last]!.m + 1) last++;
    const src = segments[seg]!.index.parts;
    const from = src.meetings.first[m]!;
    const to = src.meetings.first[order[last]!.m]! + src.meetings.count[order[last]!.m]!;
    const at = meetings.first[g]!;
    for (const k of ['flags', 'pageStart', 'pageEnd', 'strChunk', 'strOffset', 'strLength'] as const) {
      (docs[k] as Uint32Array).set((src.docs[k] as Uint32Array).subarray(from, to), at);
    }
    const map = docOf[seg]!;
    const base = chunkBase[seg]!;
    for (let d = from; d < to; d++) {
      map[d] = at + d - from;
      if (base > 0) docs.strChunk[at + d - from]! += base;
    }
    g = last + 1;
  }
  const parts: ParagraphIndexParts = {
    units: units.map((u) => u.info),
    municipalities: municipalityList,
    bodies: [...bodies.keys()],
    docs,
    meetings,
    strings: StringBlob.from(chunks),
    text: new SegmentedText(segments, docOf, n),
    byMunicipality: postingsBy(docs.municipality, municipalityList.length),
    byBody: postingsBy(docs.body, bodies.size),
    cases: mergeHashed(segments.map((s, i) => mapped(s.index.parts.cases, docOf[i]!))),
    references: mergeHashed(segments.map((s, i) => mapped(s.index.parts.references, docOf[i]!))),
  };
  return new ParagraphIndex(parts);
}

/** Full-text search over every segment's own dictionary; hits are mapped to global documents, superseded ones dropped. */
class SegmentedText extends TextIndex {
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

function mergeMeetings(
  segments: readonly LoadedSegment[],
  keep: (seg: number, m: number) => boolean,
): Array<{ seg: number; m: number }> {
  const heads = segments.map(() => 0);
  const out: Array<{ seg: number; m: number }> = [];
  for (;;) {
    let best = -1;
    for (let s = 0; s < segments.length; s++) {
      const t = segments[s]!.index.parts.meetings;
      while (heads[s]! < t.ids.length && !keep(s, heads[s]!)) heads[s]!++;
      if (heads[s]! >= t.ids.length) continue;
      if (best < 0 || before(segments[s]!, heads[s]!, segments[best]!, heads[best]!)) best = s;
    }
    if (best < 0) return out;
    out.push({ seg: best, m: heads[best]!++ });
  }
}

function before(a: LoadedSegment, i: number, b: LoadedSegment, j: number): boolean {
  const x = a.index.parts.meetings;
  const y = b.index.parts.meetings;
  return x.date[i]! !== y.date[j]! ? x.date[i]! < y.date[j]! : x.ids[i]! < y.ids[j]!;
}

/** A segment's (hash, document) pairs in global documents, superseded ones dropped; still sorted (the map is monotonic). */
function mapped(map: HashedDocs, docOf: Int32Array): HashedDocs {
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
function mergeHashed(lists: HashedDocs[]): HashedDocs {
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

function postingsBy(column: Uint16Array, groups: number): Uint32Array[] {
  const counts = new Uint32Array(groups);
  for (let d = 0; d < column.length; d++) counts[column[d]!]!++;
  const lists = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(groups);
  for (let d = 0; d < column.length; d++) {
    const g = column[d]!;
    lists[g]![fill[g]!++] = d;
  }
  return lists;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
