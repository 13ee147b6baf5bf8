import { unitName } from '../../published/paths.ts';
import { ParagraphIndex, type ParagraphIndexParts } from '../../published/read-model/paragraph-index.ts';
import { completesWith } from '../../published/read-model/lazy-index.ts';
import { type LoadedSegment, supersededAfter } from '../../published/read-model/segments.ts';
import { StringBlob } from '../../published/read-model/string-blob.ts';
import { mapped, mergeHashed, SegmentedText, suffixesOf } from './segment-parts.ts';
import type { UnitInfo } from '../../published/read-model/types.ts';

/**
 * Answers across a base segment and delta segments (docs/read-model.md, "Segments") as one index, so that queries,
 * routes and pages see one document order. The live units of every segment (those no later segment supersedes) are
 * numbered as one build from their unit files would number them: units by municipality, body and year; meetings by
 * date and id; each meeting's § in printed order. The per-§ columns and the case and reference maps are merged into
 * that order (a pass over the base's columns: no parse, no string copied); titles and excerpts stay in each segment's
 * string blob; a search runs in every segment's own dictionary and its hits are mapped into the global order.
 *
 * Lazy like each segment (lazy-index.ts): only the hot parts (units, meetings, § columns) are composed here. The
 * meetings' file paths and the case and reference maps are composed on first use, a title is read through its
 * segment's blob, and a search asks each segment's dictionary; each throws IndexPartPendingError while a segment's
 * part is still being read, and the API waits and answers afresh. So a start with deltas listed answers as soon as
 * every segment's hot parts are in, as a start with a base alone does.
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
    file: [] as string[], // composed on first use (below)
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
    meetings.unit[g] = unitOf[seg]![src.unit[m]!]!;
    meetings.first[g] = n;
    meetings.count[g] = src.count[m]!;
    n += src.count[m]!;
  }

  // The § columns in global order; each segment's document → global document (-1: superseded).
  const docOf = segments.map((s) => new Int32Array(s.index.size).fill(-1));
  const chunkBase: number[] = [];
  const chunks: Buffer[] = [];
  /** Composed chunk → the segment and its own chunk (a segment's chunks are filled in place as they arrive). */
  const chunkSource: Array<{ seg: number; local: number }> = [];
  segments.forEach((s, seg) => {
    chunkBase.push(chunks.length);
    s.index.parts.strings.usedChunks().forEach((c, local) => {
      chunks.push(c);
      chunkSource.push({ seg, local });
    });
  });
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
  const runs: Array<{ seg: number; from: number; to: number }> = [];
  for (let g = 0; g < M; ) {
    const { seg, m } = order[g]!;
    let last = g;
    while (last + 1 < M && order[last + 1]!.seg === seg && order[last + 1]!.m === order[last]!.m + 1) last++;
    const src = segments[seg]!.index.parts;
    const from = src.meetings.first[m]!;
    const to = src.meetings.first[order[last]!.m]! + src.meetings.count[order[last]!.m]!;
    const at = meetings.first[g]!;
    runs.push({ seg, from, to });
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
    // A read asks the segment's own blob first, which throws while the bytes asked for are not in yet.
    strings: StringBlob.filledLater(chunks, (chunk, offset, length) => {
      const { seg, local } = chunkSource[chunk]!;
      segments[seg]!.index.parts.strings.view(local, offset, length);
    }),
    text: new SegmentedText(segments, docOf, n),
    byMunicipality: postingsBy(docs.municipality, municipalityList.length),
    byBody: postingsBy(docs.body, bodies.size),
    ...suffixesOf(segments, runs, n),
    cases: { hashes: new Uint32Array(0), docs: new Uint32Array(0) }, // composed on first use (below)
    references: { hashes: new Uint32Array(0), docs: new Uint32Array(0) },
  };
  onFirstUse(meetings, 'file', () => order.map(({ seg, m }) => segments[seg]!.index.parts.meetings.file[m]!));
  onFirstUse(parts, 'cases', () => mergeHashed(segments.map((s, i) => mapped(s.index.parts.cases, docOf[i]!))));
  onFirstUse(parts, 'references', () =>
    mergeHashed(segments.map((s, i) => mapped(s.index.parts.references, docOf[i]!))),
  );
  const index = new ParagraphIndex(parts);
  completesWith(
    index,
    segments.map((s) => s.index),
  );
  return index;
}

/**
 * `object[key]` computed by `compose` when first read, then kept. A compose that throws (a segment's part is still
 * being read: IndexPartPendingError) is tried again on the next read.
 */
function onFirstUse<T extends object, K extends keyof T>(object: T, key: K, compose: () => T[K]): void {
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: true,
    get: () => {
      const value = compose();
      Object.defineProperty(object, key, { value, enumerable: true });
      return value;
    },
  });
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
