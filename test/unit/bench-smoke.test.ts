import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRE_ISSUE_11 } from '../../bench/lib/baseline-parser.ts';
import type { ResultsFile } from '../../bench/lib/results.ts';
import { format } from '../../bench/lib/table.ts';

/** `npm run bench -- --quick --only parse` end to end: a child process per suite, a table, a well-formed results file. */
describe('npm run bench -- --quick --only parse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the table and writes the results file', () => {
    const out = join(dir, 'results.json');
    const run = spawnSync(
      process.execPath,
      ['bin/run-ts.js', 'bench/run.ts', '--quick', '--only', 'parse', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);

    const results = JSON.parse(readFileSync(out, 'utf8')) as ResultsFile;
    // The printed table shows exactly the figures of the results file, formatted as the table formats them (a thin
    // space between thousands), so the check holds however fast this machine parses.
    for (const row of results.results) {
      expect(run.stdout).toContain(`| ${row.suite} | ${row.label} | ${format(row.value)} ${row.unit} |`);
    }
    expect(results.schema).toBe('paragraf-bench/1');
    expect(results.quick).toBe(true);
    expect(Date.parse(results.date)).not.toBeNaN();
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.cpu).not.toBe('');
    expect(results.machine.node).toBe(process.version);
    expect(results.suites.parse).toMatchObject({ status: 'ok', quick: true });
    expect(results.suites.parse?.peakRssMb).toBeGreaterThan(10);
    expect(Object.keys(results.suites)).toEqual(['parse']);

    // The goal is judged on CPU time (what one core spent) on the protocols it was set on, against the parser of that
    // day rebuilt from git history (a clone that lacks the commit reports no baseline and says why on stderr).
    const whole = results.results.find((r) => r.name === 'parse.paragraphs-per-cpu-second');
    expect(whole).toMatchObject({ suite: 'parse', unit: '§/s' });
    expect(whole?.value).toBeGreaterThan(0);
    expect(whole?.goal).toBeUndefined();
    const wall = results.results.find((r) => r.name === 'parse.paragraphs-per-second');
    expect(wall?.value).toBeGreaterThan(0);
    expect(wall?.goal).toBeUndefined();
    const hasBaseline = spawnSync('git', ['cat-file', '-e', `${PRE_ISSUE_11.commit}^{commit}`]).status === 0;
    const goal = results.results.find((r) => r.name === 'parse.goal-corpus-paragraphs-per-cpu-second');
    const ratio = results.results.find((r) => r.name === 'parse.time-vs-pre-issue-11');
    // The same comparison with both parsers as esbuild bundles (as a Lambda runs them) beside the sources' (as tsx runs
    // them, and the bench did when the goal was set): each pair loaded alike, so neither figure times a loader.
    const bundled = results.results.find((r) => r.name === 'parse.time-vs-pre-issue-11-bundled');
    if (hasBaseline) {
      expect(goal).toMatchObject({ unit: '§/s', goal: { op: '>=', target: 20_000 } });
      expect(goal?.baseline?.tool).toBe(PRE_ISSUE_11.label);
      expect(goal?.baseline?.value).toBeGreaterThan(0);
      expect(goal?.met).toBe((goal?.value ?? 0) >= 20_000);
      expect(ratio).toMatchObject({ unit: '×', goal: { op: '<=', target: 20_233 / 20_000 } });
      expect(ratio?.value).toBeGreaterThan(0);
      expect(ratio?.met).toBe((ratio?.value ?? Number.POSITIVE_INFINITY) <= 20_233 / 20_000);
      expect(bundled).toMatchObject({ unit: '×', goal: { op: '<=', target: 20_233 / 20_000 } });
      expect(bundled?.value).toBeGreaterThan(0);
      expect(bundled?.label).toContain('esbuild bundles');
      expect(ratio?.label).toContain('sources');
    } else {
      expect(goal).toBeUndefined();
      expect(ratio).toBeUndefined();
      expect(bundled).toBeUndefined();
      expect(run.stderr).toContain('no baseline parser');
    }
    for (const row of results.results) {
      expect(row.name.startsWith(`${row.suite}.`), row.name).toBe(true);
      expect(Number.isFinite(row.value), row.name).toBe(true);
      expect(row.unit.length, row.name).toBeGreaterThan(0);
    }
  });

  it('refuses an unknown suite with the usage text', () => {
    const run = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/run.ts', '--only', 'nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown suite nope');
    expect(run.stderr).toContain('--quick');
  });
});
