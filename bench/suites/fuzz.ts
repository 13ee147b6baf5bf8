import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { PageText } from '../../functions/core/records/types.ts';
import { corpusTexts } from '../lib/corpus.ts';
import { fuzzInput, type FuzzInput } from '../lib/fuzz-inputs.ts';
import { percentile, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * 100,000 generated inputs (bench/lib/fuzz-inputs.ts) through the parser, each timed. A crash is any exception (the
 * parser is total: content problems are warnings). The budget is 100 ms per 100 KB, and 100 ms for anything
 * smaller (below that a garbage-collection pause is the whole measurement). An input over budget is parsed three
 * more times and counts as slow only if even its fastest run is over: on a shared machine one slow run is noise
 * (unless it is over five times its budget: then it is slow, and re-running it would only cost minutes).
 */
const SEED = 20261127;
const BUDGET_MS_PER_100KB = 100;
/** Noise does not make a parse five times slower; an input that far over is not re-run (it may take minutes). */
const RETRY_BELOW = 5;

interface FuzzStats {
  count: number;
  crashes: string[];
  slow: string[];
  /** The input closest to (or furthest over) its budget: time ÷ budget, and which input. */
  worstShare: number;
  worst: string;
  /** ms per 100 KB of the inputs of 10 KB or more. */
  rates: number[];
  bytes: number;
  seconds: number;
}

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const corpus = (await corpusTexts(ctx.repoRoot)).map((c) => c.pages.map((p) => p.text).join('\n')).join('\n');
  const stats = fuzz(ctx.quick ? 2_000 : 100_000, corpus, ctx.log);
  for (const line of [...stats.crashes, ...stats.slow].slice(0, 20)) ctx.log(line);
  const mib = (stats.bytes / 1024 ** 2).toFixed(0);
  ctx.log(`${stats.count} inputs, ${mib} MiB in ${stats.seconds.toFixed(0)} s; worst ${stats.worst}`);
  const note = `${stats.count} inputs (seed ${SEED}), ${mib} MiB in ${stats.seconds.toFixed(0)} s`;
  return [
    { name: 'fuzz.inputs', label: 'fuzz: generated inputs parsed', value: stats.count, unit: 'inputs', note },
    {
      name: 'fuzz.crashes',
      label: 'fuzz: crashes (exceptions)',
      value: stats.crashes.length,
      unit: 'inputs',
      goal: { op: '<=', target: 0 },
      note: stats.crashes[0] ?? note,
    },
    {
      name: 'fuzz.over-budget',
      label: 'fuzz: slower than 100 ms per 100 KB',
      value: stats.slow.length,
      unit: 'inputs',
      goal: { op: '<=', target: 0 },
      note: stats.slow[0] ?? note,
    },
    {
      name: 'fuzz.worst-budget-share',
      label: 'fuzz: slowest input, time ÷ its budget',
      value: round(stats.worstShare),
      unit: '×',
      goal: { op: '<=', target: 1 },
      note: `${stats.worst}; best of 4 runs when over budget`,
    },
    {
      name: 'fuzz.p99-ms-per-100kb',
      label: 'fuzz: p99 of inputs ≥ 10 KB, time per 100 KB',
      value: round(percentile(stats.rates, 99)),
      unit: 'ms',
      note,
    },
  ];
}

function fuzz(count: number, corpus: string, log: (m: string) => void): FuzzStats {
  const stats: FuzzStats = { count, crashes: [], slow: [], worstShare: 0, worst: '', rates: [], bytes: 0, seconds: 0 };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const input = fuzzInput(SEED, i, corpus);
    stats.bytes += input.bytes;
    check(stats, i, input);
    if (i > 0 && i % 10_000 === 0) log(`${i} inputs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

function check(stats: FuzzStats, index: number, input: FuzzInput): void {
  const what = `#${index} (${input.kind}, ${input.bytes} B)`;
  const first = timeParse(input.pages);
  if (typeof first === 'string') {
    stats.crashes.push(`${what}: ${first}`);
    return;
  }
  const budget = BUDGET_MS_PER_100KB * Math.max(1, input.bytes / 100_000);
  const ms =
    first > budget && first < RETRY_BELOW * budget
      ? Math.min(first, ...[1, 2, 3].map(() => timeParse(input.pages) as number))
      : first;
  if (ms > budget) stats.slow.push(`${what}: ${ms.toFixed(0)} ms`);
  if (input.bytes >= 10_000) stats.rates.push((ms / input.bytes) * 100_000);
  if (ms / budget > stats.worstShare) [stats.worstShare, stats.worst] = [ms / budget, `${what}: ${ms.toFixed(0)} ms`];
}

/** Milliseconds, or the error message when the parser threw. */
function timeParse(pages: PageText[]): number | string {
  const start = performance.now();
  try {
    parseProtocol({
      pages,
      source: { fileName: 'fuzz.txt', sha256: '0'.repeat(64), pages: pages.length, mediaType: 'text/plain' },
    });
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error);
  }
  return performance.now() - start;
}
