import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { DEFAULT_SEED, generateArchive } from '../../pipeline/synthetic/generate-archive.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';

const NAME = 'generate';

const OPTIONS = {
  meetings: { type: 'string' },
  data: { type: 'string' },
  seed: { type: 'string' },
  'from-year': { type: 'string' },
  'to-year': { type: 'string' },
} as const;

export const generateCommand: Command = {
  name: NAME,
  summary: 'Build a synthetic archive of N meetings in a store, for scale tests',
  help: `Usage: paragraf generate --meetings N [options]

Writes N synthetic meetings into the store as ingest would (privacy gate, meeting records, review entries, pending
markers), so that publish, export and the API can be measured at national scale: 30000 meetings are about 400000 §,
one year of every municipality. Municipalities are Sweden's 290, bodies and years vary, texts follow the real
protocols in the corpus; people are invented. The same options always give the same archive.

Options:
  --meetings N            how many meetings (required)
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR}; use a separate folder for scale tests)
  --seed N                random seed (default ${DEFAULT_SEED})
  --from-year YYYY        first meeting year (default 2019)
  --to-year YYYY          last meeting year (default 2026)
  -h, --help              show this help

Exit status: 0 written; 2 usage error; 70 internal error.
`,
  run: runGenerate,
};

async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
  if (values.meetings === undefined) throw new UsageError('generate needs --meetings N', NAME);
  const meetings = integer('meetings', values.meetings, 1, 10_000_000);
  const fromYear = integer('from-year', values['from-year'] ?? '2019', 1990, 2100);
  const toYear = integer('to-year', values['to-year'] ?? '2026', fromYear, 2100);
  const seed = integer('seed', values.seed ?? String(DEFAULT_SEED), 0, 2 ** 32 - 1);
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const started = performance.now();
  let last = 0;
  const summary = await generateArchive(new FsBlobStore(dataDir), {
    meetings,
    seed,
    fromYear,
    toYear,
    onProgress: (done, total) => {
      if (done !== total && Date.now() - last < 2000) return;
      last = Date.now();
      io.stderr(`generate: ${done}/${total} meetings\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  io.stdout(
    `generated ${summary.meetings} meetings, ${summary.paragraphs} § (${summary.held} held back), ` +
      `${summary.units} partitions in ${summary.municipalities} municipalities into ${dataDir}\n` +
      `  ${seconds.toFixed(1)} s, ${Math.round(summary.meetings / seconds)} meetings/s, ${Math.round(summary.paragraphs / seconds)} §/s (seed ${seed})\n`,
  );
  return EXIT.ok;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/u.test(value) || n < min || n > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${value}'`, NAME);
  return n;
}
