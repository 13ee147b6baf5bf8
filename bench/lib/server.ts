import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A server under test in its own process (so its memory is its own): started, waited for until it answers, its
 * resident memory read from /proc, stopped.
 */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

export interface RunningServer {
  url: string;
  pid: number;
  /** From spawn to the first successful answer to the readiness path. */
  readyMs: number;
  /** Current and peak resident set size, MB (/proc/PID/status VmRSS, VmHWM). */
  memory(): { rssMb: number; peakRssMb: number };
  /** CPU time (user + system) the server process has used so far, ms (/proc/PID/stat). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startServer(
  command: string,
  args: (port: number) => string[],
  readyPath: string,
  timeoutMs = 300_000,
  cwd?: string,
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args(port), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}${readyPath}`, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new ServerStartError(
      `${command} ${args(port).join(' ')}: ${(error as Error).message}; stderr: ${stderr.trim().slice(-500)}`,
      { cause: error },
    );
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    readyMs: performance.now() - started,
    memory: () => memoryOf(pid),
    cpuMs: () => cpuOf(pid),
    stop: () => stop(child),
  };
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s`);
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function cpuOf(pid: number): number {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th (fields 14 and 15 of stat).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `paragraf serve` over a published store, ready once the § list answers (the whole index is needed for it). */
export function startParagrafServe(
  repoRoot: string,
  dir: string,
  extra: readonly string[] = [],
): Promise<RunningServer> {
  return startServer(
    process.execPath,
    (port) => [join(repoRoot, 'bin/paragraf.js'), 'serve', '--data', dir, '--port', String(port), ...extra],
    '/v1/paragraphs?limit=1',
    600_000,
    repoRoot,
  );
}

/** A bare Hono hello-world started the same way as the API: the baseline of the API suites. */
export function startHelloWorld(repoRoot: string): Promise<RunningServer> {
  return startServer(
    process.execPath,
    (port) => [join(repoRoot, 'bin/run-ts.js'), join(repoRoot, 'bench/lib/hello-server.ts'), '--port', String(port)],
    '/',
    60_000,
    repoRoot,
  );
}
