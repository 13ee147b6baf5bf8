/**
 * Parquet of a table, for DuckDB/pandas/Polars users, written with hyparquet-writer (pure JS, maintained).
 *
 * Streaming: rows are pulled one row group at a time (default 20,000 rows), the group is encoded, and its bytes are
 * handed out before the next group is read. Memory is therefore bounded by one row group, not the table: for the
 * § table (long `decision` text) roughly rowGroupSize × average row size × ~3 (the rows, the column copies, the
 * encoded pages) — about 100–150 MB at 20,000 § of 2 KB; lower `rowGroupSize` if that is too much. Only the page
 * indexes and row-group metadata (a few hundred bytes per group) accumulate until the footer is written.
 *
 * Imports `hyparquet-writer/src/index.js`, not the package root: in Node the root resolves to a build that imports
 * `fs` for file writing. (Its dependency `hyparquet` still resolves to its Node build, which imports `fs` for
 * functions this module never calls; under the "browser" condition both resolve to fs-free builds.)
 */
import { FORMAT_ENTRIES } from './media-types.ts';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer/src/index.js';
import type { SchemaElement } from 'hyparquet';
import type { FieldDef, TableDef } from '../table.ts';
import { flatCell, type Format, type RowSource } from './format.ts';

export const DEFAULT_ROW_GROUP_SIZE = 20_000;
const DAY_MS = 86_400_000;

/** Hands out what the Parquet writer has produced, after each row group and at the end. */
class ChunkWriter extends ByteWriter {
  readonly chunks: Uint8Array[] = [];

  flush(): void {
    if (this.index === 0) return;
    this.chunks.push(this.getBytes().slice());
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

export function parquetFormat(options: { rowGroupSize?: number } = {}): Format {
  const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  return {
    ...FORMAT_ENTRIES.parquet,
    render: (table, rows) => renderParquet(table, rows, rowGroupSize),
  };
}

export const PARQUET = parquetFormat();

async function* renderParquet(table: TableDef, rows: RowSource, rowGroupSize: number): AsyncIterable<Uint8Array> {
  const writer = new ChunkWriter(64 * 1024);
  const pq = new ParquetWriter({ writer, schema: parquetSchema(table), createdBy: 'paragraf (hyparquet-writer)' });
  let columns = emptyColumns(table);
  let count = 0;
  const writeGroup = async () => {
    await pq.write({
      columnData: table.fields.map((f, i) => ({ name: f.name, data: columns[i]! })),
      rowGroupSize: count,
    });
    columns = emptyColumns(table);
    count = 0;
  };
  for await (const row of rows) {
    table.fields.forEach((f, i) => columns[i]!.push(parquetValue(f, row[f.name])));
    if (++count < rowGroupSize) continue;
    await writeGroup();
    yield* writer.chunks.splice(0);
  }
  if (count > 0) await writeGroup();
  await pq.finish();
  yield* writer.chunks.splice(0);
}

function emptyColumns(table: TableDef): unknown[][] {
  return table.fields.map(() => []);
}

export function parquetSchema(table: TableDef): SchemaElement[] {
  const root: SchemaElement = { name: 'root', num_children: table.fields.length };
  return [
    root,
    ...table.fields.map((f): SchemaElement => ({ name: f.name, repetition_type: 'OPTIONAL', ...physical(f) })),
  ];
}

function physical(f: FieldDef): Omit<SchemaElement, 'name'> {
  switch (f.type) {
    case 'integer':
      return { type: 'INT32' };
    case 'number':
      return { type: 'DOUBLE' };
    case 'boolean':
      return { type: 'BOOLEAN' };
    case 'date':
      return { type: 'INT32', converted_type: 'DATE' };
    case 'datetime':
      return { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' };
    default:
      // 'string' and 'list' (items joined with " | ", as in CSV).
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8' };
  }
}

function parquetValue(f: FieldDef, cell: Parameters<typeof flatCell>[0]): unknown {
  const v = flatCell(cell);
  if (v === null) return null;
  switch (f.type) {
    case 'date':
      return daysSinceEpoch(String(v));
    case 'datetime': {
      const ms = Date.parse(String(v));
      return Number.isNaN(ms) ? null : BigInt(ms);
    }
    case 'string':
    case 'list':
      return String(v);
    default:
      return v;
  }
}

/** "2024-02-05" → days since 1970-01-01 (Parquet DATE). An unparsable date becomes null rather than a wrong day. */
function daysSinceEpoch(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}
