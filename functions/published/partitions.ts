import { concatBytes } from '../core/bytes.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import { FORMAT_ENTRIES } from '../core/render/formats/media-types.ts';
import type { TableDef } from '../core/render/table.ts';
import type { FileEntry, PublicManifest, UnitEntry } from './manifest.ts';
import { publicKey } from './paths.ts';
import { readMunicipalityIndex } from './public-store.ts';
import { PARAGRAPH_NDJSON, TABLE_FILES } from './unit-files.ts';

/**
 * Aggregate partitions — per municipality, per body, per year and "all" — are ordered lists of unit parts, never
 * rewritten by a publish. Their content is the concatenation of the parts (CSV headers kept only in the first part), so
 * the API can stream one, `paragraf export` can write one, and a full publish can materialise "all" as a dump; all
 * three give the same bytes for the same manifest. Parquet parts are not concatenable: a Parquet aggregate is its
 * list of parts (DuckDB, Polars and pandas read a list of files as one table).
 *
 * Partition ids: `all`, `year/<year>`, `municipality/<m>`, `body/<m>/<b>`, `unit/<m>/<b>/<year>`.
 */
export type PartitionId = string;

export class PartitionError extends Error {
  override name = 'PartitionError';
}

/** What a partition id selects: every unit whose fields equal the ones given. */
export interface Selector {
  municipality?: string;
  body?: string;
  year?: number;
}

/** Every partition id parsePartition accepts, and nothing else (the API's `partition` parameter checks with it). */
export const PARTITION_PATTERN =
  /^(?:all|year\/\d{4}|municipality\/[a-z0-9-]+|body\/[a-z0-9-]+\/[a-z0-9-]+|unit\/[a-z0-9-]+\/[a-z0-9-]+\/\d{4})$/u;

export function parsePartition(id: PartitionId): Selector {
  if (id === 'all') return {};
  let m = /^year\/(\d{4})$/u.exec(id);
  if (m) return { year: Number(m[1]) };
  m = /^municipality\/([a-z0-9-]+)$/u.exec(id);
  if (m) return { municipality: m[1]! };
  m = /^body\/([a-z0-9-]+)\/([a-z0-9-]+)$/u.exec(id);
  if (m) return { municipality: m[1]!, body: m[2]! };
  m = /^unit\/([a-z0-9-]+)\/([a-z0-9-]+)\/(\d{4})$/u.exec(id);
  if (m) return { municipality: m[1]!, body: m[2]!, year: Number(m[3]) };
  throw new PartitionError(
    `unknown partition "${id}" (all, year/<y>, municipality/<m>, body/<m>/<b>, unit/<m>/<b>/<y>)`,
  );
}

/** Whether a unit belongs to the partition `sel` selects. */
export function inPartition(sel: Selector, unit: { municipality: string; body: string; year: number }): boolean {
  return (
    (sel.municipality === undefined || unit.municipality === sel.municipality) &&
    (sel.body === undefined || unit.body === sel.body) &&
    (sel.year === undefined || unit.year === sel.year)
  );
}

/**
 * The units of a partition in order (municipality, body, year). Reads only the indexes of the municipalities the
 * partition can contain: one for a municipality or body, all of them for a year or "all".
 */
export async function partitionUnits(
  store: BlobStore,
  manifest: PublicManifest,
  id: PartitionId,
): Promise<UnitEntry[]> {
  const sel = parsePartition(id);
  const slugs = Object.keys(manifest.municipalities)
    .sort()
    .filter((m) => sel.municipality === undefined || m === sel.municipality);
  const units: UnitEntry[] = [];
  for (const slug of slugs) {
    const index = await readMunicipalityIndex(store, manifest.municipalities[slug]!);
    for (const name of Object.keys(index.units).sort()) {
      const u = index.units[name]!;
      if (inPartition(sel, u)) units.push(u);
    }
  }
  return units;
}

/** The table a per-unit CSV/Parquet file holds, by its name in the unit folder. */
export function tableOfFile(name: string): { table: TableDef; format: 'csv' | 'csv-excel-sv' | 'parquet' } | null {
  const file = TABLE_FILES.find((f) => f.name === name);
  return file ? { table: file.table, format: file.format as 'csv' | 'csv-excel-sv' | 'parquet' } : null;
}

/** Length of the part prefix that later parts drop: BOM + header line for CSV, nothing for NDJSON. */
export function headerLength(name: string): number {
  if (name === PARAGRAPH_NDJSON) return 0;
  const t = tableOfFile(name);
  if (!t || t.format === 'parquet') throw new PartitionError(`${name} cannot be concatenated`);
  const excel = t.format === 'csv-excel-sv';
  const header = `${t.table.fields.map((f) => f.name).join(excel ? ';' : ',')}\r\n`;
  return new TextEncoder().encode(header).length + (excel ? 3 : 0);
}

export function isConcatenable(name: string): boolean {
  return name === PARAGRAPH_NDJSON || (tableOfFile(name)?.format ?? 'parquet') !== 'parquet';
}

/** The parts of one file of a partition, and the size of their concatenation (later CSV headers dropped). */
export function partitionParts(
  units: ReadonlyArray<Pick<UnitEntry, 'files'>>,
  name: string,
): { parts: FileEntry[]; bytes: number } {
  const parts = units.flatMap((u) => (u.files[name] ? [u.files[name]!] : []));
  if (!isConcatenable(name)) return { parts, bytes: parts.reduce((n, p) => n + p.bytes, 0) };
  const skip = headerLength(name);
  const bytes = parts.reduce((n, p, i) => n + (i === 0 ? p.bytes : p.bytes - skip), 0);
  return { parts, bytes };
}

/**
 * Streams the concatenation of parts, one part open at a time: memory stays at one chunk whatever the partition's
 * size. A later part's header is checked against the first part's before it is dropped, so parts rendered with a
 * different table definition can never be glued together silently.
 */
export async function* concatenateParts(
  store: BlobStore,
  parts: readonly FileEntry[],
  name: string,
): AsyncIterable<Uint8Array> {
  const skip = headerLength(name);
  let header: Uint8Array | null = null;
  for (const [i, part] of parts.entries()) {
    const stream = await store.getStream(publicKey(part.path));
    if (stream === null) throw new PartitionError(`part public/${part.path} is missing`);
    let dropped = i === 0 ? skip : 0;
    let prefix: Uint8Array = new Uint8Array(0);
    for await (const chunk of stream) {
      let c = chunk;
      if (i === 0 && header === null && skip > 0) {
        prefix = concatBytes([prefix, c.subarray(0, skip - prefix.length)]);
        if (prefix.length === skip) header = prefix;
      }
      if (dropped < skip) {
        const cut = Math.min(skip - dropped, c.length);
        checkHeader(header, c.subarray(0, cut), dropped, part.path);
        dropped += cut;
        c = c.subarray(cut);
      }
      if (c.length > 0) yield c;
    }
  }
}

function checkHeader(header: Uint8Array | null, bytes: Uint8Array, offset: number, path: string): void {
  if (header === null) return; // the first part: its header is what the others are compared with
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== header[offset + i])
      throw new PartitionError(`public/${path} has another header than the first part`);
  }
}

/** Content-Type of a partition file, from the format registry. */
export function mediaTypeOf(name: string): string {
  if (name === PARAGRAPH_NDJSON) return FORMAT_ENTRIES.ndjson.contentType;
  const t = tableOfFile(name);
  return t ? FORMAT_ENTRIES[t.format].contentType : 'application/octet-stream';
}

/** A partition file's title in Swedish and English, e.g. "Voteringar (CSV för Excel)", for pages and the catalogue. */
export function fileTitle(name: string): { sv: string; en: string } {
  if (name === PARAGRAPH_NDJSON)
    return { sv: 'Paragrafer, hela poster (NDJSON)', en: 'Paragraphs, full records (NDJSON)' };
  const t = tableOfFile(name);
  if (!t) return { sv: name, en: name };
  const suffix = t.format === 'csv-excel-sv' ? 'CSV för Excel' : t.format === 'parquet' ? 'Parquet' : 'CSV';
  const suffixEn = t.format === 'csv-excel-sv' ? 'CSV for Excel' : t.format === 'parquet' ? 'Parquet' : 'CSV';
  return { sv: `${t.table.title.sv} (${suffix})`, en: `${t.table.title.en} (${suffixEn})` };
}
