/**
 * Cold-start bench: bundles each Lambda handler with the stack's own esbuild settings (infra/bundling.ts), prints
 * the bundle size, and measures the time to import it in a fresh Node process (median of --runs, default 5).
 *
 *   node bin/run-ts.js bench/cold-start.ts [--runs 5] [--handlers functions/handlers]
 *
 * Goals (issue "AWS infrastructure with CDK"): API bundle ≤ 500 KB and import ≤ 150 ms; ingest bundle ≤ 3 MB.
 * Exits 1 when a handler is missing or a goal is missed. Import time here is local Node on this machine; Lambda's
 * arm64 at 1 GB differs, so treat it as a relative measure between builds.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { esbuildOptions } from '../infra/bundling.ts';
import { importInFreshNode, median } from '../infra/bundle-probe.ts';
import { handlerEntries, PROJECT_ROOT } from '../infra/paragraf-app.ts';

interface Goal {
  readonly maxBytes?: number;
  readonly maxImportMs?: number;
}

const GOALS: Record<'ingest' | 'publish' | 'api', Goal> = {
  api: { maxBytes: 500_000, maxImportMs: 150 },
  ingest: { maxBytes: 3_000_000 },
  publish: {},
};

interface Result {
  readonly name: string;
  readonly bytes: number;
  readonly importMs: readonly number[];
  readonly failures: readonly string[];
}

async function measure(name: keyof typeof GOALS, entry: string, runs: number): Promise<Result> {
  const outfile = join(PROJECT_ROOT, 'bench', '.work', 'cold-start', name, 'index.mjs');
  mkdirSync(join(outfile, '..'), { recursive: true });
  await build(esbuildOptions(entry, outfile));
  const bytes = statSync(outfile).size;
  const importMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const probe = await importInFreshNode(outfile);
    if (probe.handlerType !== 'function') return { name, bytes, importMs, failures: ['exports no handler function'] };
    importMs.push(probe.importMs);
  }
  const goal = GOALS[name];
  const failures: string[] = [];
  if (goal.maxBytes !== undefined && bytes > goal.maxBytes) failures.push(`bundle ${bytes} B > ${goal.maxBytes} B`);
  if (goal.maxImportMs !== undefined && median(importMs) > goal.maxImportMs) {
    failures.push(`import ${median(importMs).toFixed(0)} ms > ${goal.maxImportMs} ms`);
  }
  return { name, bytes, importMs, failures };
}

function row(result: Result): string {
  const kb = (result.bytes / 1000).toFixed(1).padStart(8);
  const ms = result.importMs.length > 0 ? median(result.importMs).toFixed(1).padStart(8) : '       –';
  const all = result.importMs.map((m) => m.toFixed(0)).join(' ');
  return `${result.name.padEnd(8)} ${kb} KB ${ms} ms   [${all}]   ${result.failures.length ? `MISSED: ${result.failures.join('; ')}` : 'ok'}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, handlers: { type: 'string' } } });
  const runs = Number(values.runs);
  const entries = handlerEntries(values.handlers ? resolve(values.handlers) : undefined);
  console.log(`cold start: node ${process.version}, median of ${runs} fresh-process imports`);
  console.log('handler     bundle       import (median)   [runs]   goal');
  let failed = false;
  for (const name of Object.keys(GOALS) as (keyof typeof GOALS)[]) {
    const entry = entries[name];
    if (!existsSync(entry)) {
      console.log(`${name.padEnd(8)} MISSING ${relative(PROJECT_ROOT, entry)}`);
      failed = true;
      continue;
    }
    const result = await measure(name, entry, runs);
    console.log(row(result));
    failed ||= result.failures.length > 0;
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
