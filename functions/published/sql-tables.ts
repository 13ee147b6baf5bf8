import { meetingId } from '../core/records/ids.ts';
import { MUNICIPALITIES } from '../core/records/municipalities.ts';
import type { TableDef } from '../core/render/table.ts';
import { paragraphsTable, voteRollTable, votesTable } from '../core/render/tables/index.ts';
import { checkedUnit, type UnitRef } from './paths.ts';

/**
 * The tables an SQL engine reads (docs/sql.md): Athena through the Glue tables the stack defines, DuckDB over the
 * files. Unit folders are content-addressed and keep older versions beside the current one, so an engine that reads
 * every file under a prefix would count a § once per version; these copies have one fixed name per unit instead:
 *
 *   tables/<table>/municipality_id=<m>/year=<year>/<body>.<ext>
 *
 * overwritten when the unit changes and deleted when it is gone. Partitions are by municipality and year (projected
 * in Glue, so no crawler); the body is the file name, and the § table's `body` column, because bodies are an open set
 * of names that partition projection would have to enumerate.
 */
export const SQL_TABLES_DIR = 'tables/';

export interface SqlTable {
  table: TableDef;
  /** The unit file copied (see unit-files.ts TABLE_FILES). */
  file: string;
  format: 'parquet' | 'csv';
}

/** The § table as Parquet (typed columns); votes and named rolls as CSV (what a vote-by-party query joins). */
export const SQL_TABLES: readonly SqlTable[] = [
  { table: paragraphsTable, file: 'paragraphs.parquet', format: 'parquet' },
  { table: votesTable, file: 'votes.csv', format: 'csv' },
  { table: voteRollTable, file: 'vote_roll.csv', format: 'csv' },
];

/** Partition keys, in path order. Not `municipality`: the tables have a column of that name (the printed name). */
export const SQL_PARTITION_KEYS = ['municipality_id', 'year'] as const;

/**
 * Every value `municipality_id` can take: the id part of a meeting id for each of the 290 municipalities (as ingest
 * derives it), and the stand-in for a protocol whose municipality was not recognised. Glue's partition projection
 * enumerates these, so no crawler has to find them.
 */
export const SQL_MUNICIPALITY_IDS: readonly string[] = [
  ...new Set([...MUNICIPALITIES.map((m) => meetingId(m, 'x', 'd').slice(0, -4)), 'okand']),
].sort();

/** `tables/<table>/` */
export function sqlTableDir(table: SqlTable): string {
  return `${SQL_TABLES_DIR}${table.table.name}/`;
}

/** The fixed-name copy of a unit's file for one SQL table. */
export function sqlTablePath(table: SqlTable, unit: UnitRef): string {
  checkedUnit(unit);
  return `${sqlTableDir(table)}municipality_id=${unit.municipality}/year=${unit.year}/${unit.body}.${table.format}`;
}

/**
 * DuckDB views with the names and columns of the Glue tables, over a local published tree (`<public dir>` is the
 * store's public/ folder): the same SQL then runs in Athena and locally (docs/sql.md). CSV columns are text, as
 * Athena's OpenCSVSerde reads them.
 */
export function duckdbViews(publicDir: string): string[] {
  const dir = publicDir.replace(/\/+$/u, '').replaceAll("'", "''");
  return SQL_TABLES.map((t) => {
    const files = `'${dir}/${sqlTableDir(t)}*/*/*.${t.format}'`;
    const read =
      t.format === 'parquet'
        ? `read_parquet(${files}, hive_partitioning = true, union_by_name = true)`
        : `read_csv(${files}, header = true, all_varchar = true, hive_partitioning = true, union_by_name = true)`;
    return `CREATE OR REPLACE VIEW ${t.table.name} AS SELECT * REPLACE (CAST(year AS INTEGER) AS year) FROM ${read}`;
  });
}
