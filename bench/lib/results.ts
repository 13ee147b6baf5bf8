import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { meetsGoal, type ResultRow } from './types.ts';

/** What a suite's process hands back (bench/lib/child.ts). */
export interface SuiteOutput {
  rows: ResultRow[];
  seconds: number;
  /** Peak RSS of the suite's own process (the suite's tools are measured separately, in their rows). */
  peakRssMb: number;
  /** Set when the suite could not run here (SuiteSkippedError) … */
  skipped?: string;
  /** … or failed (the first line of the error). */
  failed?: string;
}

export interface SuiteStatus {
  status: 'ok' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  seconds?: number;
  peakRssMb?: number;
  /** When this suite ran, at which commit and with which 1-minute load average at its start (a partial `--only` run
   * replaces only its own suites in bench-results.json, so suites may come from different runs). */
  ranAt: string;
  commit: string;
  load: number;
  quick: boolean;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started and ended: how busy the machine was with other work. */
  load: { start: number; end?: number };
  commit: string;
}

/** bench-results.json. */
export interface ResultsFile {
  schema: 'paragraf-bench/1';
  date: string;
  quick: boolean;
  machine: Machine;
  suites: Record<string, SuiteStatus>;
  results: Array<ResultRow & { suite: string; met?: boolean }>;
}

export function machineInfo(repoRoot: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${process.platform} ${release()}`,
    load: { start: Math.round(loadavg()[0]! * 100) / 100 },
    commit: gitCommit(repoRoot),
  };
}

function gitCommit(repoRoot: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function withMet(suite: string, rows: readonly ResultRow[]): ResultsFile['results'] {
  return rows.map((row) => {
    const met = meetsGoal(row.value, row.goal);
    return met === undefined ? { suite, ...row } : { suite, ...row, met };
  });
}

/**
 * A partial run (`--only`) updates bench-results.json in place: the suites it ran replace theirs, the others keep
 * their last figures (each suite carries its own `ranAt`).
 */
export function mergeResults(previous: ResultsFile | undefined, current: ResultsFile): ResultsFile {
  if (!previous || previous.schema !== current.schema) return current;
  const ran = new Set(Object.keys(current.suites));
  return {
    ...current,
    suites: { ...previous.suites, ...current.suites },
    results: [...previous.results.filter((r) => !ran.has(r.suite)), ...current.results],
  };
}

export function readResults(path: string): ResultsFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch {
    return undefined;
  }
}

export function writeResults(path: string, results: ResultsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
