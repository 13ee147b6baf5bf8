import { meetingId as meetingIdOf, paragraphId as paragraphIdOf } from '../../core/records/ids.ts';
import type { ParagraphRecord } from '../../core/render/records.ts';
import { ChunkedUint32, grow } from './growable.ts';
import {
  caseKey,
  dateNumber,
  FIELD_SEPARATOR,
  FLAG,
  hash32,
  ParagraphIndex,
  type HashedDocs,
} from './paragraph-index.ts';
import { StringBlob } from './string-blob.ts';
import { TextIndexBuilder } from './text-index.ts';
import type { UnitInfo } from './types.ts';

/** Lists show this much of a decision; the whole text is one request away (GET /v1/paragraphs/{id}). */
export const EXCERPT_CHARS = 280;
const MAX_TITLE_CHARS = 1000;

/** A § of an earlier index: its columns, its stored JSON fragment, its terms (ids from termId) and key hashes. */
export interface IndexedDoc {
  flags: number;
  pageStart: number;
  pageEnd: number;
  record: Uint8Array;
  termIds: ArrayLike<number>;
  cases: readonly number[];
  references: readonly number[];
}

interface MeetingDraft {
  id: string;
  date: number;
  unit: number;
  bodyName: string;
  /** Its published JSON file (path under public/), when known. */
  file: string;
  docs: number[];
}

/**
 * Builds a ParagraphIndex from units, meetings and § records arriving in any order (unit by unit, as they are read
 * from the published files). `finish` sorts meetings by date and id and renumbers the § so that document order is
 * date order: a date range is then a range of documents, and every posting list is already in date order.
 */
export class IndexBuilder {
  readonly #units: UnitInfo[] = [];
  readonly #municipalities = new Map<string, { slug: string; name: string }>();
  readonly #bodies = new Map<string, number>();
  readonly #meetings = new Map<string, MeetingDraft>();
  readonly #strings = new StringBlob();
  readonly #text = new TextIndexBuilder();
  readonly #cases = { hashes: new ChunkedUint32(), docs: new ChunkedUint32() };
  readonly #refs = { hashes: new ChunkedUint32(), docs: new ChunkedUint32() };
  #n = 0;
  #flags = new Uint8Array(0);
  #pages = new Uint16Array(0);
  #str = new Uint32Array(0);

  addUnit(unit: UnitInfo): number {
    this.#units.push(unit);
    const known = this.#municipalities.get(unit.municipality);
    if (!known) this.#municipalities.set(unit.municipality, { slug: unit.municipality, name: unit.municipalityName });
    if (!this.#bodies.has(unit.body)) this.#bodies.set(unit.body, this.#bodies.size);
    return this.#units.length - 1;
  }

  /** A meeting of a unit; also those without published § (all held back), so their page and record exist. */
  addMeeting(unit: number, id: string, bodyName?: string, file?: string): MeetingDraft {
    let m = this.#meetings.get(id);
    if (!m) {
      m = {
        id,
        date: dateNumber(id.slice(-10)),
        unit,
        bodyName: bodyName ?? this.#units[unit]!.bodyName,
        file: '',
        docs: [],
      };
      this.#meetings.set(id, m);
    }
    if (bodyName) m.bodyName = bodyName;
    if (file) m.file = file;
    return m;
  }

  addParagraph(unit: number, p: ParagraphRecord): void {
    const meeting = this.addMeeting(unit, p.meetingId, p.body);
    if (p.meetingDate) meeting.date = dateNumber(p.meetingDate);
    const doc = this.#n++;
    meeting.docs.push(doc);
    this.#flags = grow(this.#flags, this.#n);
    this.#pages = grow(this.#pages, this.#n * 2);
    this.#str = grow(this.#str, this.#n * 3);
    this.#flags[doc] = flagsOf(p);
    this.#pages[doc * 2] = clampPage(p.pages?.[0]);
    this.#pages[doc * 2 + 1] = clampPage(p.pages?.[1]);
    const { excerpt, truncated } = excerptOf(p.decision);
    if (truncated) this.#flags[doc]! |= FLAG.truncated;
    const suffix = p.id.startsWith(`${p.meetingId}-`) ? p.id.slice(p.meetingId.length + 1) : p.id;
    const cases = p.caseNumbers.map((c) => c.normalized);
    // Kept as a ready JSON fragment: a list response is then assembled by concatenation, not re-serialised.
    const fragment = JSON.stringify({
      number: p.number,
      title: p.title.slice(0, MAX_TITLE_CHARS),
      caseNumbers: cases,
      decisionExcerpt: excerpt,
    }).slice(1, -1);
    const ref = this.#strings.add(`${suffix}${FIELD_SEPARATOR}${fragment}`);
    this.#str.set([ref.chunk, ref.offset, ref.length], doc * 3);
    this.#text.add(`${p.title}\n${p.decision}\n${cases.join(' ')}`);
    for (const c of new Set(cases.map(caseKey))) this.#pair(this.#cases, hash32(c), doc);
    for (const target of referencedIds(p, this.#units[unit]!)) this.#pair(this.#refs, hash32(target), doc);
  }

  /** A meeting of an earlier index, as it was there (its unit is unchanged). */
  addIndexedMeeting(unit: number, id: string, date: number, bodyName: string, file: string): void {
    const m = this.addMeeting(unit, id, bodyName, file);
    m.date = date;
  }

  /** A § of an earlier index, copied as it is there (its unit is unchanged): nothing to parse or tokenize. */
  addIndexed(meetingId: string, p: IndexedDoc): void {
    const meeting = this.#meetings.get(meetingId);
    if (!meeting) throw new RangeError(`meeting ${meetingId} was not added before its §`);
    const doc = this.#n++;
    meeting.docs.push(doc);
    this.#flags = grow(this.#flags, this.#n);
    this.#pages = grow(this.#pages, this.#n * 2);
    this.#str = grow(this.#str, this.#n * 3);
    this.#flags[doc] = p.flags;
    this.#pages[doc * 2] = p.pageStart;
    this.#pages[doc * 2 + 1] = p.pageEnd;
    const ref = this.#strings.addBytes(p.record);
    this.#str.set([ref.chunk, ref.offset, ref.length], doc * 3);
    this.#text.addTermIds(p.termIds);
    for (const h of p.cases) this.#pair(this.#cases, h, doc);
    for (const h of p.references) this.#pair(this.#refs, h, doc);
  }

  /** The id of a search term in the index being built (see IndexedDoc.termIds). */
  termId(term: string): number {
    return this.#text.intern(term);
  }

  finish(): ParagraphIndex {
    const municipalities = [...this.#municipalities.values()].sort((a, b) => cmp(a.slug, b.slug));
    const muniId = new Map(municipalities.map((m, i) => [m.slug, i]));
    const meetings = [...this.#meetings.values()].sort((a, b) => a.date - b.date || cmp(a.id, b.id));
    const order = new Uint32Array(this.#n);
    const docOf = new Uint32Array(this.#n);
    const M = meetings.length;
    const mc = {
      ids: meetings.map((m) => m.id),
      date: Uint32Array.from(meetings, (m) => m.date),
      municipality: Uint16Array.from(meetings, (m) => muniId.get(this.#units[m.unit]!.municipality)!),
      body: Uint16Array.from(meetings, (m) => this.#bodies.get(this.#units[m.unit]!.body)!),
      bodyName: meetings.map((m) => m.bodyName),
      file: meetings.map((m) => m.file),
      unit: Uint32Array.from(meetings, (m) => m.unit),
      first: new Uint32Array(M),
      count: Uint32Array.from(meetings, (m) => m.docs.length),
    };
    let next = 0;
    meetings.forEach((m, i) => {
      mc.first[i] = next;
      for (const added of m.docs) {
        order[next] = added;
        docOf[added] = next++;
      }
    });
    const docs = this.#columns(order, meetings, mc);
    const byMunicipality = postingsBy(docs.municipality, municipalities.length);
    const byBody = postingsBy(docs.body, this.#bodies.size);
    return new ParagraphIndex({
      units: this.#units,
      municipalities,
      bodies: [...this.#bodies.keys()],
      docs,
      meetings: mc,
      strings: this.#strings,
      text: this.#text.finish(order),
      byMunicipality,
      byBody,
      cases: sortedPairs(this.#cases, docOf),
      references: sortedPairs(this.#refs, docOf),
    });
  }

  #columns(
    order: Uint32Array,
    meetings: MeetingDraft[],
    mc: { municipality: Uint16Array; body: Uint16Array; date: Uint32Array },
  ) {
    const n = order.length;
    const meetingOfDoc = new Uint32Array(n);
    meetings.forEach((m, i) => {
      for (const added of m.docs) meetingOfDoc[added] = i;
    });
    const pick = <T extends Uint8Array | Uint16Array | Uint32Array>(
      make: (n: number) => T,
      f: (added: number) => number,
    ): T => {
      const out = make(n);
      for (let d = 0; d < n; d++) out[d] = f(order[d]!);
      return out;
    };
    return {
      meeting: pick(
        (k) => new Uint32Array(k),
        (a) => meetingOfDoc[a]!,
      ),
      date: pick(
        (k) => new Uint32Array(k),
        (a) => mc.date[meetingOfDoc[a]!]!,
      ),
      municipality: pick(
        (k) => new Uint16Array(k),
        (a) => mc.municipality[meetingOfDoc[a]!]!,
      ),
      body: pick(
        (k) => new Uint16Array(k),
        (a) => mc.body[meetingOfDoc[a]!]!,
      ),
      flags: pick(
        (k) => new Uint8Array(k),
        (a) => this.#flags[a]!,
      ),
      pageStart: pick(
        (k) => new Uint16Array(k),
        (a) => this.#pages[a * 2]!,
      ),
      pageEnd: pick(
        (k) => new Uint16Array(k),
        (a) => this.#pages[a * 2 + 1]!,
      ),
      strChunk: pick(
        (k) => new Uint16Array(k),
        (a) => this.#str[a * 3]!,
      ),
      strOffset: pick(
        (k) => new Uint32Array(k),
        (a) => this.#str[a * 3 + 1]!,
      ),
      strLength: pick(
        (k) => new Uint32Array(k),
        (a) => this.#str[a * 3 + 2]!,
      ),
    };
  }

  #pair(map: { hashes: ChunkedUint32; docs: ChunkedUint32 }, hash: number, doc: number): void {
    map.hashes.push(hash);
    map.docs.push(doc);
  }
}

function flagsOf(p: ParagraphRecord): number {
  return (
    (p.votes.length > 0 ? FLAG.vote : 0) |
    (p.reservations.length > 0 ? FLAG.reservation : 0) |
    (p.redacted ? FLAG.redacted : 0) |
    (p.immediatelyJusterad ? FLAG.immediate : 0)
  );
}

function clampPage(page: number | undefined): number {
  return Math.max(0, Math.min(65535, page ?? 0));
}

/** The decision with whitespace collapsed, cut at the last word boundary before EXCERPT_CHARS. */
export function excerptOf(decision: string): { excerpt: string; truncated: boolean } {
  const flat = decision.replace(/\s+/gu, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return { excerpt: flat, truncated: false };
  const cut = flat.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return { excerpt: `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()} …`, truncated: true };
}

/**
 * The ids a § refers to: "Kommunstyrelsen den 5 februari 2024 § 19" → the § 19 of the meeting of that body on that
 * day in the same municipality. Without a body the reference is read as one to the same body (Göteborg writes
 * "den 13 december 2023, § 896" for its own earlier meetings). Without a date it cannot be placed.
 */
export function referencedIds(
  p: Pick<ParagraphRecord, 'references' | 'municipality' | 'body'>,
  unit: UnitInfo,
): string[] {
  const out: string[] = [];
  for (const r of p.references) {
    if (!r.date || !r.number) continue;
    const meeting = meetingIdOf(unit.municipality, r.body ?? p.body, r.date);
    out.push(paragraphIdOf(meeting, r.number));
  }
  return out;
}

function postingsBy(column: Uint16Array, groups: number): Uint32Array[] {
  const counts = new Uint32Array(groups);
  for (const g of column) counts[g]!++;
  const lists = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(groups);
  for (let d = 0; d < column.length; d++) lists[column[d]!]![fill[column[d]!]!++] = d;
  return lists;
}

function sortedPairs(pairs: { hashes: ChunkedUint32; docs: ChunkedUint32 }, docOf: Uint32Array): HashedDocs {
  const n = pairs.hashes.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const h = pairs.hashes.toArray();
  const d = pairs.docs.toArray();
  for (let i = 0; i < n; i++) d[i] = docOf[d[i]!]!;
  idx.sort((a, b) => h[a]! - h[b]! || d[a]! - d[b]!);
  return { hashes: Uint32Array.from(idx, (i) => h[i]!), docs: Uint32Array.from(idx, (i) => d[i]!) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
