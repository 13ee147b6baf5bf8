/**
 * SQL over a published tree with DuckDB (docs/sql.md): `npm run sql -- [--data DIR] "SELECT …"`. The views
 * paragraphs, votes and vote_roll have the names and columns of the Glue tables Athena queries on AWS, so a query
 * tried here runs there unchanged. DuckDB is a development dependency: this is a tool for people, not a service.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { duckdbViews } from '../functions/published/sql-tables.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: 'string', default: 'data/store' } },
});
if (positionals.length !== 1) {
  process.stderr.write('Usage: npm run sql -- [--data DIR] "SELECT …"   (views: paragraphs, votes, vote_roll)\n');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
for (const view of duckdbViews(join(values.data, 'public'))) await connection.run(view);
const result = await connection.runAndReadAll(positionals[0]!);
const names = result.columnNames();
process.stdout.write(`${names.join('\t')}\n`);
for (const row of result.getRowsJson())
  process.stdout.write(
    `${row.map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('\t')}\n`,
  );
