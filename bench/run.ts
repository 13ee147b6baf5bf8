/**
 * `npm run bench`: runs the suites (bench/suites/index.ts), each in a fresh Node process so that its memory is its
 * own, prints a table and writes bench-results.json. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchUsageError, parseBenchArgs, USAGE, type BenchArgs } from './lib/args.ts';
import {
  machineInfo,
  mergeResults,
  readResults,
  withMet,
  writeResults,
  type ResultsFile,
  type SuiteOutput,
  type SuiteStatus,
} from './lib/results.ts';
import { machineLine, resultsTable } from './lib/table.ts';
import { SUITES, type SuiteEntry } from './suites/index.ts';

const repoRoot = resolve(import.meta.dirname, '..');

async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const selected = args.only.length > 0 ? SUITES.filter((s) => args.only.includes(s.name)) : SUITES;
  const date = new Date().toISOString();
  const results: ResultsFile = {
    schema: 'paragraf-bench/1',
    date,
    quick: args.quick,
    machine: machineInfo(repoRoot),
    suites: {},
    results: [],
  };
  for (const suite of selected) {
    process.stderr.write(`bench: ${suite.name}: ${suite.summary}\n`);
    const { status, rows } = await runSuite(suite, args.quick, {
      ranAt: date,
      commit: results.machine.commit,
      load: Math.round(loadavg()[0]! * 100) / 100,
      quick: args.quick,
    });
    results.suites[suite.name] = status;
    results.results.push(...withMet(suite.name, rows));
    process.stderr.write(
      `bench: ${suite.name}: ${status.status}${status.reason ? ` (${status.reason})` : ''}${status.seconds ? ` in ${status.seconds} s` : ''}\n`,
    );
  }
  results.machine.load.end = Math.round(loadavg()[0]! * 100) / 100;
  process.stdout.write(`\n${machineLine(results)}\n\n${resultsTable(results)}\n\n`);
  if (args.out) {
    writeResults(resolve(args.out), results);
    return exitCode(results);
  }
  writeResults(join(repoRoot, 'bench/results', `${date.replace(/[:.]/gu, '-')}.json`), results);
  if (!args.quick)
    writeResults(
      join(repoRoot, 'bench-results.json'),
      mergeResults(readResults(join(repoRoot, 'bench-results.json')), results),
    );
  return exitCode(results);
}

/** 1 when a suite failed (crashed, timed out); unmet goals are findings, not failures. */
function exitCode(results: ResultsFile): number {
  return Object.values(results.suites).some((s) => s.status === 'failed') ? 1 : 0;
}

type RunInfo = Pick<SuiteStatus, 'ranAt' | 'commit' | 'load' | 'quick'>;

async function runSuite(
  suite: SuiteEntry,
  quick: boolean,
  info: RunInfo,
): Promise<{ status: SuiteStatus; rows: SuiteOutput['rows'] }> {
  const outDir = join(repoRoot, 'bench/.work');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `${suite.name}.${process.pid}.result.json`);
  rmSync(outFile, { force: true });
  const timeoutMs = (quick ? Math.max(1, suite.timeoutMinutes / 5) : suite.timeoutMinutes) * 60_000;
  const args = [
    join(repoRoot, 'bin/run-ts.js'),
    join(repoRoot, 'bench/lib/child.ts'),
    suite.name,
    outFile,
    ...(quick ? ['--quick'] : []),
  ];
  const exit = await new Promise<string | undefined>((done) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.on('error', (error) => done(error.message));
    child.on('close', (code, signal) =>
      done(signal ? `killed (${signal}) after ${timeoutMs / 60_000} min` : code === 0 ? undefined : `exit ${code}`),
    );
  });
  const output = readOutput(outFile);
  rmSync(outFile, { force: true });
  if (output?.skipped) return { status: { status: 'skipped', reason: output.skipped, ...info }, rows: [] };
  if (exit !== undefined || !output || output.failed) {
    return { status: { status: 'failed', reason: output?.failed ?? exit ?? 'no results written', ...info }, rows: [] };
  }
  return { status: { status: 'ok', seconds: output.seconds, peakRssMb: output.peakRssMb, ...info }, rows: output.rows };
}

function readOutput(path: string): SuiteOutput | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SuiteOutput;
  } catch {
    return undefined;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BenchUsageError) process.exitCode = 2;
  else throw error;
}
