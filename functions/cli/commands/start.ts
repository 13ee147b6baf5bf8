import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { readSiteSettings } from '../../pipeline/admin/site-settings.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { ingestCommand } from './ingest.ts';
import { publishCommand } from './publish.ts';
import { DEFAULT_HOST, portOption, startServer, untilSignal } from './serve.ts';

const NAME = 'start';
/** The repository's sample protocols, wherever the command is run from. */
export const SAMPLES_DIR = resolve(import.meta.dirname, '../../../data/samples');
/** Beside the store's files, never a store key ('#' cannot occur in one), so it is never listed or published. */
const FINGERPRINT_FILE = '.#samples-ingested';

const OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  samples: { type: 'string' },
} as const;

export const startCommand: Command = {
  name: NAME,
  summary: 'Ingest and publish the sample protocols if needed, then serve them (npm start)',
  help: `Usage: paragraf start [options]

The quickest way to see Paragraf: ingests the sample protocols (data/samples) into the store when the store has
none of them yet or the samples changed, publishes, and serves the API and the pages (like 'paragraf serve').

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --port N                TCP port (default $PORT or 3000)
  --host ADDR             address to listen on (default ${DEFAULT_HOST})
  --samples DIR           protocols to ingest (default data/samples)
  -h, --help              show this help

Exit status: 0 stopped by a signal; 1 a sample could not be ingested; 2 usage error; 3 a publish holds the lock.
`,
  run: runStart,
};

async function runStart(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const samples = values.samples ?? SAMPLES_DIR;
  const port = portOption(values.port ?? io.env.PORT, NAME);
  const host = values.host ?? DEFAULT_HOST;
  // The port first: a busy port fails here, before anything is ingested or published. The server picks up the
  // publish below by itself, and the permalinks name the port actually bound.
  const server = await startServer({ dataDir, port, host });
  const stop = () => new Promise((done) => server.server.close(done));
  const fingerprint = await samplesFingerprint(samples);
  if ((await previousFingerprint(dataDir)) !== fingerprint) {
    io.stdout(`Ingesting the sample protocols in ${samples} …\n`);
    const code = await ingestCommand.run([samples, '--data', dataDir], io);
    if (code !== EXIT.ok) return stop().then(() => code);
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, FINGERPRINT_FILE), `${fingerprint}\n`);
  }
  // A base URL set in the admin settings or $PUBLIC_BASE_URL wins: a local start never moves a municipality's links.
  const settings = await readSiteSettings(new FsBlobStore(dataDir));
  const baseUrl = io.env.PUBLIC_BASE_URL || settings.baseUrl || `http://localhost:${server.port}`;
  const published = await publishCommand.run(['--data', dataDir, '--base-url', baseUrl], io);
  if (published !== EXIT.ok) return stop().then(() => published);
  io.stdout(
    `\nParagraf is running: ${server.url}\n  search and pages: ${server.url}\n  API docs:         ${server.url}v1/docs\n  Ctrl-C stops.\n`,
  );
  return untilSignal(server.server);
}

/** Names, sizes and contents of the sample files: a change to any of them means ingesting again. */
export async function samplesFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    hash
      .update(`${name}\u0000`)
      .update(await readFile(path))
      .update('\u0000');
  }
  return hash.digest('hex');
}

async function previousFingerprint(dataDir: string): Promise<string | null> {
  try {
    return (await readFile(join(dataDir, FINGERPRINT_FILE), 'utf8')).trim();
  } catch {
    return null;
  }
}
