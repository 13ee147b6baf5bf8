import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_MEETINGS, ensurePublishedArchive, paragraf, type Archive } from '../lib/archive.ts';
import { ensureTools, measureOk, type Measured } from '../lib/process.ts';
import { importCsvIntoSqlite } from '../lib/sqlite-import.ts';
import { median, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * CSV export of every § of the synthetic national archive (≈ 400,000 §) with `paragraf export`, two ways: from the
 * published partition files (the default, and what a download of the "all" CSV streams) and from the meeting
 * records (`--from records`: every record read and rendered again, as a full republish does). Both against the
 * sqlite3 CLI exporting the same rows from a SQLite file: the CSV Paragraf wrote is imported into SQLite once
 * (untimed, bench/lib/sqlite-import.ts), then `sqlite3 db .mode csv .headers on 'select …'` is timed. The three run
 * in turn in every pass; ratios are medians of per-pass ratios (sqlite3 takes seconds, Paragraf tens of seconds, so
 * the order within a pass matters little). Peak RSS comes from the kernel (GNU time), for the export of ≈ 400,000 §
 * and of ≈ 40,000 §: memory should not grow with the archive.
 */
export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  ensureTools(
    [
      { command: 'sqlite3', aptPackage: 'sqlite3' },
      { command: '/usr/bin/time', aptPackage: 'time' },
    ],
    ctx.log,
  );
  const large = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const small = await ensurePublishedArchive(ctx, ctx.quick ? 100 : ARCHIVE_MEETINGS.tenth);
  const csv = join(ctx.workDir, 'paragraphs.csv');
  await exportCsv(ctx, large, csv, 'published'); // warm-up, and the rows SQLite imports
  const db = await importCsvIntoSqlite(csv, ctx.workDir, 'paragraphs');
  const runs: Record<'published' | 'records' | 'sqlite', Measured[]> = { published: [], records: [], sqlite: [] };
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
    runs.published.push(await exportCsv(ctx, large, csv, 'published'));
    runs.sqlite.push(
      await measureOk('sqlite3', [db.path, '.mode csv', '.headers on', 'select * from paragraphs'], {
        stdoutFile: join(ctx.workDir, 'sqlite.csv'),
      }),
    );
    runs.records.push(await exportCsv(ctx, large, join(ctx.workDir, 'rendered.csv'), 'records'));
  }
  const tenth = [1, 2].map(() => exportCsv(ctx, small, join(ctx.workDir, 'small.csv'), 'published'));
  const smallRss = median((await Promise.all(tenth)).map((m) => m.peakRssMb));
  const mib = (path: string) => (statSync(path).size / 1024 ** 2).toFixed(0);
  ctx.log(`${db.rows} rows, ${mib(csv)} MiB (sqlite3 ${mib(join(ctx.workDir, 'sqlite.csv'))} MiB)`);
  return rows(db.rows, large.meetings, small.meetings, runs, smallRss);
}

function rows(
  rowCount: number,
  meetings: number,
  tenthMeetings: number,
  runs: Record<'published' | 'records' | 'sqlite', Measured[]>,
  smallRss: number,
): ResultRow[] {
  const note = `${rowCount} § (${meetings} meetings), median of ${runs.sqlite.length} passes`;
  const seconds = (m: Measured[]) => round(median(m.map((x) => x.wallMs)) / 1000);
  const ratio = (m: Measured[]) => round(median(m.map((x, i) => x.wallMs / runs.sqlite[i]!.wallMs)));
  const rss = (m: Measured[]) => round(median(m.map((x) => x.peakRssMb)));
  const sqlite = { tool: 'sqlite3 .mode csv', value: seconds(runs.sqlite) };
  const k = `${Math.round(rowCount / 1000)}k`;
  return [
    {
      name: 'csv.export-seconds',
      label: `CSV export (published files), ${k} §`,
      value: seconds(runs.published),
      unit: 's',
      baseline: sqlite,
      note,
    },
    {
      name: 'csv.time-ratio',
      label: 'CSV export time ÷ sqlite3 time',
      value: ratio(runs.published),
      unit: '×',
      goal: { op: '<=', target: 1.5 },
      note,
    },
    {
      name: 'csv.peak-rss-mb',
      label: `CSV export peak RSS, ${k} §`,
      value: rss(runs.published),
      unit: 'MB',
      baseline: { tool: 'sqlite3 .mode csv', value: rss(runs.sqlite) },
      goal: { op: '<=', target: 200 },
      note,
    },
    {
      name: 'csv.peak-rss-mb-tenth',
      label: `CSV export peak RSS, ${tenthMeetings} meetings`,
      value: round(smallRss),
      unit: 'MB',
      note: 'median of 2 runs',
    },
    {
      name: 'csv.rss-growth',
      label: 'CSV export peak RSS, large ÷ tenth-size archive',
      value: round(rss(runs.published) / smallRss),
      unit: '×',
      goal: { op: '<=', target: 1.2 },
      note: '"flat": at most 20% more memory for 10× the rows',
    },
    {
      name: 'csv.render-seconds',
      label: `CSV rendered from the records, ${k} §`,
      value: seconds(runs.records),
      unit: 's',
      baseline: sqlite,
      note: `${note}; every record read, parsed and rendered again (a full republish)`,
    },
    {
      name: 'csv.render-time-ratio',
      label: 'CSV rendered from the records ÷ sqlite3 time',
      value: ratio(runs.records),
      unit: '×',
      note,
    },
    {
      name: 'csv.render-peak-rss-mb',
      label: 'CSV rendered from the records, peak RSS',
      value: rss(runs.records),
      unit: 'MB',
      goal: { op: '<=', target: 200 },
      note,
    },
  ];
}

function exportCsv(ctx: SuiteContext, archive: Archive, out: string, from: 'published' | 'records'): Promise<Measured> {
  return paragraf(ctx, [
    'export',
    '--data',
    archive.dir,
    '--from',
    from,
    '--format',
    'csv',
    '--table',
    'paragraphs',
    '--out',
    out,
  ]);
}
