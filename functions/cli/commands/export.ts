import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { isFormatId } from '../../core/render/formats/index.ts';
import { exportPublished } from '../../pipeline/publish/export-published.ts';
import { exportRecords, PARAGRAPH_RECORDS } from '../../pipeline/publish/export-records.ts';
import { parsePartition } from '../../published/partitions.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { DEFAULT_BASE_URL } from './publish.ts';

const NAME = 'export';

const OPTIONS = {
  data: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
  partition: { type: 'string' },
  'base-url': { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
} as const;

export const exportCommand: Command = {
  name: NAME,
  summary: 'Stream one table of the archive (or a partition) to a file, from the published files or the records',
  help: `Usage: paragraf export --out FILE [options]

Writes one table of the archive as CSV, Excel CSV, NDJSON, JSON or Parquet, with flat memory however large the
archive. By default the published partition files are streamed as they are downloaded (byte for byte the file the
API serves); with --from records, or when a file is not published per partition, every stored meeting record is
read and rendered again (what a full republish does). Held-back § are left out either way.

Options:
  --out FILE              where to write; "-" for standard output (required)
  --format FORMAT         csv (default), csv-excel-sv, ndjson, json, parquet
  --table NAME            paragraphs (default), meetings, decision_items, attendance, votes, vote_roll, references,
                          documents, or ${PARAGRAPH_RECORDS} (every field of every §, NDJSON only)
  --partition ID          all (default), year/2026, municipality/alingsas, body/alingsas/kommunstyrelsen,
                          unit/alingsas/kommunstyrelsen/2026
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --from SOURCE           published (default; falls back to records) or records
  --base-url URL          site URL for permalinks when rendering from records (default $PUBLIC_BASE_URL or
                          ${DEFAULT_BASE_URL})
  -h, --help              show this help

Exit status: 0 written; 2 usage error; 70 internal error.
`,
  run: runExport,
};

async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
  if (values.out === undefined) throw new UsageError('export needs --out FILE (or --out - for standard output)', NAME);
  const format = values.format ?? 'csv';
  if (!isFormatId(format)) throw new UsageError(`unknown --format '${format}'`, NAME);
  const table = values.table ?? 'paragraphs';
  const partition = values.partition ?? 'all';
  try {
    parsePartition(partition);
  } catch (error) {
    throw new UsageError((error as Error).message, NAME);
  }
  if (table === PARAGRAPH_RECORDS && format !== 'ndjson')
    throw new UsageError(`${PARAGRAPH_RECORDS} can only be exported as ndjson`, NAME);
  const baseUrl = (values['base-url'] ?? (io.env.PUBLIC_BASE_URL || DEFAULT_BASE_URL)).replace(/\/+$/u, '');
  const from = values.from ?? 'published';
  if (from !== 'published' && from !== 'records')
    throw new UsageError(`unknown --from '${from}' (published or records)`, NAME);
  const store = new FsBlobStore(values.data ?? DEFAULT_DATA_DIR);
  const published = from === 'published' ? await exportPublished(store, { table, format, partition }) : null;
  const body = published ?? exportRecords(store, { table, format, partition, baseUrl });
  const started = performance.now();
  let bytes = 0;
  const counted = Readable.from(count(body, (n) => (bytes += n)));
  await pipeline(counted, values.out === '-' ? stdoutSink() : createWriteStream(values.out));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const source = published ? 'published files' : 'records';
  io.stderr(
    `export: ${table} (${format}, ${partition}) from ${source}: ${bytes} bytes in ${seconds} s → ${values.out}\n`,
  );
  return EXIT.ok;
}

async function* count(body: AsyncIterable<Uint8Array>, add: (n: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    add(chunk.length);
    yield chunk;
  }
}

/** process.stdout without letting the pipeline close it. */
function stdoutSink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (process.stdout.write(chunk)) callback();
      else process.stdout.once('drain', () => callback());
    },
  });
}
