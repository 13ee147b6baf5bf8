/**
 * NDJSON (one JSON object per line, LF-terminated). Lists stay arrays. `renderNdjson` also serves the full § records
 * (records.ts), which are not table rows.
 */
import { FORMAT_ENTRIES } from './media-types.ts';
import { mapRows, orderedRow, TextChunker, type Format } from './format.ts';

export async function* renderNdjson(records: Iterable<unknown> | AsyncIterable<unknown>): AsyncIterable<Uint8Array> {
  const out = new TextChunker();
  for await (const record of records) {
    out.push(`${JSON.stringify(record)}\n`);
    if (out.full) yield out.take()!;
  }
  const rest = out.take();
  if (rest) yield rest;
}

export const NDJSON: Format = {
  ...FORMAT_ENTRIES.ndjson,
  render: (table, rows) => renderNdjson(mapRows(rows, (row) => orderedRow(table, row))),
};
