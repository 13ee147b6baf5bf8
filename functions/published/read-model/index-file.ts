import { TERMS_ID } from '../../core/search/tokenize.ts';
import { ParagraphIndex, type ParagraphIndexParts } from './paragraph-index.ts';
import { StringBlob } from './string-blob.ts';
import { TextIndex } from './text-index.ts';

/**
 * The § index as one file (docs/read-model.md): what the publisher writes once per publish and an API instance
 * loads with one request instead of reading every unit's files. Layout:
 *
 *   "PGRFIDX1" · u32 LE header length · header JSON (UTF-8) · padding to 8 · sections, each 8-aligned
 *
 * The header holds the small parts (units, municipalities, bodies, meeting ids and files, the search dictionary) and
 * where each section is; the sections are the typed-array columns and postings as they are in memory (little-endian)
 * and the string blob's chunks. Loading makes views over the one buffer: no parse per §, no copy.
 */
/** 2: stored in parts (manifest `readModel.parts`). */
export const INDEX_FILE_FORMAT = 2;
const MAGIC = 'PGRFIDX1';

export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

type ArrayKind = 'u8' | 'u16' | 'u32';
type Typed = Uint8Array | Uint16Array | Uint32Array;

interface Section {
  kind: ArrayKind;
  /** Byte offset from the start of the data area. */
  offset: number;
  /** Elements. */
  length: number;
}

interface Header {
  format: number;
  terms: string;
  units: ParagraphIndexParts['units'];
  municipalities: ParagraphIndexParts['municipalities'];
  bodies: string[];
  meetings: { ids: string[]; bodyName: string[]; file: string[] };
  words: readonly string[];
  documents: number;
  /** Number of string-blob chunks (sections strings.0 …). */
  stringChunks: number;
  byMunicipality: number;
  byBody: number;
  sections: Record<string, Section>;
}

/** What an index file says about itself without loading it: whether this code can use it. */
export function isCurrentIndexFile(meta: { format?: number; terms?: string } | undefined): boolean {
  return meta?.format === INDEX_FILE_FORMAT && meta.terms === TERMS_ID;
}

export function encodeIndex(parts: ParagraphIndexParts): Uint8Array {
  const arrays: Array<[string, Typed]> = [];
  const add = (name: string, a: Typed) => arrays.push([name, a]);
  for (const [k, v] of Object.entries(parts.docs)) add(`docs.${k}`, v);
  const { ids, bodyName, file, ...meetingColumns } = parts.meetings;
  for (const [k, v] of Object.entries(meetingColumns)) add(`meetings.${k}`, v);
  add('text.offsets', parts.text.offsets);
  add('text.postings', parts.text.postings);
  parts.byMunicipality.forEach((a, i) => add(`byMunicipality.${i}`, a));
  parts.byBody.forEach((a, i) => add(`byBody.${i}`, a));
  add('cases.hashes', parts.cases.hashes);
  add('cases.docs', parts.cases.docs);
  add('references.hashes', parts.references.hashes);
  add('references.docs', parts.references.docs);
  const chunks = parts.strings.usedChunks();
  chunks.forEach((c, i) => add(`strings.${i}`, new Uint8Array(c.buffer, c.byteOffset, c.length)));

  const sections: Record<string, Section> = {};
  let offset = 0;
  for (const [name, a] of arrays) {
    sections[name] = { kind: kindOf(a), offset, length: a.length };
    offset = align8(offset + a.byteLength);
  }
  const header: Header = {
    format: INDEX_FILE_FORMAT,
    terms: TERMS_ID,
    units: parts.units,
    municipalities: parts.municipalities,
    bodies: parts.bodies,
    meetings: { ids, bodyName, file },
    words: parts.text.words,
    documents: parts.text.documents,
    stringChunks: chunks.length,
    byMunicipality: parts.byMunicipality.length,
    byBody: parts.byBody.length,
    sections,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(MAGIC.length + 4 + json.length);
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  for (const [name, a] of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + sections[name]!.offset);
  }
  return out;
}

/** The index in a file written by encodeIndex; its arrays are views over `bytes`, which must not be modified. */
export function decodeIndex(bytes: Uint8Array): ParagraphIndex {
  if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1)
    throw new IndexFileError('index files are little-endian; this machine is not');
  const buf = aligned(bytes);
  if (buf.length < MAGIC.length + 4 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new IndexFileError('not a Paragraf index file');
  const headerBytes = buf.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerBytes)) as Header;
  } catch (error) {
    throw new IndexFileError('the index file header is not JSON', { cause: error });
  }
  if (!isCurrentIndexFile(header))
    throw new IndexFileError(
      `index file format ${header.format} with terms ${header.terms}; this code reads ${INDEX_FILE_FORMAT} with ${TERMS_ID}`,
    );
  const dataStart = align8(MAGIC.length + 4 + headerBytes);
  const view = <T extends Typed>(name: string, kind: ArrayKind): T => {
    const s = header.sections[name];
    if (!s || s.kind !== kind) throw new IndexFileError(`index file has no ${kind} section ${name}`);
    const at = buf.byteOffset + dataStart + s.offset;
    if (dataStart + s.offset + s.length * BYTES[kind] > buf.length)
      throw new IndexFileError(`index file section ${name} is cut off`);
    return new ARRAY[kind](buf.buffer as ArrayBuffer, at, s.length) as T;
  };
  const u8 = (n: string) => view<Uint8Array>(n, 'u8');
  const u16 = (n: string) => view<Uint16Array>(n, 'u16');
  const u32 = (n: string) => view<Uint32Array>(n, 'u32');
  const range = (n: number, f: (i: number) => Uint32Array) => Array.from({ length: n }, (_, i) => f(i));
  return new ParagraphIndex({
    units: header.units,
    municipalities: header.municipalities,
    bodies: header.bodies,
    docs: {
      meeting: u32('docs.meeting'),
      date: u32('docs.date'),
      municipality: u16('docs.municipality'),
      body: u16('docs.body'),
      flags: u8('docs.flags'),
      pageStart: u16('docs.pageStart'),
      pageEnd: u16('docs.pageEnd'),
      strChunk: u16('docs.strChunk'),
      strOffset: u32('docs.strOffset'),
      strLength: u32('docs.strLength'),
    },
    meetings: {
      ...header.meetings,
      date: u32('meetings.date'),
      municipality: u16('meetings.municipality'),
      body: u16('meetings.body'),
      unit: u32('meetings.unit'),
      first: u32('meetings.first'),
      count: u32('meetings.count'),
    },
    strings: StringBlob.from(Array.from({ length: header.stringChunks }, (_, i) => bufferOf(u8(`strings.${i}`)))),
    text: new TextIndex(header.words, u32('text.offsets'), u32('text.postings'), header.documents),
    byMunicipality: range(header.byMunicipality, (i) => u32(`byMunicipality.${i}`)),
    byBody: range(header.byBody, (i) => u32(`byBody.${i}`)),
    cases: { hashes: u32('cases.hashes'), docs: u32('cases.docs') },
    references: { hashes: u32('references.hashes'), docs: u32('references.docs') },
  });
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
function aligned(bytes: Uint8Array): Buffer {
  if (bytes.byteOffset % 8 === 0) return bufferOf(bytes);
  const copy = Buffer.alloc(bytes.length);
  copy.set(bytes);
  return copy;
}

function bufferOf(a: Uint8Array): Buffer {
  return Buffer.from(a.buffer as ArrayBuffer, a.byteOffset, a.length);
}
