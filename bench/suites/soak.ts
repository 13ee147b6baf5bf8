import { join } from 'node:path';
import { collectTargets, paths } from '../lib/api-targets.ts';
import { ARCHIVE_MEETINGS, ensurePublishedArchive } from '../lib/archive.ts';
import { cannon, type CannonRun } from '../lib/cannon.ts';
import { Rng } from '../lib/random.ts';
import { startServer } from '../lib/server.ts';
import { median, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * Load and soak: `paragraf serve` over the published ≈ 400,000-§ archive for 10 minutes at 64 connections, mixing
 * § permalinks (JSON and the HTML page), filtered lists, full-text searches and CSV downloads of a meeting's §.
 * The first minute warms the server up. The server's RSS is sampled every 5 s; it swings by ±10% with garbage
 * collection, so growth compares the median of the first minute of samples after the warm-up with the median of
 * the last minute. Every error, timeout and non-2xx answer counts. `--quick`: 20 s, 4 s warm-up.
 */
const CONNECTIONS = 64;
/** The request mix, as shares of 20. */
const MIX = { permalink: 5, page: 3, list: 5, search: 5, csv: 2 } as const;

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const archive = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const api = await startServer(
    process.execPath,
    (port) => [join(ctx.repoRoot, 'bin/paragraf.js'), 'serve', '--data', archive.dir, '--port', String(port)],
    '/v1/paragraphs?limit=1',
    600_000,
    ctx.repoRoot,
  );
  try {
    const mixed = mixedPaths(await collectTargets(api.url));
    const [warmSeconds, soakSeconds] = ctx.quick ? [4, 16] : [60, 540];
    const warm = await cannon(api.url, mixed, CONNECTIONS, warmSeconds);
    ctx.log(
      `warm-up ${warmSeconds} s: ${warm.requestsPerSecond.toFixed(0)} req/s, RSS ${api.memory().rssMb.toFixed(0)} MB`,
    );
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(api.memory().rssMb), ctx.quick ? 1_000 : 5_000);
    const soak = await cannon(api.url, mixed, CONNECTIONS, soakSeconds).finally(() => clearInterval(sampler));
    ctx.log(
      `soak ${soakSeconds} s: ${soak.requests} requests, ${soak.errors} errors; RSS ${samples.map((s) => s.toFixed(0)).join(' ')} MB`,
    );
    const window = Math.max(1, Math.floor(samples.length / 9)); // a minute of a 9-minute soak
    const rss = {
      start: median(samples.slice(0, window)),
      end: median(samples.slice(-window)),
      max: Math.max(...samples),
      peak: api.memory().peakRssMb,
    };
    return rows(archive.meetings, warmSeconds + soakSeconds, warm, soak, rss);
  } finally {
    await api.stop();
  }
}

function mixedPaths(targets: Awaited<ReturnType<typeof collectTargets>>): string[] {
  const all = Object.entries(MIX).flatMap(([kind, share], i) =>
    paths(kind as keyof typeof MIX, targets, share * 500, i + 1),
  );
  const rng = new Rng(11);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

function rows(
  meetings: number,
  seconds: number,
  warm: CannonRun,
  soak: CannonRun,
  rss: { start: number; end: number; max: number; peak: number },
): ResultRow[] {
  const minutes = round(seconds / 60);
  const note = `${minutes} min at ${CONNECTIONS} connections over ${meetings} meetings; mix per 20: ${Object.entries(
    MIX,
  )
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}`;
  const growth = ((rss.end - rss.start) / rss.start) * 100;
  return [
    {
      name: 'soak.requests',
      label: `soak: requests in ${minutes} min`,
      value: warm.requests + soak.requests,
      unit: 'requests',
      note,
    },
    { name: 'soak.rps', label: 'soak: requests/s (mixed)', value: round(soak.requestsPerSecond), unit: 'req/s', note },
    {
      name: 'soak.p99-ms',
      label: 'soak: p99 latency (mixed, 64 connections)',
      value: round(soak.p99Ms),
      unit: 'ms',
      note,
    },
    {
      name: 'soak.errors',
      label: 'soak: errors, timeouts and non-2xx answers',
      value: warm.errors + soak.errors,
      unit: 'responses',
      goal: { op: '<=', target: 0 },
      note,
    },
    {
      name: 'soak.rss-growth',
      label: 'soak: RSS growth, first to last minute after warm-up',
      value: round(growth),
      unit: '%',
      goal: { op: '<=', target: 10 },
      note: `median RSS ${round(rss.start)} MB in the first minute → ${round(rss.end)} MB in the last (samples every 5 s swing with GC; max ${round(rss.max)} MB)`,
    },
    {
      name: 'soak.peak-rss-mb',
      label: 'soak: server peak RSS',
      value: round(rss.peak),
      unit: 'MB',
      goal: { op: '<=', target: 512 },
      note: 'VmHWM of the server process over the whole soak (the API goal)',
    },
  ];
}
