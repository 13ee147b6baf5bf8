import { basename } from 'node:path';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { ParseInput } from '../../functions/core/records/types.ts';
import { fileNameHints } from '../../functions/pipeline/file-name-hints.ts';
import { corpusTexts } from '../lib/corpus.ts';
import { median, percentile, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * text → records: the pure parser alone (no I/O, no PDF), on the real corpus (PDFs extracted first, untimed), one core (the parser is
 * synchronous JavaScript on the main thread). Each sample parses the whole corpus repeatedly for at least
 * `sampleMs`; the figure is the median of the samples' § per second. A sample is timed twice: by the wall clock and by
 * the CPU time the process used (process.cpuUsage, which also counts V8's garbage-collector and compiler threads). On a
 * shared machine the wall clock also counts the time other processes held the core; the CPU time is what one core
 * spent, so the goal ("≥ 20,000 §/s on one core") is judged on it, and the wall-clock figure is reported beside it.
 */
export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const inputs = (await corpusTexts(ctx.repoRoot, ctx.quick ? { maxPdfBytes: 1_300_000 } : {})).map(
    (c): ParseInput => ({
      pages: c.pages,
      source: { fileName: basename(c.path), sha256: '0'.repeat(64), pages: c.pages.length, mediaType: c.mediaType },
      hints: fileNameHints(basename(c.path)),
    }),
  );
  const bytes = inputs.reduce((n, i) => n + i.pages.reduce((m, p) => m + Buffer.byteLength(p.text), 0), 0);
  const samples = ctx.quick ? 3 : 9;
  const sampleMs = ctx.quick ? 300 : 1500;
  sample(inputs, ctx.quick ? 300 : 3000); // warm-up: let the JIT compile and optimise the parser before timing
  const rates: number[] = [];
  const cpuRates: number[] = [];
  const byteRates: number[] = [];
  for (let s = 0; s < samples; s++) {
    const { paragraphs, passes, ms, cpuMs } = sample(inputs, sampleMs);
    rates.push((paragraphs / ms) * 1000);
    cpuRates.push((paragraphs / cpuMs) * 1000);
    byteRates.push((passes * bytes) / 1024 / 1024 / (cpuMs / 1000));
  }
  const perPass = parseAll(inputs);
  ctx.log(
    `${inputs.length} texts, ${perPass} §, ${(bytes / 1024).toFixed(0)} KiB; ${samples} samples of ≥ ${sampleMs} ms`,
  );
  const note = `median of ${samples} samples, ${inputs.length} corpus texts (${perPass} §) parsed repeatedly`;
  return [
    {
      name: 'parse.paragraphs-per-cpu-second',
      label: 'text → records, one core (CPU time)',
      value: round(median(cpuRates)),
      unit: '§/s',
      goal: { op: '>=', target: 20_000 },
      note: `${note}; § per second of the process's CPU time`,
    },
    {
      name: 'parse.paragraphs-per-second',
      label: 'text → records, one core (wall clock)',
      value: round(median(rates)),
      unit: '§/s',
      note: `${note}; on a busy machine the wall clock also counts other processes' turns`,
    },
    {
      name: 'parse.paragraphs-per-second-p10',
      label: 'text → records, slowest decile of samples (wall clock)',
      value: round(percentile(rates, 10)),
      unit: '§/s',
      note,
    },
    {
      name: 'parse.megabytes-per-second',
      label: 'text → records, input text (CPU time)',
      value: round(median(byteRates)),
      unit: 'MiB/s',
      note,
    },
  ];
}

function parseAll(inputs: readonly ParseInput[]): number {
  let paragraphs = 0;
  for (const input of inputs) paragraphs += parseProtocol(input).paragraphs.length;
  return paragraphs;
}

function sample(
  inputs: readonly ParseInput[],
  minMs: number,
): { paragraphs: number; passes: number; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let paragraphs = 0;
  let passes = 0;
  let ms = 0;
  while (ms < minMs) {
    paragraphs += parseAll(inputs);
    passes++;
    ms = performance.now() - start;
  }
  const used = process.cpuUsage(cpu);
  return { paragraphs, passes, ms, cpuMs: (used.user + used.system) / 1000 };
}
