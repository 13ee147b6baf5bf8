import type { FormatId } from '../core/render/formats/media-types.ts';
import type { TableDef } from '../core/render/table.ts';
import { paragraphsTable, TABLES } from '../core/render/tables/index.ts';
import { sha256Hex } from '../lib/hash.ts';
import type { FileEntry } from './manifest.ts';

/** One file, rendered and hashed, not yet written. `name` is relative to the unit folder, or to public/ for shared files. */
export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  mediaType: string;
}

/** Suffix of the Swedish-Excel twin of a table's CSV: `<table>-excel-sv.csv` beside `<table>.csv`. */
export const EXCEL_SV_SUFFIX = '-excel-sv.csv';

/** The name of a table's file in a format: `votes.csv`, `votes-excel-sv.csv`, `paragraphs.parquet`. */
export function tableFileName(table: string, format: 'csv' | 'csv-excel-sv' | 'parquet'): string {
  return format === 'csv-excel-sv' ? `${table}${EXCEL_SV_SUFFIX}` : `${table}.${format}`;
}

/**
 * The tabular files of every unit: each table as CSV and, beside it, as CSV for Swedish Excel (the same rows with ';',
 * BOM and decimal comma, so a journalist can open any table by double-click); the § table also as Parquet.
 */
export const TABLE_FILES: ReadonlyArray<{ table: TableDef; format: FormatId; name: string }> = [
  ...TABLES.flatMap((table) => [
    { table, format: 'csv' as const, name: tableFileName(table.name, 'csv') },
    { table, format: 'csv-excel-sv' as const, name: tableFileName(table.name, 'csv-excel-sv') },
  ]),
  { table: paragraphsTable, format: 'parquet', name: tableFileName(paragraphsTable.name, 'parquet') },
];
export const PARAGRAPH_NDJSON = 'paragraphs.ndjson';
export const UNIT_MANIFEST = 'unit.json';
export const UNIT_DATAPACKAGE = 'datapackage.json';
export const TABLE_FILE_NAMES: readonly string[] = TABLE_FILES.map((f) => f.name);
/** The files every partition offers (per unit, and concatenated for aggregates), in the order they are listed. */
export const PARTITION_FILES: readonly string[] = [...TABLE_FILE_NAMES, PARAGRAPH_NDJSON];

export function fileOf(name: string, mediaType: string, body: Uint8Array | string): RenderedFile {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { name, bytes, sha256: sha256Hex(bytes), mediaType };
}

export function entry(f: RenderedFile, dir = ''): FileEntry {
  return { path: `${dir}${f.name}`, bytes: f.bytes.length, sha256: f.sha256, mediaType: f.mediaType };
}
