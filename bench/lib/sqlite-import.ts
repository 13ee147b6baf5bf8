import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { measureOk } from './process.ts';

/**
 * Loads the rows of a Paragraf CSV into a SQLite table, for the sqlite3 baseline of the export benchmark (untimed).
 *
 * The file is re-quoted first: Paragraf's CSV ends records with CRLF and leaves a bare LF inside a value unquoted,
 * which RFC 4180 permits for LF alone but which sqlite3's `.import` (and Python's csv module) read as the end of
 * the record. csv-parse reads it correctly (the record delimiter is detected as CRLF); the copy quotes every value
 * holding a line break, so SQLite gets exactly the same rows.
 */
export async function importCsvIntoSqlite(csv: string, workDir: string, table: string): Promise<{ path: string; rows: number }> {
  const requoted = join(workDir, `${table}.for-sqlite.csv`);
  let rows = -1; // the header is a record too
  const counter = new Transform({
    objectMode: true,
    transform(record: string[], _encoding, done) {
      rows++;
      done(null, record);
    },
  });
  await pipeline(
    createReadStream(csv),
    parse({ record_delimiter: '\r\n', relax_quotes: false }),
    counter,
    stringify({ record_delimiter: 'windows', quoted_match: /[\r\n]/u }),
    createWriteStream(requoted),
  );
  const path = join(workDir, `${table}.sqlite`);
  rmSync(path, { force: true });
  await measureOk('sqlite3', [path, '.mode csv', `.import ${requoted} ${table}`]);
  rmSync(requoted, { force: true });
  return { path, rows };
}
