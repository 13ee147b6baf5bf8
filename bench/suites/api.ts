import { collectTargets, paths, type Targets } from '../lib/api-targets.ts';
import { ARCHIVE_MEETINGS, ensurePublishedArchive } from '../lib/archive.ts';
import { cannon, type CannonRun } from '../lib/cannon.ts';
import { sampleLatency } from '../lib/latency.ts';
import { type RunningServer, startHelloWorld, startParagrafServe } from '../lib/server.ts';
import { median, pairedRatios, percentile, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * The API (`paragraf serve`) over the published ≈ 400,000-§ archive, against a bare Hono hello-world started the
 * same way (bench/lib/hello-server.ts). autocannon at 32 connections, in passes of hello-world, permalink and list
 * whose order is mirrored every other pass: requests/s of a § permalink (JSON) and of a filtered list, each as a ratio
 * to hello-world's over each mirrored pair of passes (bench/lib/stats.ts), and their p99. Search latency is sampled
 * apart, one request at a time with every query different (no cache hits), for the p95. The servers run in their own
 * processes; the API's peak RSS is read from /proc at the end.
 */
const CONNECTIONS = 32;

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const archive = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const api = await startParagrafServe(ctx.repoRoot, archive.dir);
  const hello = await startHelloWorld(ctx.repoRoot);
  try {
    const startRss = api.memory().rssMb;
    const targets = await collectTargets(api.url);
    ctx.log(
      `ready in ${(api.readyMs / 1000).toFixed(1)} s, RSS ${startRss.toFixed(0)} MB; ${targets.paragraphIds.length} § ids from ${targets.municipalities.length} municipalities`,
    );
    const load = await loadPasses(ctx, api, hello, targets);
    const search = await sampleLatency(api.url, paths('search', targets, ctx.quick ? 100 : 400, 7), 1);
    const { peakRssMb } = api.memory();
    ctx.log(`search: ${search.times.length} ok, ${search.failures} failed; peak RSS ${peakRssMb.toFixed(0)} MB`);
    return rows(ctx, archive.meetings, load, search.times, search.failures, {
      startRss,
      peakRssMb,
      readyMs: api.readyMs,
    });
  } finally {
    await Promise.all([api.stop(), hello.stop()]);
  }
}

/** A load run with the server's CPU time per answered request (from /proc: not skewed by the client's share). */
type Measured = CannonRun & { cpuMsPerRequest: number };

interface LoadResult {
  passes: number;
  hello: Measured[];
  permalink: Measured[];
  list: Measured[];
}

async function measured(server: RunningServer, paths: readonly string[], seconds: number): Promise<Measured> {
  const cpu = server.cpuMs();
  const run = await cannon(server.url, paths, CONNECTIONS, seconds);
  return { ...run, cpuMsPerRequest: (server.cpuMs() - cpu) / Math.max(1, run.requests) };
}

async function loadPasses(
  ctx: SuiteContext,
  api: RunningServer,
  hello: RunningServer,
  targets: Targets,
): Promise<LoadResult> {
  const seconds = ctx.quick ? 2 : 6;
  const passes = ctx.quick ? 2 : 6;
  const permalinks = paths('permalink', targets, 5_000, 1);
  const lists = targets.lists;
  // Warm-up: every path asked once (the response cache holds them all, as it would a day's popular §), then the JIT.
  await askEach(api.url, [...permalinks, ...lists]);
  await cannon(api.url, permalinks, CONNECTIONS, ctx.quick ? 1 : 3);
  await cannon(hello.url, ['/'], CONNECTIONS, ctx.quick ? 1 : 3);
  const result: LoadResult = { passes, hello: [], permalink: [], list: [] };
  const runs: Array<[Measured[], RunningServer, readonly string[]]> = [
    [result.hello, hello, ['/']],
    [result.permalink, api, permalinks],
    [result.list, api, lists],
  ];
  for (let i = 0; i < passes; i++) {
    // Mirrored order every other pass (hello first, then last), so load that comes and goes falls on both sides.
    for (const [into, server, p] of i % 2 === 0 ? runs : [...runs].reverse())
      into.push(await measured(server, p, seconds));
    const last = (runs: Measured[]) =>
      `${runs.at(-1)!.requestsPerSecond.toFixed(0)} (${runs.at(-1)!.cpuMsPerRequest.toFixed(3)} ms CPU)`;
    ctx.log(
      `pass ${i + 1}: hello ${last(result.hello)} req/s, permalink ${last(result.permalink)}, list ${last(result.list)}`,
    );
  }
  return result;
}

/** Each distinct path once, `CONNECTIONS` at a time. */
async function askEach(baseUrl: string, paths: readonly string[]): Promise<void> {
  const distinct = [...new Set(paths)];
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) await (await fetch(`${baseUrl}${distinct[next++]}`)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

function rows(
  ctx: SuiteContext,
  meetings: number,
  load: LoadResult,
  searchMs: number[],
  searchFailures: number,
  mem: { startRss: number; peakRssMb: number; readyMs: number },
): ResultRow[] {
  const note = `${meetings} meetings published; ${CONNECTIONS} connections, ${load.passes} passes of ${ctx.quick ? 2 : 6} s in mirrored order (ratios: median over pairs)`;
  const hello = { tool: 'Hono hello-world', value: round(median(load.hello.map((r) => r.requestsPerSecond))) };
  const cpu = (runs: Measured[]) => round(median(runs.map((r) => r.cpuMsPerRequest)));
  const helloCpu = { tool: 'Hono hello-world', value: cpu(load.hello) };
  const ratio = (runs: CannonRun[]) =>
    round(
      median(
        pairedRatios(
          runs.map((r) => r.requestsPerSecond),
          load.hello.map((r) => r.requestsPerSecond),
        ),
      ),
    );
  const errors = [...load.permalink, ...load.list].reduce((n, r) => n + r.errors, 0) + searchFailures;
  return [
    {
      name: 'api.permalink-rps',
      label: 'API § permalink (JSON), requests/s',
      value: round(median(load.permalink.map((r) => r.requestsPerSecond))),
      unit: 'req/s',
      baseline: hello,
      note,
    },
    {
      name: 'api.permalink-rps-ratio',
      label: 'API § permalink req/s ÷ hello-world req/s',
      value: ratio(load.permalink),
      unit: '×',
      goal: { op: '>=', target: 0.5 },
      note,
    },
    {
      name: 'api.permalink-p99-ms',
      label: 'API § permalink p99 at 32 connections',
      value: round(median(load.permalink.map((r) => r.p99Ms))),
      unit: 'ms',
      baseline: { tool: 'Hono hello-world', value: round(median(load.hello.map((r) => r.p99Ms))) },
      goal: { op: '<=', target: 25 },
      note,
    },
    {
      name: 'api.permalink-cpu-ms',
      label: 'API § permalink, server CPU per request',
      value: cpu(load.permalink),
      unit: 'ms',
      baseline: helloCpu,
      note: 'user + system time of the server process ÷ requests answered; immune to the load generator sharing the cores',
    },
    {
      name: 'api.list-rps',
      label: 'API filtered list (20 §), requests/s',
      value: round(median(load.list.map((r) => r.requestsPerSecond))),
      unit: 'req/s',
      baseline: hello,
      note,
    },
    {
      name: 'api.list-rps-ratio',
      label: 'API list req/s ÷ hello-world req/s',
      value: ratio(load.list),
      unit: '×',
      goal: { op: '>=', target: 0.5 },
      note,
    },
    {
      name: 'api.list-p99-ms',
      label: 'API list p99 at 32 connections',
      value: round(median(load.list.map((r) => r.p99Ms))),
      unit: 'ms',
      goal: { op: '<=', target: 25 },
      note,
    },
    {
      name: 'api.list-cpu-ms',
      label: 'API filtered list, server CPU per request',
      value: cpu(load.list),
      unit: 'ms',
      baseline: helloCpu,
      note: 'user + system time of the server process ÷ requests answered',
    },
    {
      name: 'api.search-p95-ms',
      label: 'API full-text search p95 (one at a time, all different)',
      value: round(percentile(searchMs, 95)),
      unit: 'ms',
      goal: { op: '<=', target: 100 },
      note: `${searchMs.length} searches over ${meetings} meetings; p50 ${round(percentile(searchMs, 50))} ms`,
    },
    {
      name: 'api.errors',
      label: 'API errors and non-2xx answers',
      value: errors,
      unit: 'responses',
      goal: { op: '<=', target: 0 },
      note,
    },
    {
      name: 'api.peak-rss-mb',
      label: 'API server peak RSS',
      value: round(mem.peakRssMb),
      unit: 'MB',
      goal: { op: '<=', target: 512 },
      note: `after start ${round(mem.startRss)} MB; VmHWM of the server process`,
    },
    {
      name: 'api.ready-seconds',
      label: 'API server start until first answer',
      value: round(mem.readyMs / 1000),
      unit: 's',
      goal: { op: '<=', target: 3 },
      note: 'spawn of `paragraf serve` to the first 200 from /v1/paragraphs (the § index file, docs/read-model.md; bench api-cold has the S3 case)',
    },
  ];
}
