import { describe, expect, it } from 'vitest';
import { mergeResults, type ResultsFile } from '../../bench/lib/results.ts';
import { interleave, median, percentile, round } from '../../bench/lib/stats.ts';
import { format } from '../../bench/lib/table.ts';
import { meetsGoal } from '../../bench/lib/types.ts';

describe('bench statistics', () => {
  it('takes medians and nearest-rank percentiles, NaN for nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBe(100);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 10)).toBe(10);
    expect(median([])).toBeNaN();
  });

  it('rounds to three significant digits without dropping integer digits', () => {
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: a number with more digits than round keeps, not π
    expect(round(3.14159)).toBe(3.14);
    expect(round(0.012345)).toBe(0.0123);
    expect(round(45123.7)).toBe(45124);
    expect(format(45123.7)).toBe('45 124');
    expect(format(1234.5)).toBe('1235');
    expect(format(22_587)).toBe('22 587'); // what the table prints on a quiet machine: a plain space, not a digit or dot
    expect(format(1_234_567.8)).toBe('1 234 568');
  });

  it('alternates subject and baseline and reports a ratio per mirrored pair of passes', async () => {
    const order: string[] = [];
    // Whoever runs first in a pass is 10 ms slower: the pair sums cancel it.
    const first = () => (order.length % 2 === 0 ? 10 : 0);
    const timed = (ms: number, name: string) => async () => {
      const t = ms + first();
      order.push(name);
      return t;
    };
    const result = await interleave(5, timed(30, 's'), timed(10, 'b'));
    expect(order).toEqual(['s', 'b', 'b', 's', 's', 'b', 'b', 's', 's', 'b']);
    expect(result.subject).toEqual([40, 30, 40, 30, 40]);
    expect(result.baseline).toEqual([10, 20, 10, 20, 10]);
    expect(result.ratios).toEqual([70 / 30, 70 / 30, 4]);
  });

  it('checks goals in both directions', () => {
    expect(meetsGoal(2.9, { op: '<=', target: 3 })).toBe(true);
    expect(meetsGoal(3.1, { op: '<=', target: 3 })).toBe(false);
    expect(meetsGoal(19_999, { op: '>=', target: 20_000 })).toBe(false);
    expect(meetsGoal(Number.NaN, { op: '>=', target: 1 })).toBe(false);
    expect(meetsGoal(5, undefined)).toBeUndefined();
  });
});

describe('a partial run merged into bench-results.json', () => {
  const file = (suites: string[], value: number): ResultsFile => ({
    schema: 'paragraf-bench/1',
    date: '2026-11-27T00:00:00.000Z',
    quick: false,
    machine: { cpu: 'x', cores: 2, memoryGb: 4, node: 'v20', os: 'linux', load: { start: 1 }, commit: 'abc' },
    suites: Object.fromEntries(
      suites.map((s) => [s, { status: 'ok' as const, ranAt: '2026-11-27', commit: 'abc', load: 1, quick: false }]),
    ),
    results: suites.map((s) => ({ suite: s, name: `${s}.x`, label: s, value, unit: 'u' })),
  });

  it('replaces the suites it ran and keeps the others', () => {
    const merged = mergeResults(file(['parse', 'pdf'], 1), file(['pdf'], 2));
    expect(Object.keys(merged.suites).sort()).toEqual(['parse', 'pdf']);
    expect(merged.results.map((r) => [r.name, r.value])).toEqual([
      ['parse.x', 1],
      ['pdf.x', 2],
    ]);
  });
});
