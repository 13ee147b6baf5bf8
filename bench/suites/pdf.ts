import { execFileSync } from 'node:child_process';
import { DEFAULT_MAX_BYTES } from '../../functions/adapters/document-extractor.ts';
import { parseFile } from '../../functions/cli/parse-file.ts';
import { corpusPdfs, type CorpusFile } from '../lib/corpus.ts';
import { ensureTools, timeCommand } from '../lib/process.ts';
import { interleave, median, round, timeMs } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * PDF → records on the real corpus PDFs, against `pdftotext -layout` (poppler) on the same files. Paragraf runs as
 * `paragraf parse` does (read, sniff, extract with pdf.js, parse) in one warm process, file after file; pdftotext
 * runs once per file, as a user would script it. Passes alternate between the two; the ratio is the median of the
 * per-pass time ratios. pdftotext only extracts text, Paragraf also parses it into records.
 */
export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  ensureTools(
    [
      { command: 'pdftotext', aptPackage: 'poppler-utils' },
      { command: 'pdfinfo', aptPackage: 'poppler-utils' },
    ],
    ctx.log,
  );
  const all = corpusPdfs(ctx.repoRoot);
  const files = ctx.quick ? all.filter((f) => pageCount(f) <= 12).slice(0, 2) : all;
  const pages = files.reduce((n, f) => n + pageCount(f), 0);
  const first = await timeMs(() => paragrafPass(files)); // includes loading pdf.js, reported apart
  const passes = ctx.quick ? 2 : 10;
  const { subject, baseline, ratios } = await interleave(
    passes,
    () => timeMs(() => paragrafPass(files)),
    () => pdftotextPass(files),
  );
  ctx.log(
    `${files.length} PDFs, ${pages} pages, ${passes} interleaved passes; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
  );
  const note = `${files.length} corpus PDFs, ${pages} pages; median over ${passes / 2} mirrored pairs of passes`;
  const pagesPerSecond = (ms: number) => (pages / ms) * 1000;
  return [
    {
      name: 'pdf.pages-per-second',
      label: 'PDF → records, warm process',
      value: round(pagesPerSecond(median(subject))),
      unit: 'pages/s',
      baseline: { tool: 'pdftotext -layout', value: round(pagesPerSecond(median(baseline))) },
      note,
    },
    {
      name: 'pdf.time-ratio',
      label: 'PDF → records time ÷ pdftotext time',
      value: round(median(ratios)),
      unit: '×',
      goal: { op: '<=', target: 3 },
      note,
    },
    {
      name: 'pdf.first-pass-ms',
      label: 'PDF → records, first pass in a fresh process (pdf.js load, JIT warm-up)',
      value: round(first),
      unit: 'ms',
      note: `${files.length} PDFs, one pass`,
    },
  ];
}

async function paragrafPass(files: readonly CorpusFile[]): Promise<void> {
  for (const file of files) await parseFile(file.path, {}, DEFAULT_MAX_BYTES);
}

/** One pdftotext process per file, timed together from here. */
async function pdftotextPass(files: readonly CorpusFile[]): Promise<number> {
  let ms = 0;
  for (const file of files) ms += await timeCommand('pdftotext', ['-layout', file.path, '-']);
  return ms;
}

const pageCounts = new Map<string, number>();

/** Pages by pdfinfo (poppler), the tool the baseline comes from. */
function pageCount(file: CorpusFile): number {
  let n = pageCounts.get(file.path);
  if (n === undefined) {
    n = Number(
      /^Pages:\s+(\d+)$/mu.exec(execFileSync('pdfinfo', [file.path], { encoding: 'utf8' }))?.[1] ?? Number.NaN,
    );
    pageCounts.set(file.path, n);
  }
  return n;
}
