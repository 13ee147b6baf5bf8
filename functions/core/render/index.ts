/** Public surface of the renderers: tables, formats, full records, data package and DCAT catalogue. */
export * from './table.ts';
export * from './tables/index.ts';
export * from './formats/index.ts';
export { flatCell, orderedRow } from './formats/format.ts';
export { csvFormat, type CsvProfile } from './formats/csv.ts';
export { parquetFormat, parquetSchema, DEFAULT_ROW_GROUP_SIZE } from './formats/parquet.ts';
export { renderNdjson } from './formats/ndjson.ts';
export { renderJsonArray } from './formats/json.ts';
export * from './records.ts';
export * from './datapackage.ts';
export * from './dcat.ts';
export { voteSummary, voteCounts, voteId } from './vote-summary.ts';
export { escapeXml } from './xml.ts';
