/**
 * The media type of each format, kept apart from the renderers so code that only names files (the publisher's
 * manifest, the API's dataset listing) does not pull in a renderer's dependencies (the Parquet writer).
 */
export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  'csv-excel-sv': 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  parquet: 'application/vnd.apache.parquet',
} as const;

export type FormatId = keyof typeof MEDIA_TYPES;
