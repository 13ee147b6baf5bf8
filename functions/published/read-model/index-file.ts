import { TERMS_ID } from '../../core/search/tokenize.ts';
import { ParagraphIndex, type ParagraphIndexParts } from './paragraph-index.ts';
import { StringBlob } from './string-blob.ts';
import { PackedWords, TextIndex, type WordList } from './text-index.ts';
import type { UnitInfo } from './types.ts';

/**
 * The § index as one file (docs/read-model.md): what the publisher writes once per publish and an API instance
 * loads instead of reading every unit's files. Layout:
 *
 *   "PGRFIDX1" · u32 LE header length · header JSON (UTF-8) · padding to 8 · sections, each 8-aligned
 *
 * The header is small (counts, municipality and body names, where each section is). The sections are typed arrays as
 * they are in memory (little-endian), JSON lists, and the string blob's chunks. The hot sections come first: what
 * every list needs (the § columns, the meeting table without file paths, the units without their file lists, the §
 * id suffixes); `hotBytes` says where they end. The rest (titles and excerpts, the search dictionary and postings,
 * the case and reference maps, the § lists per municipality and body, the meetings' file paths, the units' file
 * lists) can be read later, by ranged reads (lazy-index.ts). Decoding all of it at
 * once (decodeIndex, for the publisher) makes views over one buffer: no parse per §, no copy.
 */
/** 2: stored in parts (manifest `readModel.parts`). 3: a small header, hot sections first, § id suffixes. */
export const INDEX_FILE_FORMAT = 3;
const MAGIC = 'PGRFIDX1';

export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

type ArrayKind = 'u8' | 'u16' | 'u32';
type Kind = ArrayKind | 'json';
type Typed = Uint8Array | Uint16Array | Uint32Array;

export interface Section {
  kind: Kind;
  /** Byte offset from the start of the data area. */
  offset: number;
  /** Elements (bytes for JSON). */
  length: number;
}

export interface IndexHeader {
  format: number;
  terms: string;
  documents: number;
  municipalities: ParagraphIndexParts['municipalities'];
  bodies: string[];
  /** Number of string-blob chunks (sections strings.0 …). */
  stringChunks: number;
  byMunicipality: number;
  byBody: number;
  /** Where the data area starts in the file (8-aligned). */
  dataStart: number;
  /** The header and every hot section are the file's bytes [0, hotBytes). */
  hotBytes: number;
  sections: Record<string, Section>;
}

/** What an index file says about itself without loading it: whether this code can use it. */
export function isCurrentIndexFile(meta: { format?: number; terms?: string } | undefined): boolean {
  return meta?.format === INDEX_FILE_FORMAT && meta.terms === TERMS_ID;
}

/** A unit without its file list (hot), and the file lists by unit (cold). */
type UnitCore = Omit<UnitInfo, 'files'>;

export function encodeIndex(parts: ParagraphIndexParts): Uint8Array {
  const hot: Array<[string, Typed | Buffer, Kind]> = [];
  const cold: Array<[string, Typed | Buffer, Kind]> = [];
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
  const typed = (a: Typed): [Typed, Kind] => [a, kindOf(a)];
  for (const [k, v] of Object.entries(parts.docs)) hot.push([`docs.${k}`, ...typed(v)]);
  const suffixes = suffixTable(parts);
  hot.push(['suffixes.bytes', suffixes.bytes, 'u8'], ['suffixes.ends', suffixes.ends, 'u32']);
  const { ids, bodyName, file, ...meetingColumns } = parts.meetings;
  for (const [k, v] of Object.entries(meetingColumns)) hot.push([`meetings.${k}`, ...typed(v)]);
  hot.push(['meetings.ids', json(ids), 'json'], ['meetings.bodyName', json(bodyName), 'json']);
  hot.push(['units', json(parts.units.map(({ files: _files, ...core }): UnitCore => core)), 'json']);
  cold.push(['units.files', json(parts.units.map((u) => u.files)), 'json']);
  cold.push(['meetings.file', json(file), 'json']);
  parts.byMunicipality.forEach((a, i) => cold.push([`byMunicipality.${i}`, ...typed(a)]));
  parts.byBody.forEach((a, i) => cold.push([`byBody.${i}`, ...typed(a)]));
  cold.push(['cases.hashes', ...typed(parts.cases.hashes)], ['cases.docs', ...typed(parts.cases.docs)]);
  cold.push(['references.hashes', ...typed(parts.references.hashes)]);
  cold.push(['references.docs', ...typed(parts.references.docs)]);
  const words = packWords(parts.text.words);
  cold.push(['text.words.bytes', words.bytes, 'u8'], ['text.words.ends', words.ends, 'u32']);
  cold.push(['text.offsets', ...typed(parts.text.offsets)], ['text.postings', ...typed(parts.text.postings)]);
  const chunks = parts.strings.usedChunks();
  chunks.forEach((c, i) => cold.push([`strings.${i}`, c, 'u8']));

  const sections: Record<string, Section> = {};
  let offset = 0;
  let hotEnd = 0;
  for (const [name, a, kind] of [...hot, ...cold]) {
    sections[name] = { kind, offset, length: kind === 'json' ? a.byteLength : a.length };
    offset = align8(offset + a.byteLength);
    if (name === hot.at(-1)![0]) hotEnd = offset;
  }
  const header: Omit<IndexHeader, 'dataStart' | 'hotBytes'> & { dataStart: number; hotBytes: number } = {
    format: INDEX_FILE_FORMAT,
    terms: TERMS_ID,
    documents: parts.text.documents,
    municipalities: parts.municipalities,
    bodies: parts.bodies,
    stringChunks: chunks.length,
    byMunicipality: parts.byMunicipality.length,
    byBody: parts.byBody.length,
    dataStart: 0,
    hotBytes: 0,
    sections,
  };
  // dataStart and hotBytes depend on the header's own length: numbers of at most 15 digits are reserved for them.
  const reserve = 1e14;
  const length = Buffer.byteLength(JSON.stringify({ ...header, dataStart: reserve, hotBytes: reserve }), 'utf8');
  header.dataStart = align8(MAGIC.length + 4 + length);
  header.hotBytes = header.dataStart + hotEnd;
  const text = JSON.stringify(header);
  const head = Buffer.from(text + ' '.repeat(length - Buffer.byteLength(text, 'utf8')), 'utf8');
  const out = Buffer.alloc(header.dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, MAGIC.length);
  head.copy(out, MAGIC.length + 4);
  for (const [name, a] of [...hot, ...cold]) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), header.dataStart + sections[name]!.offset);
  }
  return out;
}

/** The index in a file written by encodeIndex; its arrays are views over `bytes`, which must not be modified. */
export function decodeIndex(bytes: Uint8Array): ParagraphIndex {
  const buf = aligned(bytes);
  const header = readIndexHeader(buf);
  if (buf.length < header.dataStart + Math.max(0, ...Object.values(header.sections).map((s) => end(s))))
    throw new IndexFileError('the index file is cut off');
  const parts = hotParts(header, buf, 0);
  const cold = new SectionReader(header, buf, 0);
  const units = parts.units;
  const files = cold.json<UnitInfo['files'][]>('units.files');
  units.forEach((u, i) => (u.files = files[i]!));
  parts.meetings.file = cold.json<string[]>('meetings.file');
  Object.assign(parts, byPartition(header, cold));
  parts.cases = { hashes: cold.u32('cases.hashes'), docs: cold.u32('cases.docs') };
  parts.references = { hashes: cold.u32('references.hashes'), docs: cold.u32('references.docs') };
  parts.text = textIndex(header, cold);
  parts.strings = StringBlob.from(
    Array.from({ length: header.stringChunks }, (_, i) => bufferOf(cold.u8(`strings.${i}`))),
  );
  return new ParagraphIndex(parts);
}

/** The header of an index file from its first bytes (at least the header's); checks magic, format and terms. */
export function readIndexHeader(start: Uint8Array): IndexHeader {
  if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1)
    throw new IndexFileError('index files are little-endian; this machine is not');
  const buf = bufferOf(start);
  if (buf.length < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new IndexFileError('not a Paragraf index file');
  const headerBytes = buf.readUInt32LE(MAGIC.length);
  if (buf.length < MAGIC.length + 4 + headerBytes) throw new IndexFileError('the index file header is cut off');
  let header: IndexHeader;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerBytes)) as IndexHeader;
  } catch (error) {
    throw new IndexFileError('the index file header is not JSON', { cause: error });
  }
  if (!isCurrentIndexFile(header))
    throw new IndexFileError(
      `index file format ${header.format} with terms ${header.terms}; this code reads ${INDEX_FILE_FORMAT} with ${TERMS_ID}`,
    );
  return header;
}

/** Bytes the header of an index file needs, from its first 12 bytes. */
export function headerBytesOf(start: Uint8Array): number {
  return start.length < MAGIC.length + 4 ? MAGIC.length + 4 : MAGIC.length + 4 + bufferOf(start).readUInt32LE(8);
}

/**
 * Typed views and parsed JSON of the sections inside `buf`, which holds the file's bytes from `at` (8-aligned) on.
 */
export class SectionReader {
  constructor(
    readonly header: IndexHeader,
    readonly buf: Buffer,
    readonly at: number,
  ) {}

  section(name: string, kind: Kind): { start: number; s: Section } {
    const s = this.header.sections[name];
    if (!s || s.kind !== kind) throw new IndexFileError(`index file has no ${kind} section ${name}`);
    const start = this.header.dataStart + s.offset - this.at;
    if (start < 0 || start + bytesOf(s) > this.buf.length)
      throw new IndexFileError(`index file section ${name} is cut off`);
    return { start, s };
  }

  #view<T extends Typed>(name: string, kind: ArrayKind): T {
    const { start, s } = this.section(name, kind);
    return new ARRAY[kind](this.buf.buffer as ArrayBuffer, this.buf.byteOffset + start, s.length) as T;
  }

  u8 = (n: string) => this.#view<Uint8Array>(n, 'u8');
  u16 = (n: string) => this.#view<Uint16Array>(n, 'u16');
  u32 = (n: string) => this.#view<Uint32Array>(n, 'u32');

  json<T>(name: string): T {
    const { start, s } = this.section(name, 'json');
    try {
      return JSON.parse(this.buf.toString('utf8', start, start + s.length)) as T;
    } catch (error) {
      throw new IndexFileError(`index file section ${name} is not JSON`, { cause: error });
    }
  }
}

/**
 * The parts a list or a permalink needs, from `buf` holding the file from byte `at` up to at least `hotBytes`. The
 * cold parts (units' files, meeting files, by-partition lists, text, cases, references, strings) are left for the
 * caller to set.
 */
export function hotParts(header: IndexHeader, buf: Buffer, at: number): ParagraphIndexParts {
  const r = new SectionReader(header, buf, at);
  return {
    units: r.json<UnitInfo[]>('units'),
    municipalities: header.municipalities,
    bodies: header.bodies,
    docs: {
      meeting: r.u32('docs.meeting'),
      date: r.u32('docs.date'),
      municipality: r.u16('docs.municipality'),
      body: r.u16('docs.body'),
      flags: r.u8('docs.flags'),
      pageStart: r.u16('docs.pageStart'),
      pageEnd: r.u16('docs.pageEnd'),
      strChunk: r.u16('docs.strChunk'),
      strOffset: r.u32('docs.strOffset'),
      strLength: r.u32('docs.strLength'),
    },
    suffixes: { bytes: bufferOf(r.u8('suffixes.bytes')), ends: r.u32('suffixes.ends') },
    meetings: {
      ids: r.json<string[]>('meetings.ids'),
      bodyName: r.json<string[]>('meetings.bodyName'),
      date: r.u32('meetings.date'),
      municipality: r.u16('meetings.municipality'),
      body: r.u16('meetings.body'),
      unit: r.u32('meetings.unit'),
      first: r.u32('meetings.first'),
      count: r.u32('meetings.count'),
    },
  } as unknown as ParagraphIndexParts;
}

/** The documents of each municipality and of each body (cold: only filters need them). */
export function byPartition(
  header: IndexHeader,
  r: SectionReader,
): Pick<ParagraphIndexParts, 'byMunicipality' | 'byBody'> {
  const range = (n: number, f: (i: number) => Uint32Array) => Array.from({ length: n }, (_, i) => f(i));
  return {
    byMunicipality: range(header.byMunicipality, (i) => r.u32(`byMunicipality.${i}`)),
    byBody: range(header.byBody, (i) => r.u32(`byBody.${i}`)),
  };
}

export function textIndex(header: IndexHeader, r: SectionReader): TextIndex {
  const words = new PackedWords(bufferOf(r.u8('text.words.bytes')), r.u32('text.words.ends'));
  return new TextIndex(words, r.u32('text.offsets'), r.u32('text.postings'), header.documents);
}

/** A dictionary packed as UTF-8 words and their ends (what PackedWords reads). */
export function packWords(words: WordList): PackedWords {
  const pieces: Buffer[] = [];
  const ends = new Uint32Array(words.length);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const bytes = Buffer.from(words.at(i)!, 'utf8');
    pieces.push(bytes);
    at += bytes.length;
    ends[i] = at;
  }
  return new PackedWords(Buffer.concat(pieces), ends);
}

/** The § id suffixes ([a-z0-9]) of every document, packed: document d's is bytes[ends[d - 1] .. ends[d]). */
function suffixTable(parts: ParagraphIndexParts): { bytes: Buffer; ends: Uint32Array } {
  const n = parts.docs.meeting.length;
  const ends = new Uint32Array(n);
  const pieces: Buffer[] = [];
  let at = 0;
  for (let d = 0; d < n; d++) {
    const record = parts.strings.view(parts.docs.strChunk[d]!, parts.docs.strOffset[d]!, parts.docs.strLength[d]!);
    const suffix = record.subarray(0, record.indexOf(1));
    pieces.push(suffix);
    at += suffix.length;
    ends[d] = at;
  }
  return { bytes: Buffer.concat(pieces), ends };
}

export function bytesOf(s: Section): number {
  return s.kind === 'json' ? s.length : s.length * BYTES[s.kind];
}

function end(s: Section): number {
  return s.offset + bytesOf(s);
}

const BYTES: Record<ArrayKind, number> = { u8: 1, u16: 2, u32: 4 };
const ARRAY = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;

function kindOf(a: Typed): ArrayKind {
  return a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8';
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Typed-array views need their offset aligned to the element size: copy the rare buffer that is not 8-aligned. */
export function aligned(bytes: Uint8Array): Buffer {
  if (bytes.byteOffset % 8 === 0) return bufferOf(bytes);
  const copy = Buffer.alloc(bytes.length);
  copy.set(bytes);
  return copy;
}

export function bufferOf(a: Uint8Array): Buffer {
  return Buffer.from(a.buffer as ArrayBuffer, a.byteOffset, a.length);
}
