import { parseArgs } from 'node:util';
import { SUITES } from '../suites/index.ts';

export interface BenchArgs {
  only: string[];
  quick: boolean;
  /** Write this run's results here (instead of merging into bench-results.json). */
  out?: string;
  help: boolean;
}

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const only = (values.only ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new BenchUsageError(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}`);
  return { only, quick: values.quick ?? false, ...(values.out ? { out: values.out } : {}), help: values.help ?? false };
}

export const USAGE = `Usage: npm run bench [-- [--only SUITE,…] [--quick] [--out FILE]]

Runs the benchmarks, each suite in its own Node process, prints a table and writes the figures to
bench-results.json (a partial --only run replaces just its suites there) and bench/results/<date>.json.

  --only SUITE,…   run only these suites (default: all)
  --quick          small sizes and short runs (a smoke test; figures are indicative only);
                   does not touch bench-results.json
  --out FILE       write this run's results to FILE instead of bench-results.json

Suites:
${SUITES.map((s) => `  ${s.name.padEnd(11)}${s.summary}`).join('\n')}
`;
