import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_MEETINGS, ensurePublishedArchive, paragraf, type Archive } from '../lib/archive.ts';
import { ensureTools, measureOk, type Measured } from '../lib/process.ts';
import { importCsvIntoSqlite } from '../lib/sqlite-import.ts';
import { median, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * CSV export of every § of the synthetic national archive (≈ 400,000 §) with `paragraf export`, two ways: from the
 * published partition files (the default: what a download of the "all" CSV streams) and from the meeting records
 * (`--from records`: every record read and rendered again, as a full republish does). Both against the sqlite3 CLI
 * exporting the same rows from a SQLite file: the CSV
 * Paragraf wrote is imported into SQLite once (untimed, bench/lib/sqlite-import.ts), then `sqlite3 db .mode csv .headers on 'select …'` is
 * timed. Passes alternate; the ratio is the median of per-pass ratios. Peak RSS comes from the kernel (GNU time),
 * for the export at ≈ 400,000 § and at ≈ 40,000 §: memory should not grow with the archive.
 */
export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  ensureTools([{ command: 'sqlite3', aptPackage: 'sqlite3' }, { command: '/usr/bin/time', aptPackage: 'time' }], ctx.log);
  const large = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const small = await ensurePublishedArchive(ctx, ctx.quick ? 100 : ARCHIVE_MEETINGS.tenth);
  const csv = join(ctx.workDir, 'paragraphs.csv');
  await exportCsv(ctx, large, csv); // warm-up, and the rows SQLite imports
  const db = await importCsvIntoSqlite(csv, ctx.workDir, 'paragraphs');
  const passes = ctx.quick ? 1 : 3;
  const ours: Measured[] = [];
  const rendered: Measured[] = [];
  const theirs: Measured[] = [];
  for (let i = 0; i < passes; i++) {
    ours.push(await exportCsv(ctx, large, csv));
    theirs.push(await measureOk('sqlite3', [db.path, '.mode csv', '.headers on', 'select * from paragraphs'], { stdoutFile: join(ctx.workDir, 'sqlite.csv') }));
    rendered.push(await exportCsv(ctx, large, join(ctx.workDir, 'rendered.csv'), 'records'));
  }
  const renderedRatio = median(rendered.map((m, i) => m.wallMs / theirs[i]!.wallMs));
  const smallRss = median([await exportCsv(ctx, small, join(ctx.workDir, 'small.csv')), await exportCsv(ctx, small, join(ctx.workDir, 'small.csv'))].map((m) => m.peakRssMb));
  const largeRss = median(ours.map((m) => m.peakRssMb));
  const ratio = median(ours.map((m, i) => m.wallMs / theirs[i]!.wallMs));
  ctx.log(`${db.rows} rows, ${(statSync(csv).size / 1024 ** 2).toFixed(0)} MiB (sqlite3 ${(statSync(join(ctx.workDir, 'sqlite.csv')).size / 1024 ** 2).toFixed(0)} MiB); ratios ${ours.map((m, i) => (m.wallMs / theirs[i]!.wallMs).toFixed(2)).join(' ')}`);
  const note = `${db.rows} § (${large.meetings} meetings), median of ${passes} alternating passes`;
  const seconds = (ms: number) => round(ms / 1000);
  return [
    { name: 'csv.export-seconds', label: `CSV export (published files), ${kilo(db.rows)} §`, value: seconds(median(ours.map((m) => m.wallMs))), unit: 's', baseline: { tool: 'sqlite3 .mode csv', value: seconds(median(theirs.map((m) => m.wallMs))) }, note },
    { name: 'csv.time-ratio', label: 'CSV export time ÷ sqlite3 time', value: round(ratio), unit: '×', goal: { op: '<=', target: 1.5 }, note },
    { name: 'csv.render-seconds', label: `CSV export rendered from records, ${kilo(db.rows)} §`, value: seconds(median(rendered.map((m) => m.wallMs))), unit: 's', baseline: { tool: 'sqlite3 .mode csv', value: seconds(median(theirs.map((m) => m.wallMs))) }, note },
    { name: 'csv.render-time-ratio', label: 'CSV rendered from records ÷ sqlite3 time', value: round(renderedRatio), unit: '×', note: 'every record JSON read, parsed and rendered again (a full republish)' },
    { name: 'csv.render-peak-rss-mb', label: `CSV rendered from records, peak RSS`, value: round(median(rendered.map((m) => m.peakRssMb))), unit: 'MB', goal: { op: '<=', target: 200 }, note },
    { name: 'csv.peak-rss-mb', label: `CSV export peak RSS, ${kilo(db.rows)} §`, value: round(largeRss), unit: 'MB', baseline: { tool: 'sqlite3 .mode csv', value: round(median(theirs.map((m) => m.peakRssMb))) }, goal: { op: '<=', target: 200 }, note },
    { name: 'csv.peak-rss-mb-tenth', label: `CSV export peak RSS, ${small.meetings} meetings`, value: round(smallRss), unit: 'MB', note: 'median of 2 runs' },
    { name: 'csv.rss-growth', label: 'CSV export peak RSS, large ÷ tenth-size archive', value: round(largeRss / smallRss), unit: '×', goal: { op: '<=', target: 1.2 }, note: '"flat": at most 20% more memory for 10× the rows' },
  ];
}

function exportCsv(ctx: SuiteContext, archive: Archive, out: string, from: 'published' | 'records' = 'published'): Promise<Measured> {
  return paragraf(ctx, ['export', '--data', archive.dir, '--from', from, '--format', 'csv', '--table', 'paragraphs', '--out', out]);
}

function kilo(n: number): string {
  return n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}
