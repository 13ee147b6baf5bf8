import { join } from 'node:path';
import { collectTargets, paths } from '../lib/api-targets.ts';
import { ARCHIVE_MEETINGS, ensurePublishedArchive } from '../lib/archive.ts';
import { cannon, type CannonRun } from '../lib/cannon.ts';
import { Rng } from '../lib/random.ts';
import { startServer, type RunningServer } from '../lib/server.ts';
import { round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * Load and soak: `paragraf serve` over the published ≈ 400,000-§ archive for 10 minutes at 64 connections, mixing
 * § permalinks (JSON and the HTML page), filtered lists, full-text searches and CSV downloads of a meeting's §.
 * The first minute warms the server up; memory growth is measured from its end to the end of the run, from the
 * server's RSS sampled every 5 s. Every error, timeout and non-2xx answer counts. `--quick`: 20 s, 4 s warm-up.
 */
const CONNECTIONS = 64;
/** The request mix, as shares of 20. */
const MIX = { permalink: 5, page: 3, list: 5, search: 5, csv: 2 } as const;

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const archive = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const api = await startServer(process.execPath, (port) => [join(ctx.repoRoot, 'bin/paragraf.js'), 'serve', '--data', archive.dir, '--port', String(port)], '/v1/paragraphs?limit=1', 600_000, ctx.repoRoot);
  try {
    const mixed = mixedPaths(await collectTargets(api.url));
    const [warmSeconds, soakSeconds] = ctx.quick ? [4, 16] : [60, 540];
    const warm = await cannon(api.url, mixed, CONNECTIONS, warmSeconds);
    const rssAfterWarmUp = api.memory().rssMb;
    ctx.log(`warm-up ${warmSeconds} s: ${warm.requestsPerSecond.toFixed(0)} req/s, RSS ${rssAfterWarmUp.toFixed(0)} MB`);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(api.memory().rssMb), 5_000);
    const soak = await cannon(api.url, mixed, CONNECTIONS, soakSeconds).finally(() => clearInterval(sampler));
    const rssEnd = api.memory().rssMb;
    ctx.log(`soak ${soakSeconds} s: ${soak.requests} requests, ${soak.errors} errors; RSS ${samples.map((s) => s.toFixed(0)).join(' ')} → ${rssEnd.toFixed(0)} MB`);
    return rows(archive.meetings, warmSeconds + soakSeconds, warm, soak, rssAfterWarmUp, rssEnd, Math.max(rssEnd, ...samples), api);
  } finally {
    await api.stop();
  }
}

function mixedPaths(targets: Awaited<ReturnType<typeof collectTargets>>): string[] {
  const all = Object.entries(MIX).flatMap(([kind, share], i) => paths(kind as keyof typeof MIX, targets, share * 500, i + 1));
  const rng = new Rng(11);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

function rows(meetings: number, seconds: number, warm: CannonRun, soak: CannonRun, rssStart: number, rssEnd: number, rssMax: number, api: RunningServer): ResultRow[] {
  const minutes = round(seconds / 60);
  const note = `${minutes} min at ${CONNECTIONS} connections over ${meetings} meetings; mix per 20: ${Object.entries(MIX).map(([k, v]) => `${v} ${k}`).join(', ')}`;
  const growth = ((rssEnd - rssStart) / rssStart) * 100;
  return [
    { name: 'soak.requests', label: `soak: requests in ${minutes} min`, value: warm.requests + soak.requests, unit: 'requests', note },
    { name: 'soak.rps', label: 'soak: requests/s (mixed)', value: round(soak.requestsPerSecond), unit: 'req/s', note },
    { name: 'soak.p99-ms', label: 'soak: p99 latency (mixed, 64 connections)', value: round(soak.p99Ms), unit: 'ms', note },
    { name: 'soak.errors', label: 'soak: errors, timeouts and non-2xx answers', value: warm.errors + soak.errors, unit: 'responses', goal: { op: '<=', target: 0 }, note },
    { name: 'soak.rss-growth', label: 'soak: RSS growth after warm-up', value: round(growth), unit: '%', goal: { op: '<=', target: 10 }, note: `${round(rssStart)} MB after the warm-up → ${round(rssEnd)} MB at the end (max ${round(rssMax)} MB, peak ${round(api.memory().peakRssMb)} MB)` },
  ];
}
