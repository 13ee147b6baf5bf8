import { caseKey, hash32, isoDate, permalinkPrefix } from './index-keys.ts';
export { caseKey, dateNumber, hash32, isoDate, permalinkPrefix } from './index-keys.ts';
import type { StringBlob } from './string-blob.ts';
import type { TextIndex } from './text-index.ts';
import type { BodySummary, MeetingSummary, MunicipalitySummary, ParagraphSummary, UnitInfo } from './types.ts';

/** Bits of `ParagraphColumns.flags`. */
export const FLAG = { vote: 1, reservation: 2, redacted: 4, immediate: 8, truncated: 16 } as const;
/** Separates a §'s id suffix ([a-z0-9]) from its JSON fragment inside the blob. */
export const FIELD_SEPARATOR = '\u0001';

/** The flag members of a list item as JSON bytes, for each combination of flags. */
const FLAG_JSON = Array.from({ length: 32 }, (_, f) =>
  Buffer.from(
    [
      `,"decisionTruncated":${(f & FLAG.truncated) !== 0}`,
      `"hasVote":${(f & FLAG.vote) !== 0}`,
      `"hasReservation":${(f & FLAG.reservation) !== 0}`,
      `"redacted":${(f & FLAG.redacted) !== 0}`,
      `"immediatelyJusterad":${(f & FLAG.immediate) !== 0}`,
    ].join(','),
  ),
);
const ascii = (text: string) => Buffer.from(text, 'latin1');
const B = {
  open: ascii('{"id":"'),
  dash: ascii('-'),
  permalink: ascii('","permalink":"'),
  meetingId: ascii('","meetingId":"'),
  quoteComma: ascii('",'),
  comma: ascii(','),
  pages: ascii(',"pages":['),
  close: ascii(']}'),
};

/** Per-§ columns, by document number; documents are ordered by meeting date, then meeting id, then printed order. */
export interface ParagraphColumns {
  meeting: Uint32Array;
  /** yyyymmdd as a number (20240205), so a date range is a range of numbers and of documents. */
  date: Uint32Array;
  municipality: Uint16Array;
  body: Uint16Array;
  flags: Uint8Array;
  pageStart: Uint16Array;
  pageEnd: Uint16Array;
  strChunk: Uint16Array;
  strOffset: Uint32Array;
  strLength: Uint32Array;
}

/** Meetings sorted by date, then id; a meeting's § are the documents first .. first + count - 1. */
export interface MeetingColumns {
  ids: string[];
  date: Uint32Array;
  municipality: Uint16Array;
  body: Uint16Array;
  /** The body's name as printed in this meeting's protocol. */
  bodyName: string[];
  /** The published meeting file, as a path under public/ ('' when not known). */
  file: string[];
  unit: Uint32Array;
  first: Uint32Array;
  count: Uint32Array;
}

/** Sorted (hash, document) pairs: a compact multimap from a string key to documents, verified on lookup. */
export interface HashedDocs {
  hashes: Uint32Array;
  docs: Uint32Array;
}

export interface ParagraphIndexParts {
  units: UnitInfo[];
  /** The § id suffixes apart from the strings (index files): document d's is bytes[ends[d - 1] .. ends[d]). */
  suffixes?: { bytes: Buffer; ends: Uint32Array };
  municipalities: Array<{ slug: string; name: string }>;
  bodies: string[];
  docs: ParagraphColumns;
  meetings: MeetingColumns;
  strings: StringBlob;
  text: TextIndex;
  byMunicipality: Uint32Array[];
  byBody: Uint32Array[];
  cases: HashedDocs;
  references: HashedDocs;
}

/**
 * The compact in-memory index of every published §: typed-array columns, interned municipality and body names,
 * strings packed in a blob, an inverted index for full-text search and hashed multimaps for case numbers and
 * § references. Immutable once built; a new publish builds a new one.
 */
export class ParagraphIndex {
  readonly size: number;
  #meetingIds: Map<string, number> | undefined;
  readonly #municipalityBySlug: Map<string, number>;
  readonly #bodyBySlug: Map<string, number>;
  #municipalities: MunicipalitySummary[] | undefined;
  readonly #meetingJsonCache: Array<{ id: Buffer; json: Buffer } | undefined> = [];
  readonly #bodies = new Map<string, BodySummary[]>();

  constructor(readonly parts: ParagraphIndexParts) {
    this.size = parts.docs.meeting.length;
    this.#municipalityBySlug = new Map(parts.municipalities.map((m, i) => [m.slug, i]));
    this.#bodyBySlug = new Map(parts.bodies.map((b, i) => [b, i]));
  }

  /** Built on first use: a list needs no lookup by id. */
  get #meetingById(): Map<string, number> {
    this.#meetingIds ??= new Map(this.parts.meetings.ids.map((id, i) => [id, i]));
    return this.#meetingIds;
  }

  get meetingCount(): number {
    return this.parts.meetings.ids.length;
  }

  municipalityId(slug: string): number {
    return this.#municipalityBySlug.get(slug) ?? -1;
  }

  bodyId(slug: string): number {
    return this.#bodyBySlug.get(slug) ?? -1;
  }

  meetingIndex(id: string): number {
    return this.#meetingById.get(id) ?? -1;
  }

  /** The document of a § id, or -1. The id is `<meeting id>-<suffix>`; the meeting is found by its longest prefix. */
  paragraphIndex(id: string): number {
    for (let dash = id.lastIndexOf('-'); dash > 0; dash = id.lastIndexOf('-', dash - 1)) {
      const m = this.#meetingById.get(id.slice(0, dash));
      if (m === undefined) continue;
      const suffix = id.slice(dash + 1);
      const { first, count } = this.parts.meetings;
      for (let d = first[m]!; d < first[m]! + count[m]!; d++) if (this.#suffix(d) === suffix) return d;
    }
    return -1;
  }

  /** The id of a §, without building its summary. */
  paragraphId(doc: number): string {
    return `${this.parts.meetings.ids[this.parts.docs.meeting[doc]!]}-${this.#suffix(doc)}`;
  }

  paragraph(doc: number): ParagraphSummary {
    return JSON.parse(this.itemJson(doc, null)) as ParagraphSummary;
  }

  /** A § as the JSON text of a list item (see appendItem). */
  itemJson(doc: number, permalinkBase: string | null): string {
    const parts: Uint8Array[] = [];
    this.appendItem(parts, doc, permalinkBase === null ? null : permalinkPrefix(permalinkBase));
    return Buffer.concat(parts).toString('utf8');
  }

  /**
   * Appends a § as the UTF-8 bytes of a list item's JSON object, assembled from stored fragments without decoding
   * them: ids are [a-z0-9-], the title/case numbers/excerpt fragment was JSON-encoded when the index was built, the
   * meeting's members are encoded once per meeting. With a permalink prefix (see permalinkPrefix), a `permalink`
   * member follows the id (the summary shape has none).
   */
  appendItem(parts: Uint8Array[], doc: number, permalinkPrefix: Buffer | null): void {
    const { docs, strings } = this.parts;
    const m = docs.meeting[doc]!;
    const record = strings.view(docs.strChunk[doc]!, docs.strOffset[doc]!, docs.strLength[doc]!);
    const cut = record.indexOf(1);
    const suffix = record.subarray(0, cut);
    const meetingId = this.#meetingBytes(m);
    parts.push(B.open, meetingId.id, B.dash, suffix);
    if (permalinkPrefix) parts.push(B.permalink, permalinkPrefix, meetingId.id, B.dash, suffix);
    parts.push(
      B.meetingId,
      meetingId.id,
      B.quoteComma,
      meetingId.json,
      B.comma,
      record.subarray(cut + 1),
      FLAG_JSON[docs.flags[doc]! & 31]!,
    );
    parts.push(B.pages, ascii(`${docs.pageStart[doc]},${docs.pageEnd[doc]}`), B.close);
  }

  /** A meeting's id and its members of a list item (municipality, names, date), encoded once per meeting. */
  #meetingBytes(m: number): { id: Buffer; json: Buffer } {
    let cached = this.#meetingJsonCache[m];
    if (cached === undefined) {
      const { meetings, municipalities, units } = this.parts;
      const unit = units[meetings.unit[m]!]!;
      const json = JSON.stringify({
        municipality: unit.municipality,
        municipalityName: municipalities[meetings.municipality[m]!]!.name,
        body: unit.body,
        bodyName: meetings.bodyName[m],
        meetingDate: isoDate(meetings.date[m]!),
      }).slice(1, -1);
      cached = { id: ascii(meetings.ids[m]!), json: Buffer.from(json, 'utf8') };
      this.#meetingJsonCache[m] = cached;
    }
    return cached;
  }

  meeting(m: number): MeetingSummary {
    const { meetings, municipalities, units } = this.parts;
    const unit = units[meetings.unit[m]!]!;
    return {
      id: meetings.ids[m]!,
      municipality: unit.municipality,
      municipalityName: municipalities[meetings.municipality[m]!]!.name,
      body: unit.body,
      bodyName: meetings.bodyName[m]!,
      date: isoDate(meetings.date[m]!),
      paragraphs: meetings.count[m]!,
    };
  }

  unitOfMeeting(m: number): UnitInfo {
    return this.parts.units[this.parts.meetings.unit[m]!]!;
  }

  /** Documents whose case numbers include `caseNumber` (normalised as the parser does), ascending. */
  docsWithCase(caseNumber: string): number[] {
    const key = caseKey(caseNumber);
    return lookupHashed(this.parts.cases, key, (d) => this.paragraph(d).caseNumbers.some((c) => caseKey(c) === key));
  }

  /** Documents whose § references resolve to the § `paragraphId` (candidates: the caller verifies if it must). */
  docsReferencing(paragraphId: string): number[] {
    return lookupHashed(this.parts.references, paragraphId, () => true);
  }

  municipalities(): MunicipalitySummary[] {
    this.#municipalities ??= this.#summariseMunicipalities();
    return this.#municipalities;
  }

  /** Bodies by municipality, then body slug; optionally of one municipality. Computed once per index. */
  bodies(municipality?: string): BodySummary[] {
    const key = municipality ?? '';
    let rows = this.#bodies.get(key);
    if (!rows) {
      rows =
        municipality === undefined || this.municipalityId(municipality) >= 0 ? this.#summariseBodies(municipality) : [];
      if (rows.length > 0 || municipality === undefined) this.#bodies.set(key, rows);
    }
    return rows;
  }

  #summariseMunicipalities(): MunicipalitySummary[] {
    return this.parts.municipalities.map((m, i) => {
      const bodies = this.bodies(m.slug);
      const dates = bodies
        .flatMap((b) => [b.firstMeeting, b.lastMeeting])
        .filter((d): d is string => d !== undefined)
        .sort();
      return {
        slug: m.slug,
        name: m.name,
        bodies: bodies.length,
        meetings: bodies.reduce((n, b) => n + b.meetings, 0),
        paragraphs: this.parts.byMunicipality[i]!.length,
        ...(dates.length > 0 ? { firstMeeting: dates[0], lastMeeting: dates[dates.length - 1] } : {}),
      };
    });
  }

  #summariseBodies(municipality?: string): BodySummary[] {
    const { meetings, municipalities, bodies } = this.parts;
    const only = municipality === undefined ? -1 : this.municipalityId(municipality);
    const rows = new Map<string, BodySummary>();
    for (let m = 0; m < meetings.ids.length; m++) {
      const mu = meetings.municipality[m]!;
      if (only >= 0 && mu !== only) continue;
      const slug = bodies[meetings.body[m]!]!;
      const key = `${municipalities[mu]!.slug}\u0000${slug}`;
      const date = isoDate(meetings.date[m]!);
      const row = rows.get(key) ?? {
        municipality: municipalities[mu]!.slug,
        municipalityName: municipalities[mu]!.name,
        slug,
        name: meetings.bodyName[m]!,
        meetings: 0,
        paragraphs: 0,
        firstMeeting: date,
      };
      row.meetings++;
      row.paragraphs += meetings.count[m]!;
      row.lastMeeting = date;
      row.name = meetings.bodyName[m]!; // meetings are in date order: the latest printed name wins
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => cmp(a.municipality, b.municipality) || cmp(a.slug, b.slug));
  }

  /** Distinct meeting years, newest first (for the year filter of the pages). */
  years(): number[] {
    const years = new Set<number>();
    for (const d of this.parts.meetings.date) years.add(Math.floor(d / 10000));
    return [...years].filter((y) => y > 0).sort((a, b) => b - a);
  }

  #record(doc: number): string {
    const { strChunk, strOffset, strLength } = this.parts.docs;
    return this.parts.strings.get(strChunk[doc]!, strOffset[doc]!, strLength[doc]!);
  }

  #suffix(doc: number): string {
    const suffixes = this.parts.suffixes;
    if (suffixes)
      return suffixes.bytes.toString('latin1', doc === 0 ? 0 : suffixes.ends[doc - 1]!, suffixes.ends[doc]!);
    const text = this.#record(doc);
    return text.slice(0, text.indexOf(FIELD_SEPARATOR));
  }
}

function lookupHashed(map: HashedDocs, key: string, verify: (doc: number) => boolean): number[] {
  const h = hash32(key);
  let lo = 0;
  let hi = map.hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map.hashes[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < map.hashes.length && map.hashes[i] === h; i++) if (verify(map.docs[i]!)) out.push(map.docs[i]!);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
