import { EXIT, UsageError, type Command } from '../command.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { parseOptions } from '../options.ts';
import { INGEST_OPTIONS, runIngest } from './ingest.ts';
import { publishCommand } from './publish.ts';

const NAME = 'add';
/** ingest's options, passed on as given; --base-url goes to publish. */
const OPTIONS = { ...INGEST_OPTIONS, 'base-url': { type: 'string' } } as const;

export const addCommand: Command = {
  name: NAME,
  summary: 'Ingest protocol files and publish them: one step for the clerk',
  help: `Usage: paragraf add FILE… [options]

'paragraf ingest' then 'paragraf publish': the protocols are read, § with personal data are held for review, and
everything else is published at once. Held § wait in 'paragraf review' (or the admin pages) and are published when
someone releases them.

Options: those of 'paragraf ingest' (--data, --municipality, --notice-date, --source-url, --no-ocr, --max-bytes,
--review-first), and --base-url for the publish (default: the admin settings, else the base URL already published).

Exit status: 0 every file ingested and published; 1 some file was quarantined or failed (the rest is published);
2 usage error; 3 another publish holds the lock.
`,
  run: async (args, io) => {
    const { values, positionals } = parseOptions(NAME, args, OPTIONS);
    if (positionals.length === 0) throw new UsageError('add needs at least one FILE (or folder)', NAME);
    const { 'base-url': baseUrl, ...ingestValues } = values;
    const ingestArgs = [...positionals, ...flags(ingestValues)];
    const ingested = await runIngest(ingestArgs, io, { nextSteps: false });
    if (ingested !== EXIT.ok && ingested !== EXIT.unreadable) return ingested;
    const published = await publishCommand.run(
      ['--data', values.data ?? DEFAULT_DATA_DIR, ...(baseUrl ? ['--base-url', baseUrl] : [])],
      io,
    );
    return published !== EXIT.ok ? published : ingested;
  },
};

function flags(values: Record<string, string | boolean | undefined>): string[] {
  return Object.entries(values).flatMap(([k, v]) =>
    v === undefined || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, v],
  );
}
