import { constants, createReadStream, type Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { oneLine } from '../../core/text/whitespace.ts';
import { createDocumentExtractor, DEFAULT_MAX_BYTES } from '../../adapters/document-extractor.ts';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { isHttpUrl } from '../../core/records/provenance.ts';
import { LOW_CONFIDENCE } from '../../core/parse/protocol-confidence.ts';
import type { SourceProvenance } from '../../core/records/types.ts';
import { systemClock } from '../../ports/clock.ts';
import { type IngestDeps, ingestDocument } from '../../pipeline/ingest-document.ts';
import { learnBatch } from '../learn-batch.ts';
import { combineSources, StoreTemplateSource } from '../../pipeline/template-learning.ts';
import type { IngestedOutcome, IngestOutcome } from '../../pipeline/ingest-outcome.ts';
import { quarantineOversized } from '../../pipeline/ingest-oversized.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';
import { byteSizeOption, isoDateOption, parseOptions } from '../options.ts';
import { withLocalOcr, OCR_HELP } from '../local-ocr.ts';
import { fileSource } from '../parse-file.ts';
import { printable } from '../printable.ts';

const NAME = 'ingest';
/** An unexpected error is printed on the file's line, cut to this many characters. */
const MAX_ERROR = 300;

/** The flags of ingest; `paragraf add` takes them too. */
export const INGEST_OPTIONS = {
  data: { type: 'string' },
  municipality: { type: 'string' },
  'max-bytes': { type: 'string' },
  'review-first': { type: 'string' },
  'no-ocr': { type: 'boolean' },
  'source-url': { type: 'string' },
  'notice-date': { type: 'string' },
} as const;

export const ingestCommand: Command = {
  name: NAME,
  summary: 'Add protocol files (or folders of them) to the local store',
  help: `Usage: paragraf ingest PATH… [options]

Ingests protocols (PDF or text; the type is detected from the content) into the store: the original is kept by its
sha256, the protocol is parsed, § with personal data are held for review ('paragraf review'), and one record per
meeting is written (docs/store-layout.md). Folders are searched recursively; files whose names start with "." are skipped.

Prints one line per file: ingested, replaced (a corrected protocol for a known meeting), unchanged (seen before) or
quarantined with the reason, then a summary. Files that cannot be published are kept and listed under quarantine/.

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --municipality NAME     the municipality, when neither the protocol nor the file or folder name says it
  --max-bytes SIZE        quarantine larger files as too-large (default 50M; e.g. 5000000, 512K, 50M)
  --review-first LIST     body-name patterns whose every § waits for review, comma-separated (default
                          $REVIEW_FIRST_BODIES, else "default": social, omsorg, funktionsstöd, individ, arbetsmarknad,
                          välfärd, överförmyndar …); "default,Myndighetsnämnden" adds one
${OCR_HELP}
  --source-url URL        where the original is published (http/https; one file only): kept as its provenance,
                          and the § pages link to it at the right page (URL#page=N)
  --notice-date YYYY-MM-DD  the day the justering was announced on the anslagstavla (one file only); used for the
                          appeal deadline when the protocol states none
  -h, --help              show this help

A file name like alingsas-kommunstyrelsen-2024-02-05.pdf supplies municipality, body and date; a folder named after
a municipality (alingsas/kommunstyrelsen-2026-06-01.pdf) supplies the municipality.

Exit status: 0 every file ingested or unchanged; 1 some file was quarantined or failed; 2 usage error.
`,
  run: (args, io) => runIngest(args, io),
};

interface InputFile {
  /** As shown to the user: the argument, or the argument joined with the path found under it. */
  shown: string;
  path: string;
}

type Line =
  | { file: InputFile; outcome: IngestOutcome; ms: number }
  | { file: InputFile; error: string; ms: number }
  | { file: InputFile; skipped: string; ms: number };

/** An entry found in a folder that is not read, with the reason printed on its line. */
type Found = { file: InputFile; error?: string; skipped?: string };

/** `paragraf ingest`; `add` runs it without the hint about what to run next (it runs that itself). */
export async function runIngest(
  args: readonly string[],
  io: CliIo,
  options: { nextSteps?: boolean } = {},
): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, INGEST_OPTIONS);
  if (positionals.length === 0) throw new UsageError('ingest needs at least one PATH (a file or a folder)', NAME);
  const maxBytes = byteSizeOption(NAME, 'max-bytes', values['max-bytes']) ?? DEFAULT_MAX_BYTES;
  const provenance = provenanceOptions(values['source-url'], values['notice-date']);
  const entries = await collectFiles(positionals);
  if (provenance !== undefined && entries.length !== 1) {
    throw new UsageError(
      `--source-url and --notice-date describe one file; ${entries.length} files were named or found`,
      NAME,
    );
  }
  return withLocalOcr(!values['no-ocr'], (ocr) =>
    ingestAll(
      entries,
      io,
      {
        store: new FsBlobStore(values.data ?? DEFAULT_DATA_DIR),
        extractor: createDocumentExtractor({ maxBytes, ...(ocr ? { ocr } : {}) }),
        clock: systemClock,
        maxBytes,
        ...reviewFirst(values['review-first'] ?? io.env.REVIEW_FIRST_BODIES),
      },
      { municipality: values.municipality, provenance },
      options.nextSteps !== false,
    ),
  );
}

/** `--source-url` and `--notice-date` as provenance, checked here so a typo is a usage error; undefined without them. */
function provenanceOptions(
  sourceUrl: string | undefined,
  noticeDate: string | undefined,
): SourceProvenance | undefined {
  if (sourceUrl === undefined && noticeDate === undefined) return undefined;
  if (sourceUrl !== undefined && !isHttpUrl(sourceUrl))
    throw new UsageError(`--source-url must be an http(s) URL without spaces, got '${sourceUrl}'`, NAME);
  const date = isoDateOption(NAME, 'notice-date', noticeDate);
  return { ...(sourceUrl === undefined ? {} : { sourceUrl }), ...(date === undefined ? {} : { noticeDate: date }) };
}

interface Given {
  municipality: string | undefined;
  provenance: SourceProvenance | undefined;
}

async function ingestAll(
  entries: Found[],
  io: CliIo,
  deps: IngestDeps & { maxBytes: number },
  given: Given,
  hintNext: boolean,
): Promise<number> {
  const progress = createProgress(io);
  // Protocols of one body share a template: learn it from the whole batch (and the store) before ingesting each.
  // The learning pass reads text layers only: OCR runs once per file, in the ingest pass.
  const learner = { extractor: createDocumentExtractor() };
  deps.templates = combineSources(
    await learnBatch(learner, entries, given.municipality, progress, deps.maxBytes),
    new StoreTemplateSource(deps.store),
  );
  const lines: Line[] = [];
  const started = Date.now();
  for (const [i, entry] of entries.entries()) {
    progress(`[${i + 1}/${entries.length}] ${printable(entry.file.shown)}`);
    const line: Line =
      entry.skipped !== undefined
        ? { file: entry.file, skipped: entry.skipped, ms: 0 }
        : entry.error === undefined
          ? await ingestOne(deps, entry.file, given)
          : { file: entry.file, error: entry.error, ms: 0 };
    progress('');
    io.stdout(formatLine(line));
    lines.push(line);
  }
  io.stdout(formatSummary(lines, Date.now() - started));
  if (hintNext) io.stdout(nextSteps(lines));
  return lines.every((l) => 'skipped' in l || ('outcome' in l && l.outcome.status !== 'quarantined'))
    ? EXIT.ok
    : EXIT.unreadable;
}

/** A comma-separated list of patterns; unset or blank = the gate's default list. */
function reviewFirst(list: string | undefined): Pick<IngestDeps, 'reviewFirstBodies'> {
  const entries = (list ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.length === 0 ? {} : { reviewFirstBodies: entries };
}

async function ingestOne(
  deps: IngestDeps & { maxBytes: number },
  file: InputFile,
  { municipality, provenance }: Given,
): Promise<Line> {
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);
  try {
    // The size from the file's stat, before reading: a file over the limit is streamed into the store as an original
    // and quarantined as too-large without ever being held in memory.
    // Opened without blocking and checked on the open handle, so a file swapped for a FIFO after the folder was
    // listed cannot hang the run, and the size read is that of the file actually read.
    const handle = await open(file.path, constants.O_RDONLY | constants.O_NONBLOCK);
    let bytes: Uint8Array;
    try {
      const info = await handle.stat();
      if (!info.isFile())
        return { file, skipped: 'not a regular file (changed while the folder was read)', ms: elapsed() };
      if (info.size > deps.maxBytes) {
        const stream = async () => createReadStream(file.path);
        const outcome = await quarantineOversized(deps, {
          fileName: fileSource(file.path).fileName,
          size: info.size,
          maxBytes: deps.maxBytes,
          open: stream,
          ...(provenance ? { provenance } : {}),
        });
        return { file, outcome, ms: elapsed() };
      }
      bytes = new Uint8Array(await handle.readFile());
    } finally {
      await handle.close();
    }
    const hints = municipality === undefined ? {} : { municipality };
    const outcome = await ingestDocument(deps, {
      bytes,
      ...fileSource(file.path),
      hints,
      ...(provenance ? { provenance } : {}),
    });
    return { file, outcome, ms: elapsed() };
  } catch (error) {
    return {
      file,
      error: oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error), MAX_ERROR),
      ms: elapsed(),
    };
  }
}

/** Every file named or found under a named folder, in argument order; names that cannot be used carry an error. */
async function collectFiles(paths: readonly string[]): Promise<Found[]> {
  const entries: Found[] = [];
  for (const p of paths) {
    const file = { shown: p, path: p };
    try {
      const info = await stat(p);
      if (info.isDirectory()) entries.push(...(await walk(p)));
      else if (info.isFile()) entries.push({ file });
      else entries.push({ file, error: `not a regular file (${kindOf(info)})` });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      entries.push({ file, error: code === 'ENOENT' ? 'no such file or folder' : oneLine(String(error), MAX_ERROR) });
    }
  }
  return entries;
}

/**
 * Regular files under `dir`, depth first, names sorted; dot files and folders skipped. Symbolic links are not
 * followed and FIFOs, sockets and devices are not read (a FIFO would block ingest forever), but each gets a
 * 'skipped' line saying why, so nothing in the folder is passed over without a word.
 */
async function walk(dir: string): Promise<Found[]> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: Found[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const file = { shown: path, path };
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile()) found.push({ file });
    else if (entry.isSymbolicLink())
      found.push({ file, skipped: 'a symbolic link (not followed; name the target itself)' });
    else found.push({ file, skipped: `not a regular file (${kindOf(entry)})` });
  }
  return found;
}

function kindOf(entry: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a file or folder';
}

/** One line per file; names and messages escaped (printable), so a file name cannot forge or colour a line. */
function formatLine(line: Line): string {
  const time = line.ms > 0 ? `  (${line.ms} ms)` : '';
  const name = printable(line.file.shown);
  if ('skipped' in line) return `${'skipped'.padEnd(12)}${name}  ${line.skipped}\n`;
  if ('error' in line) return `${'failed'.padEnd(12)}${name}  ${printable(line.error)}${time}\n`;
  const o = line.outcome;
  const status = o.status.padEnd(12);
  if (o.status === 'quarantined') return `${status}${name}  ${o.reason}: ${printable(o.message)}${time}\n`;
  const held = o.heldCount > 0 ? `, ${o.heldCount} § held for review` : '';
  const extra = o.status === 'unchanged' ? (o.message ? `, ${printable(o.message)}` : '') : lowConfidence(o);
  return `${status}${name}  → ${o.meetingId} v${o.version}${held}${extra}${time}\n`;
}

/** What a person should check before publishing: a protocol or § read with low confidence (an unfamiliar template). */
function lowConfidence(o: IngestedOutcome): string {
  if (o.confidence < LOW_CONFIDENCE) return `, read with low confidence (${o.confidence}): check it before publishing`;
  if (o.lowConfidenceCount > 0)
    return `, ${o.lowConfidenceCount} § read with low confidence: check them before publishing`;
  return '';
}

function formatSummary(lines: readonly Line[], ms: number): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const key = 'skipped' in line ? 'skipped' : 'error' in line ? 'failed' : line.outcome.status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['ingested', 'replaced', 'unchanged', 'quarantined', 'skipped', 'failed'];
  const parts = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k}`);
  const noun = lines.length === 1 ? 'file' : 'files';
  return `${lines.length} ${noun}: ${parts.join(', ') || 'nothing to do'} in ${(ms / 1000).toFixed(1)} s\n`;
}

/** What to run next: nothing is public until a publish, and held § wait for a person. */
function nextSteps(lines: readonly Line[]): string {
  const stored = lines.filter(
    (l) => 'outcome' in l && (l.outcome.status === 'ingested' || l.outcome.status === 'replaced'),
  );
  if (stored.length === 0) return '';
  const held = stored.reduce(
    (n, l) => n + ('outcome' in l && l.outcome.status !== 'quarantined' ? l.outcome.heldCount : 0),
    0,
  );
  const review = held > 0 ? `\n      ${held} § wait for review: 'paragraf review list' (published once released)` : '';
  return `next: 'paragraf publish' makes this public ('paragraf add' ingests and publishes in one step)${review}\n`;
}

/** A self-overwriting status line on stderr, only when stderr is a terminal (never in pipes, logs or tests). */
function createProgress(io: CliIo): (text: string) => void {
  if (!process.stderr.isTTY || io.env['CI']) return () => {};
  const width = Math.max(20, (process.stderr.columns || 80) - 1);
  return (text) => io.stderr(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
}
