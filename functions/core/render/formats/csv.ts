/**
 * CSV (RFC 4180) in two profiles, both written with csv-stringify:
 * - `csv`: comma, CRLF line ends (RFC 4180 §2.1; also the Frictionless default dialect), UTF-8 without BOM, header row.
 *   Values are exact: what you read back is what the record holds.
 * - `csv-excel-sv`: what Swedish Excel opens cleanly by double-click: UTF-8 BOM (without it Excel guesses Windows-1252
 *   and mangles å/ä/ö), `;` (Swedish Excel's list separator, since `,` is the decimal sign), CRLF, and decimal
 *   numbers with a decimal comma (3,5), which Swedish Excel reads as a number where 3.5 would become a date or text.
 *   Text cells that begin with = + - @ TAB or CR get a leading apostrophe so that Excel shows them as text instead of
 *   evaluating them as a formula (CSV/formula injection, OWASP). That changes the value, which is why it is done ONLY
 *   in this profile, which is meant for people in a spreadsheet; programs should read `csv`, which is never altered.
 *
 * csv-stringify's `sync` entry is used once per batch of rows: it imports no node: module (it uses the global Buffer,
 * present in Node and Lambda), so the core stays pure while the output is still streamed.
 */
import { FORMAT_ENTRIES } from './media-types.ts';
import { stringify } from 'csv-stringify/sync';
import type { TableDef } from '../table.ts';
import { flatCell, TextChunker, type Format, type RowSource } from './format.ts';

const BATCH_ROWS = 256;
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const FORMULA_START = /^[=+\-@\t\r]/u;

export interface CsvProfile {
  id: 'csv' | 'csv-excel-sv';
  delimiter: ',' | ';';
  bom: boolean;
  guardFormulas: boolean;
  decimalComma: boolean;
}

export function csvFormat(profile: CsvProfile): Format {
  return { ...FORMAT_ENTRIES[profile.id], render: (table, rows) => renderCsv(profile, table, rows) };
}

export const CSV = csvFormat({ id: 'csv', delimiter: ',', bom: false, guardFormulas: false, decimalComma: false });
export const CSV_EXCEL_SV = csvFormat({
  id: 'csv-excel-sv',
  delimiter: ';',
  bom: true,
  guardFormulas: true,
  decimalComma: true,
});

async function* renderCsv(profile: CsvProfile, table: TableDef, rows: RowSource): AsyncIterable<Uint8Array> {
  if (profile.bom) yield UTF8_BOM;
  const write = (records: string[][]): string =>
    stringify(records, {
      delimiter: profile.delimiter,
      record_delimiter: 'windows',
      quote: '"',
      escape: '"',
      // csv-stringify only quotes the CRLF record delimiter; a bare LF or CR inside a value (numbered decision items)
      // must be quoted too, or Excel, sqlite and most readers split the row (RFC 4180 2.6).
      quoted_match: /[\r\n]/u,
    });
  const out = new TextChunker();
  out.push(write([table.fields.map((f) => f.name)]));
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(table.fields.map((f) => csvCell(profile, f.type === 'string' || f.type === 'list', row[f.name])));
    if (batch.length < BATCH_ROWS) continue;
    out.push(write(batch));
    batch = [];
    if (out.full) yield out.take()!;
  }
  if (batch.length > 0) out.push(write(batch));
  const rest = out.take();
  if (rest) yield rest;
}

function csvCell(profile: CsvProfile, isText: boolean, value: Parameters<typeof flatCell>[0]): string {
  const flat = flatCell(value);
  if (flat === null) return '';
  if (typeof flat === 'number') return profile.decimalComma ? String(flat).replace('.', ',') : String(flat);
  const text = String(flat);
  return profile.guardFormulas && isText && FORMULA_START.test(text) ? `'${text}` : text;
}
