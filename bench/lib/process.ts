import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs other programs the way a user would (pdftotext, sqlite3, `paragraf export`) and measures them from outside:
 * wall time from here, CPU time and peak resident memory from GNU time (the kernel's rusage of the child, so a
 * process's whole peak is seen, not a sample of it).
 */
export interface Measured {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size of the process, MB (1 MB = 1024 × 1024 bytes). */
  peakRssMb: number;
  code: number;
  stderr: string;
}

export class CommandFailedError extends Error {
  override name = 'CommandFailedError';
}

export interface MeasureOptions {
  /** Where the program's standard output goes (a file path); default discarded. */
  stdoutFile?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';

export async function measureCommand(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'paragraf-bench-'));
  const timeFile = join(dir, 'time');
  const out = openSync(options.stdoutFile ?? '/dev/null', 'w');
  try {
    const start = performance.now();
    const { code, stderr } = await spawnWait(
      GNU_TIME,
      ['-o', timeFile, '-f', '%U %S %M', command, ...args],
      out,
      options,
    );
    const wallMs = performance.now() - start;
    const [user = 0, sys = 0, rssKb = 0] = readFileSync(timeFile, 'utf8')
      .trim()
      .split('\n')
      .at(-1)!
      .split(' ')
      .map(Number);
    return { wallMs, cpuMs: (user + sys) * 1000, peakRssMb: rssKb / 1024, code, stderr };
  } finally {
    closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** As measureCommand, but a non-zero exit is an error carrying the program's last stderr lines. */
export async function measureOk(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<Measured> {
  const result = await measureCommand(command, args, options);
  if (result.code !== 0) {
    const tail = result.stderr.trim().split('\n').slice(-5).join(' | ');
    throw new CommandFailedError(`${command} ${args.join(' ')} exited ${result.code}: ${tail}`);
  }
  return result;
}

/** Wall time of one run of a program, spawned directly (no GNU time in between, which would add its own fork). */
export async function timeCommand(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<number> {
  const out = openSync(options.stdoutFile ?? '/dev/null', 'w');
  try {
    const start = performance.now();
    const { code, stderr } = await spawnWait(command, args, out, options);
    const ms = performance.now() - start;
    if (code !== 0)
      throw new CommandFailedError(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().slice(-500)}`);
    return ms;
  } finally {
    closeSync(out);
  }
}

function spawnWait(
  command: string,
  args: readonly string[],
  stdout: number,
  options: MeasureOptions,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', stdout, 'pipe'],
      timeout: options.timeoutMs,
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export class MissingToolError extends Error {
  override name = 'MissingToolError';
}

/**
 * Makes sure a baseline tool is installed (Debian package names), installing it with apt-get when missing, as CI
 * does. Needs root (or passwordless sudo); otherwise says what to install.
 */
export function ensureTools(
  tools: ReadonlyArray<{ command: string; aptPackage: string }>,
  log: (m: string) => void,
): void {
  const missing = tools.filter((t) => !hasCommand(t.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((t) => t.aptPackage))];
  log(`installing ${packages.join(', ')} with apt-get`);
  const asRoot = (args: string[]) =>
    process.getuid?.() === 0
      ? spawnSync(args[0]!, args.slice(1), { stdio: 'inherit' })
      : spawnSync('sudo', ['-n', ...args], { stdio: 'inherit' });
  asRoot(['apt-get', 'update', '-qq']);
  asRoot(['apt-get', 'install', '-y', '-qq', ...packages]);
  const still = missing.filter((t) => !hasCommand(t.command));
  if (still.length > 0)
    throw new MissingToolError(
      `needs ${still.map((t) => t.command).join(', ')}: apt-get install -y ${packages.join(' ')}`,
    );
}
