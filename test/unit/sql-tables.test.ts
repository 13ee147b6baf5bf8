import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { generateArchive } from '../../functions/pipeline/synthetic/generate-archive.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { readManifest, readMunicipalityIndex } from '../../functions/published/public-store.ts';
import { duckdbViews, SQL_TABLES, sqlTablePath } from '../../functions/published/sql-tables.ts';
import { newClock, publish } from './publish-support.ts';

/**
 * The SQL tables (published/sql-tables.ts): one fixed-name copy per unit and table, so an engine that reads every
 * file under a prefix counts each § once. Queried here with DuckDB's Node package over a published sample, through
 * the views `npm run sql` creates (the names and columns of the Glue tables Athena reads on AWS).
 */
let dir: string;
let store: FsBlobStore;
let db: DuckDBConnection;
const clock = newClock();

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** § per municipality and year as the published indexes count them. */
async function publishedCounts(): Promise<Map<string, number>> {
  const manifest = (await readManifest(store))!;
  const counts = new Map<string, number>();
  for (const m of Object.values(manifest.municipalities)) {
    for (const u of Object.values((await readMunicipalityIndex(store, m)).units)) {
      const key = `${u.municipality}/${u.year}`;
      if (u.paragraphs > 0) counts.set(key, (counts.get(key) ?? 0) + u.paragraphs);
    }
  }
  return counts;
}

async function sqlCounts(): Promise<Map<string, number>> {
  const found = await rows('SELECT municipality_id, year, count(*) AS n FROM paragraphs GROUP BY ALL');
  return new Map(found.map((r) => [`${r.municipality_id}/${r.year}`, Number(r.n)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paragraf-sql-'));
  store = new FsBlobStore(dir);
  await generateArchive(store, { meetings: 80, seed: 5 });
  await publish(store, clock);
  db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const view of duckdbViews(join(dir, 'public'))) await db.run(view);
}, 120_000);

afterAll(() => {
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQL over the published tables with DuckDB', () => {
  it('counts every published § once, by municipality and year (the partitions)', async () => {
    const expected = await publishedCounts();
    expect(expected.size).toBeGreaterThan(5);
    expect(await sqlCounts()).toEqual(expected);
  });

  it('answers "decisions per body and year" and "votes by party" with the documented queries', async () => {
    const perBody = await rows(
      'SELECT municipality_id, body, year, count(*) AS decisions FROM paragraphs GROUP BY ALL ORDER BY decisions DESC',
    );
    expect(perBody.length).toBeGreaterThan(5);
    expect(perBody.every((r) => typeof r.body === 'string' && Number(r.decisions) > 0)).toBe(true);
    const byParty = await rows(
      "SELECT r.party, r.vote, count(*) AS n FROM vote_roll r JOIN votes v USING (vote_id) WHERE r.party <> '' GROUP BY ALL ORDER BY n DESC",
    );
    const rollRows = await rows('SELECT count(*) AS n FROM vote_roll');
    expect(Number(rollRows[0]!.n)).toBeGreaterThan(0);
    expect(byParty.length).toBeGreaterThan(0);
    // The copies are the unit's own CSV: the rows DuckDB reads are the rows of the files, header excluded.
    let csvRows = 0;
    for await (const meta of store.list(publicKey('tables/vote_roll/')))
      csvRows += (parse(Buffer.from((await store.get(meta.key))!), { columns: true }) as unknown[]).length;
    expect(Number(rollRows[0]!.n)).toBe(csvRows);
  });

  it('follows republishes: a changed unit is counted once, a unit whose records are gone disappears', async () => {
    await generateArchive(store, { meetings: 120, seed: 5 }); // the first 80 again and 40 more: some units change
    await publish(store, clock);
    expect(await sqlCounts()).toEqual(await publishedCounts());
    const [victim] = (await rows('SELECT municipality_id, year, body FROM paragraphs LIMIT 1')) as Array<{
      municipality_id: string;
      year: number;
      body: string;
    }>;
    const manifest = (await readManifest(store))!;
    const index = await readMunicipalityIndex(store, manifest.municipalities[victim!.municipality_id]!);
    const unit = Object.values(index.units).find((u) => u.year === victim!.year && u.bodyName === victim!.body)!;
    for await (const meta of store.list(`records/${unit.municipality}/${unit.body}/${unit.year}/`))
      await store.delete(meta.key);
    await publish(store, clock, { full: true }); // a full publish revisits every published unit, also emptied ones
    for (const t of SQL_TABLES) expect(await store.head(publicKey(sqlTablePath(t, unit)))).toBeNull();
    expect(await sqlCounts()).toEqual(await publishedCounts());
  });
});
