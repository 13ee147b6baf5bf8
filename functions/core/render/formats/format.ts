/**
 * A file format: how a table's rows become bytes. Shared by the publisher (files) and the API (responses), so both
 * serve byte-identical output. `render` is streaming: it pulls rows as it writes and never holds the whole table.
 */
import type { Cell, Row, TableDef } from '../table.ts';
import { LIST_DELIMITER } from '../table.ts';
import type { FormatEntry } from './media-types.ts';

export type RowSource = Iterable<Row> | AsyncIterable<Row>;

/** A registry entry (id, extension, media type, Accept aliases: media-types.ts) with its renderer. */
export interface Format extends FormatEntry {
  render(table: TableDef, rows: RowSource): AsyncIterable<Uint8Array>;
}

/** Output is emitted in chunks of about this many bytes: few enough writes, little held in memory. */
export const CHUNK_CHARS = 64 * 1024;

/**
 * Collects text and hands it out as UTF-8 chunks of about {@link CHUNK_CHARS}. Not a stream itself: the caller's
 * generator yields whatever `take` returns.
 */
export class TextChunker {
  private parts: string[] = [];
  private length = 0;
  private readonly encoder = new TextEncoder();

  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  get full(): boolean {
    return this.length >= CHUNK_CHARS;
  }

  take(): Uint8Array | undefined {
    if (this.length === 0) return undefined;
    const bytes = this.encoder.encode(this.parts.join(''));
    this.parts = [];
    this.length = 0;
    return bytes;
  }
}

/** A cell as flat text, for CSV and Parquet: lists joined, booleans as true/false, no value as null. */
export function flatCell(value: Cell | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? value.join(LIST_DELIMITER) : value;
}

/** The row with exactly the table's columns, in order (missing → null). */
export function orderedRow(table: TableDef, row: Row): Row {
  const out: Row = {};
  for (const f of table.fields) out[f.name] = row[f.name] ?? null;
  return out;
}

export async function* mapRows<T, U>(rows: Iterable<T> | AsyncIterable<T>, fn: (row: T) => U): AsyncIterable<U> {
  for await (const row of rows) yield fn(row);
}
