/** The text formats: what the API renders per request. Parquet is only written by the publisher (formats/index.ts). */
import { CSV, CSV_EXCEL_SV } from './csv.ts';
import type { Format } from './format.ts';
import type { TextFormatId } from './media-types.ts';
import { JSON_FORMAT } from './json.ts';
import { NDJSON } from './ndjson.ts';

export const TEXT_FORMATS = {
  csv: CSV,
  'csv-excel-sv': CSV_EXCEL_SV,
  ndjson: NDJSON,
  json: JSON_FORMAT,
} as const satisfies Record<TextFormatId, Format>;
