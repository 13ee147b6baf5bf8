import { userInfo } from 'node:os';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { systemClock } from '../../ports/clock.ts';
import { InvalidReviewIdError } from '../../pipeline/review/decision.ts';
import { NotUnderReviewError } from '../../pipeline/review/review-queue.ts';
import { ReviewRefusedError, withdrawParagraph } from '../../pipeline/review/review-decisions.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { parseOptions } from '../options.ts';

const NAME = 'withdraw';

const OPTIONS = {
  data: { type: 'string' },
  reason: { type: 'string' },
  by: { type: 'string' },
} as const;

export const withdrawCommand: Command = {
  name: NAME,
  summary: 'Withdraw a published § and erase it from every published file at the next publish',
  help: `Usage: paragraf withdraw ID --reason TEXT [--by NAME] [--data DIR]

Takes a § off the web for good. ID is a § id, e.g. alingsas-kommunstyrelsen-2024-03-06-5. The next
'paragraf publish':
  - publishes a version without it (it stays out of every later version of the protocol, also when the original
    protocol is ingested again);
  - rewrites or deletes every earlier published file that contained it: unit files (CSV, Excel CSV, NDJSON,
    Parquet), meeting JSON, dumps, change-feed chunks, and the snapshot manifests that listed them, which stay
    consistent (every listed file exists with the listed size and sha256);
  - leaves a tombstone in the change feed: the id, when, and "withdrawn" (never the text, never --reason).

--reason is required and kept with who (--by, default $PARAGRAF_USER or the login name) and when in the decision's
history (decisions/ in the store, never published). The § can be looked at with 'paragraf review show ID'.

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  -h, --help              show this help

Exit status: 0 done; 1 refused or no such § (one line on stderr says why); 2 usage error.
`,
  run: runWithdraw,
};

async function runWithdraw(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError(`expected exactly one § id, got ${positionals.length}`, NAME);
  if (!values.reason?.trim()) throw new UsageError('withdraw needs --reason TEXT', NAME);
  const store = new FsBlobStore(values.data ?? DEFAULT_DATA_DIR);
  const by = values.by ?? io.env.PARAGRAF_USER ?? io.env.USER ?? userInfo().username;
  try {
    const outcome = await withdrawParagraph(
      { store, clock: systemClock },
      { paragraphId: positionals[0]!, reason: values.reason, by },
    );
    io.stdout(`withdrawn ${outcome.paragraphId}; the next publish removes it from every published file\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InvalidReviewIdError) throw new UsageError(error.message, NAME);
    if (error instanceof ReviewRefusedError || error instanceof NotUnderReviewError) {
      io.stderr(`paragraf: withdraw: ${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
}
