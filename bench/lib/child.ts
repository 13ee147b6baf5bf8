/**
 * Runs one suite in this (fresh) process and writes its rows and this process's peak memory to a JSON file:
 * `node bin/run-ts.js bench/lib/child.ts SUITE OUT_FILE [--quick]`. Started by bench/run.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { suiteByName } from '../suites/index.ts';
import type { SuiteOutput } from './results.ts';
import { SuiteSkippedError, type SuiteContext, type SuiteRun } from './types.ts';

const [name = '', outFile = '', ...flags] = process.argv.slice(2);
const suite = suiteByName(name);
if (!suite || !outFile) {
  console.error('usage: node bin/run-ts.js bench/lib/child.ts SUITE OUT_FILE [--quick]');
  process.exit(2);
}
const repoRoot = resolve(import.meta.dirname, '../..');
const workDir = resolve(repoRoot, 'bench/.work', name);
mkdirSync(workDir, { recursive: true });
const started = performance.now();
const ctx: SuiteContext = {
  quick: flags.includes('--quick'),
  workDir,
  repoRoot,
  log: (message) => process.stderr.write(`  [${name}] ${message}\n`),
};
let output: SuiteOutput;
try {
  const module = (await import(`../suites/${suite.file}`)) as { run: SuiteRun };
  output = { rows: await module.run(ctx), ...usage(started) };
} catch (error) {
  if (!(error instanceof SuiteSkippedError)) console.error(error);
  const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  output = {
    rows: [],
    ...usage(started),
    ...(error instanceof SuiteSkippedError ? { skipped: reason } : { failed: reason }),
  };
  process.exitCode = error instanceof SuiteSkippedError ? 0 : 1;
}
writeFileSync(outFile, JSON.stringify(output));

function usage(since: number): { seconds: number; peakRssMb: number } {
  return {
    seconds: Math.round((performance.now() - since) / 100) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
