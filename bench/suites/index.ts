/**
 * The benchmark suites in the order `npm run bench` runs them (quick, CPU-bound ones first; the soak last). Each is a
 * module in this folder exporting `run(ctx): Promise<ResultRow[]>` (bench/lib/types.ts).
 */
export interface SuiteEntry {
  name: string;
  file: string;
  /** One line for the table and `--help`. */
  summary: string;
  /** The runner kills a suite that takes longer (full run; quick runs get a fifth, at least a minute). */
  timeoutMinutes: number;
}

export const SUITES: readonly SuiteEntry[] = [
  { name: 'parse', file: 'parse.ts', summary: 'text → records, § per second on one core', timeoutMinutes: 5 },
  {
    name: 'limits',
    file: 'limits.ts',
    summary: 'ingest of a decompression bomb, 300 MB of text, 20,000 pages, a 1 GiB file: peak RSS',
    timeoutMinutes: 10,
  },
  { name: 'pdf', file: 'pdf.ts', summary: 'PDF → records vs pdftotext -layout on the real corpus', timeoutMinutes: 10 },
  {
    name: 'cold-start',
    file: 'cold-start.ts',
    summary: 'Lambda bundle sizes and module init times',
    timeoutMinutes: 10,
  },
  {
    name: 'ocr',
    file: 'ocr.ts',
    summary: 'scanned protocol → records vs the tesseract CLI; peak RSS, ingest bundle',
    timeoutMinutes: 20,
  },
  {
    name: 'fuzz',
    file: 'fuzz.ts',
    summary: '100,000 generated inputs through the parser, per-input time budget',
    timeoutMinutes: 20,
  },
  {
    name: 'csv',
    file: 'csv-export.ts',
    summary: 'CSV export of the 400,000-§ archive vs the sqlite3 CLI; peak RSS',
    timeoutMinutes: 40,
  },
  {
    name: 'publish',
    file: 'publish.ts',
    summary: 'incremental publish: one protocol into 100 vs 30,000 meetings',
    timeoutMinutes: 40,
  },
  {
    name: 'api-cold',
    file: 'api-cold.ts',
    summary: 'API cold start and RSS at 400,000 §: filesystem, and S3 protocol + 20 ms a request',
    timeoutMinutes: 40,
  },
  {
    name: 'api',
    file: 'api.ts',
    summary: 'API over the 400,000-§ archive vs a bare Hono hello-world (autocannon)',
    timeoutMinutes: 30,
  },
  {
    name: 'soak',
    file: 'soak.ts',
    summary: '10 minutes at 64 connections: list, search, permalink, CSV',
    timeoutMinutes: 25,
  },
];

export function suiteByName(name: string): SuiteEntry | undefined {
  return SUITES.find((s) => s.name === name);
}
