import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureOk } from './process.ts';

/**
 * Loads the rows of a Paragraf CSV into a SQLite table with the sqlite3 CLI (`.import` takes the header row as the
 * column names), for the baseline of the export benchmark; untimed. The row count comes back from SQLite, so a CSV
 * that SQLite splits differently from Paragraf (as happened while values with a bare LF were left unquoted) shows
 * up as a row count that differs from Paragraf's.
 */
export async function importCsvIntoSqlite(
  csv: string,
  workDir: string,
  table: string,
): Promise<{ path: string; rows: number }> {
  const path = join(workDir, `${table}.sqlite`);
  rmSync(path, { force: true });
  await measureOk('sqlite3', [path, '.mode csv', `.import ${csv} ${table}`]);
  const countFile = join(workDir, `${table}.count`);
  await measureOk('sqlite3', [path, `select count(*) from ${table}`], { stdoutFile: countFile });
  return { path, rows: Number(readFileSync(countFile, 'utf8').trim()) };
}
