/**
 * JSON: the table as one array of row objects (Frictionless "inline/JSON tabular data" shape), written element by
 * element so that a large table is streamed like NDJSON.
 */
import { FORMAT_ENTRIES } from './media-types.ts';
import { mapRows, orderedRow, TextChunker, type Format } from './format.ts';

export async function* renderJsonArray(records: Iterable<unknown> | AsyncIterable<unknown>): AsyncIterable<Uint8Array> {
  const out = new TextChunker();
  let first = true;
  out.push('[');
  for await (const record of records) {
    out.push(`${first ? '\n' : ',\n'}${JSON.stringify(record)}`);
    first = false;
    if (out.full) yield out.take()!;
  }
  out.push(first ? ']\n' : '\n]\n');
  yield out.take()!;
}

export const JSON_FORMAT: Format = {
  ...FORMAT_ENTRIES.json,
  render: (table, rows) => renderJsonArray(mapRows(rows, (row) => orderedRow(table, row))),
};
