/** The format registry: one renderer per format, shared by the publisher and the API. */
import { CSV, CSV_EXCEL_SV } from './csv.ts';
import type { Format } from './format.ts';
import { JSON_FORMAT } from './json.ts';
import { NDJSON } from './ndjson.ts';
import { PARQUET } from './parquet.ts';

export type { Format, RowSource } from './format.ts';

export const FORMATS = {
  csv: CSV,
  'csv-excel-sv': CSV_EXCEL_SV,
  ndjson: NDJSON,
  json: JSON_FORMAT,
  parquet: PARQUET,
} as const satisfies Record<string, Format>;

export type FormatId = keyof typeof FORMATS;

export function isFormatId(id: string): id is FormatId {
  return Object.hasOwn(FORMATS, id);
}
