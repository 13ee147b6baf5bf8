import { build } from 'esbuild';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importInFreshNode } from '../../infra/bundle-probe.ts';
import { esbuildOptions } from '../../infra/bundling.ts';
import { handlerEntries } from '../../infra/paragraf-app.ts';
import { median, round } from '../lib/stats.ts';
import { SuiteSkippedError, type Goal, type ResultRow, type SuiteContext } from '../lib/types.ts';

/**
 * Cold start of the Lambda functions: each handler bundled exactly as the stack bundles it (infra/bundling.ts), its
 * size, and the time to import it in a fresh Node process as the Lambda runtime does at init (infra/bundle-probe.ts,
 * shared with bench/cold-start.ts). Baseline: a bare Hono Lambda bundled the same way. Local Node on this machine,
 * not Lambda's arm64: the times compare builds and handlers with each other, not with AWS's init duration.
 *
 * Goals from the infrastructure issue (also in bench/cold-start.ts): API bundle ≤ 500 KB and init ≤ 150 ms,
 * ingest bundle ≤ 3 MB.
 */
const GOALS: Record<string, { bytes?: Goal; importMs?: Goal }> = {
  api: { bytes: { op: '<=', target: 500 }, importMs: { op: '<=', target: 150 } },
  ingest: { bytes: { op: '<=', target: 3_000 } },
  publish: {},
};

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const runs = ctx.quick ? 3 : 9;
  const entries = Object.entries(handlerEntries()).filter(([name, entry]) => {
    if (!existsSync(entry)) ctx.log(`${name}: no handler yet (${entry})`);
    return existsSync(entry);
  });
  if (entries.length === 0) throw new SuiteSkippedError('no Lambda handler in functions/handlers yet');
  const baseline = await measure(ctx, 'hello', join(ctx.repoRoot, 'bench/lib/hello-lambda.ts'), runs);
  const rows: ResultRow[] = [];
  for (const [name, entry] of entries) {
    const m = await measure(ctx, name, entry, runs);
    const note = `median of ${runs} fresh-process imports (Node ${process.version}); baseline: bare Hono Lambda, same bundling`;
    rows.push(
      {
        name: `cold-start.${name}-bundle-kb`,
        label: `${name} Lambda bundle`,
        value: round(m.kb),
        unit: 'KB',
        baseline: { tool: 'Hono hello-world Lambda', value: round(baseline.kb) },
        ...goal(GOALS[name]?.bytes),
        note: 'index.mjs, minified, without the source map',
      },
      {
        name: `cold-start.${name}-init-ms`,
        label: `${name} Lambda module init`,
        value: round(m.importMs),
        unit: 'ms',
        baseline: { tool: 'Hono hello-world Lambda', value: round(baseline.importMs) },
        ...goal(GOALS[name]?.importMs),
        note,
      },
    );
  }
  return rows;
}

function goal(g: Goal | undefined): { goal?: Goal } {
  return g ? { goal: g } : {};
}

async function measure(
  ctx: SuiteContext,
  name: string,
  entry: string,
  runs: number,
): Promise<{ kb: number; importMs: number }> {
  const outfile = join(ctx.workDir, name, 'index.mjs');
  mkdirSync(join(ctx.workDir, name), { recursive: true });
  await build(esbuildOptions(entry, outfile));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const probe = await importInFreshNode(outfile);
    if (probe.handlerType !== 'function') throw new Error(`${name}: the bundle exports no handler function`);
    times.push(probe.importMs);
  }
  const kb = statSync(outfile).size / 1000;
  ctx.log(`${name}: ${kb.toFixed(0)} KB, init ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
  return { kb, importMs: median(times) };
}
