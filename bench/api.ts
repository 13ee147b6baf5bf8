/**
 * API benchmark (docs/api.md "Performance"): the Paragraf server over a generated national-scale archive (31,600
 * meetings ≈ 400,000 §), against a bare Hono hello-world started the same way (@hono/node-server, its own Node
 * process) on the same machine in the same run.
 *
 *   node bin/run-ts.js bench/api.ts [--data DIR] [--meetings N] [--duration S] [--connections N] [--queries N]
 *
 * Measures: filtered-list requests/s (autocannon, 32 connections, 10 s, 64 different filters cycled) as a share of the
 * hello-world's, with the response cache (after the warm-up every list is a cache hit, as behind CloudFront) and
 * without it (`--cache-mb 0`: every list searched and rendered anew); p99 latency of those requests; full-text search latency p50/p95 (one request at a time, every query
 * different, so no answer is served from the search cache); the server's resident memory after loading and its peak
 * (/proc/PID/status VmRSS, VmHWM). Prints a table and appends the run to bench/results/api.json.
 *
 * The archive is generated and published once and kept under bench/.work/archives/meetings-N (shared with the other
 * scale benchmarks). Only loopback addresses are used; every run is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listPaths } from './lib/api-targets.ts';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface CannonResult {
  requests: Histogram;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;

const repoRoot = resolve(import.meta.dirname, '..');
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;
const GOALS = { ratio: 0.5, p99Ms: 25, searchP95Ms: 100, rssMb: 512 };

const HELLO = `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();
app.get('/', (c) => c.text('Hello world'));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      meetings: { type: 'string', default: '31600' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      queries: { type: 'string', default: '200' },
    },
  });
  const meetings = Number(values.meetings);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const dir = resolve(values.data ?? join(repoRoot, 'bench/.work/archives', `meetings-${meetings}`));
  await ensurePublished(dir, meetings);

  log('starting the bare Hono hello-world');
  const hello = await startServer(process.execPath, ['--input-type=module', '-e', HELLO], '/', 60_000);
  log('starting paragraf serve (the first request loads the index)');
  const paragraf = await startServer(
    process.execPath,
    ['bin/paragraf.js', 'serve', '--data', dir, '--host', '127.0.0.1'],
    '/v1/paragraphs?limit=1',
    600_000,
  );
  try {
    const loaded = paragraf.memory();
    const info = (await getJson(`${paragraf.url}/v1/paragraphs?limit=1&count=true`)) as { total: number };
    const lists = await listPaths(paragraf.url);
    log(`archive: ${info.total} published §; ready after ${(paragraf.readyMs / 1000).toFixed(1)} s`);

    await cannon(hello.url, ['/'], connections, 3); // warm-up
    const helloRun = await cannon(hello.url, ['/'], connections, duration, hello.pid);
    await cannon(paragraf.url, lists, connections, 3);
    const listRun = await cannon(paragraf.url, lists, connections, duration, paragraf.pid);
    const search = await searchLatency(paragraf.url, Number(values.queries));
    const after = paragraf.memory();
    await paragraf.stop();
    log('starting paragraf serve --cache-mb 0 (every list rendered anew)');
    const uncachedServer = await startServer(
      process.execPath,
      ['bin/paragraf.js', 'serve', '--data', dir, '--host', '127.0.0.1', '--cache-mb', '0'],
      '/v1/paragraphs?limit=1',
      600_000,
    );
    let uncachedRun: Awaited<ReturnType<typeof cannon>>;
    try {
      await cannon(uncachedServer.url, lists, connections, 3);
      uncachedRun = await cannon(uncachedServer.url, lists, connections, duration, uncachedServer.pid);
    } finally {
      await uncachedServer.stop();
    }

    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? '',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        load: loadavg()[0],
        node: process.version,
      },
      archive: { dir, meetings, paragraphs: info.total },
      readyMs: Math.round(paragraf.readyMs),
      hello: summary(helloRun),
      filteredList: { ...summary(listRun), paths: lists.length },
      ratio: round(listRun.requests.average / helloRun.requests.average, 3),
      filteredListUncached: summary(uncachedRun),
      ratioUncached: round(uncachedRun.requests.average / helloRun.requests.average, 3),
      search,
      rssMb: { afterLoad: round(loaded.rssMb, 0), afterRun: round(after.rssMb, 0), peak: round(after.peakRssMb, 0) },
      goals: GOALS,
    };
    printTable(result);
    appendResult(result);
  } finally {
    await paragraf.stop();
    await hello.stop();
  }
}

/** Generates and publishes the archive unless a previous run did (same markers as bench/lib/archive.ts). */
async function ensurePublished(dir: string, meetings: number): Promise<void> {
  if (!existsSync(join(dir, '.bench-generated'))) {
    log(`generating ${meetings} meetings into ${dir} (kept for later runs; takes minutes)`);
    const started = performance.now();
    await run(process.execPath, ['bin/paragraf.js', 'generate', '--meetings', String(meetings), '--data', dir]);
    writeFileSync(
      join(dir, '.bench-generated'),
      `${JSON.stringify({ meetings, seconds: Math.round((performance.now() - started) / 1000) })}\n`,
    );
  }
  if (!existsSync(join(dir, '.bench-published'))) {
    log(`publishing ${dir} (kept for later runs; takes minutes)`);
    const started = performance.now();
    await run(process.execPath, ['bin/paragraf.js', 'publish', '--data', dir]);
    writeFileSync(
      join(dir, '.bench-published'),
      `${JSON.stringify({ seconds: Math.round((performance.now() - started) / 1000) })}\n`,
    );
  }
}

/**
 * Every query different: words taken from the titles of listed §, searched alone, in pairs, and as a prefix (the
 * last word cut), one request at a time. Latency is measured at the client (it includes HTTP on loopback).
 */
async function searchLatency(
  url: string,
  count: number,
): Promise<{ queries: number; p50Ms: number; p95Ms: number; maxMs: number }> {
  const page = (await getJson(`${url}/v1/paragraphs?limit=200`)) as { items: Array<{ title: string }> };
  const words = [
    ...new Set(page.items.flatMap((p) => p.title.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 4)),
  ];
  const queries = new Set<string>();
  for (let i = 0; queries.size < count && i < count * 20; i++) {
    const a = words[(i * 7) % words.length]!;
    const b = words[(i * 13 + 5) % words.length]!;
    const kind = i % 3;
    queries.add(kind === 0 ? a : kind === 1 ? `${a} ${b}` : `${b} ${a.slice(0, Math.max(3, a.length - 2 - (i % 3)))}`);
  }
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const res = await fetch(`${url}/v1/paragraphs?q=${encodeURIComponent(q)}&limit=20`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`search ${q}: ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  const at = (p: number) => round(times[Math.min(times.length - 1, Math.floor(p * times.length))]!, 2);
  return { queries: times.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: round(times[times.length - 1]!, 2) };
}

/** One autocannon run; also the server's CPU time per request (from /proc), which the client's load does not skew. */
async function cannon(
  url: string,
  paths: string[],
  connections: number,
  duration: number,
  pid?: number,
): Promise<CannonResult & { cpuUsPerRequest?: number }> {
  const before = pid ? cpuMs(pid) : 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  return pid ? { ...result, cpuUsPerRequest: round(((cpuMs(pid) - before) * 1000) / result['2xx'], 0) } : result;
}

/** User + system CPU time of a process, ms (/proc/PID/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function summary(r: CannonResult & { cpuUsPerRequest?: number }) {
  return {
    requestsPerSecond: round(r.requests.average, 0),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r['2xx'],
    serverCpuUsPerRequest: r.cpuUsPerRequest ?? null,
  };
}

interface Server {
  url: string;
  pid: number;
  readyMs: number;
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

async function startServer(command: string, args: string[], readyPath: string, timeoutMs: number): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} not ready after ${timeoutMs / 1000} s`);
    }
    const ok = await fetch(`${url}${readyPath}`).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    readyMs: performance.now() - started,
    memory: () => memoryOf(child.pid!),
    stop: () => stop(child),
  };
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
}

type Result = {
  archive: { paragraphs: number };
  readyMs: number;
  hello: ReturnType<typeof summary>;
  filteredList: ReturnType<typeof summary>;
  ratio: number;
  filteredListUncached: ReturnType<typeof summary>;
  ratioUncached: number;
  search: { p50Ms: number; p95Ms: number; queries: number };
  rssMb: { afterLoad: number; afterRun: number; peak: number };
};

function printTable(r: Result): void {
  const ok = (met: boolean) => (met ? 'met' : 'NOT MET');
  const rows = [
    ['measure', 'value', 'goal', ''],
    ['archive (published §)', String(r.archive.paragraphs), '≈ 400,000', ''],
    ['index load (first answer)', `${(r.readyMs / 1000).toFixed(1)} s`, '', ''],
    ['hello-world req/s', `${r.hello.requestsPerSecond} (server ${r.hello.serverCpuUsPerRequest} µs CPU/req)`, '', ''],
    [
      'filtered list req/s',
      `${r.filteredList.requestsPerSecond} (server ${r.filteredList.serverCpuUsPerRequest} µs CPU/req)`,
      '',
      '',
    ],
    ['  share of hello-world', `${(r.ratio * 100).toFixed(1)} %`, '≥ 50 %', ok(r.ratio >= GOALS.ratio)],
    ['  p99 latency, 32 conns', `${r.filteredList.p99Ms} ms`, '≤ 25 ms', ok(r.filteredList.p99Ms <= GOALS.p99Ms)],
    [
      'filtered list, no response cache',
      `${r.filteredListUncached.requestsPerSecond} req/s (server ${r.filteredListUncached.serverCpuUsPerRequest} µs CPU/req)`,
      '',
      '',
    ],
    ['  share of hello-world', `${(r.ratioUncached * 100).toFixed(1)} %`, '≥ 50 %', ok(r.ratioUncached >= GOALS.ratio)],
    [
      '  p99 latency, 32 conns',
      `${r.filteredListUncached.p99Ms} ms`,
      '≤ 25 ms',
      ok(r.filteredListUncached.p99Ms <= GOALS.p99Ms),
    ],
    [`search p50 (${r.search.queries} queries)`, `${r.search.p50Ms} ms`, '', ''],
    ['search p95', `${r.search.p95Ms} ms`, '≤ 100 ms', ok(r.search.p95Ms <= GOALS.searchP95Ms)],
    ['server RSS after load', `${r.rssMb.afterLoad} MB`, '', ''],
    ['server RSS peak', `${r.rssMb.peak} MB`, '≤ 512 MB', ok(r.rssMb.peak <= GOALS.rssMb)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  process.stdout.write(
    `\n${rows
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n\n`,
  );
}

function appendResult(result: unknown): void {
  const file = join(repoRoot, 'bench/results/api.json');
  mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
  const runs = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
  runs.push(result);
  writeFileSync(file, `${JSON.stringify(runs, null, 2)}\n`);
  log(`appended to ${file}`);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function log(message: string): void {
  process.stderr.write(`bench/api: ${message}\n`);
}

await main();
