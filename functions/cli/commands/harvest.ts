import { createDocumentExtractor } from '../../adapters/document-extractor.ts';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { createHarvestClient } from '../../adapters/portals/harvest-client.ts';
import { checkedContact, InvalidContactError } from '../../core/harvest/contact.ts';
import { missingOptions, type SourceDefinition } from '../../core/harvest/source-definition.ts';
import { systemClock } from '../../ports/clock.ts';
import { realSleep } from '../../ports/http-client.ts';
import { harvestSource, type HarvestProgress } from '../../pipeline/harvest/harvest-source.ts';
import type { HarvestSummary } from '../../pipeline/harvest/harvest-summary.ts';
import { DEFAULT_SOURCES_PATH, loadSources, SourceFilesError } from '../../pipeline/harvest/source-files.ts';
import { ingestDocument } from '../../pipeline/ingest-document.ts';
import { inboxTemplates, ingestStoreInbox, StoreInbox } from '../../pipeline/store-inbox.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { formatInboxResult, formatInboxSummary, formatProgress, formatSourceSummary } from '../harvest-report.ts';
import { OCR_HELP, withLocalOcr } from '../local-ocr.ts';
import { isoDateOption, parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';

const NAME = 'harvest';
/** Sources harvested at once; each host is still paced on its own, so this only overlaps different hosts. */
const SOURCES_AT_ONCE = 3;

const OPTIONS = {
  source: { type: 'string', multiple: true },
  since: { type: 'string' },
  'dry-run': { type: 'boolean' },
  data: { type: 'string' },
  sources: { type: 'string' },
  contact: { type: 'string' },
  'no-ocr': { type: 'boolean' },
} as const;

export const harvestCommand: Command = {
  name: NAME,
  summary: 'Fetch new protocols from municipal portals (Ciceron, Netpublicator, Meetings+, SiteVision) and ingest them',
  help: `Usage: paragraf harvest [--source ID]… [--since YYYY-MM-DD] [--dry-run] [options]

Reads the harvest sources (${DEFAULT_SOURCES_PATH}/*.json, docs/harvest.md), lists each source's bodies and meetings
from --since to today, picks each meeting's full protocol, and fetches the ones not seen before. New and corrected
protocols go to the store's inbox with their provenance (source URL, portal document id, notice date) and are then
ingested. What was seen is kept in the store (harvest/<source>/state.json), so a second run fetches nothing twice.

Requests are paced (at least 1 s apart per host, 3 s on Netpublicator), retried with backoff on 429/5xx, checked
against robots.txt and robots meta tags, and sent with a User-Agent naming Paragraf and your contact.

Options:
  --source ID             harvest this source (repeatable); default: every source with status "active".
                          A source with status "unverified" is harvested only when named here.
  --since YYYY-MM-DD      first meeting date to look at (default: three years back, what portals keep online)
  --dry-run               list and pick only: fetch no protocol, write nothing
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --sources PATH          a sources file or folder (default ${DEFAULT_SOURCES_PATH})
  --contact ADDR          e-mail address or URL of whoever runs the harvest, sent in the User-Agent
                          (default $HARVEST_CONTACT; required)
${OCR_HELP}
  -h, --help              show this help

Progress goes to stderr, one line per meeting; the summary per source (meetings seen, new, changed, unchanged,
protocols missing, errors by host) and the ingest results go to stdout.

Exit status: 0 harvested without errors; 1 a source failed, a request failed or a file was quarantined; 2 usage error.
`,
  run: runHarvest,
};

async function runHarvest(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
  const since = isoDateOption(NAME, 'since', values.since);
  const contact = contactOption(values.contact ?? io.env['HARVEST_CONTACT']);
  const all = sourcesOption(values.sources ?? DEFAULT_SOURCES_PATH);
  const selected = selectSources(all, values.source ?? [], io);
  const dryRun = values['dry-run'] === true;
  const store = new FsBlobStore(values.data ?? DEFAULT_DATA_DIR);
  const client = createHarvestClient(selected, contact, { clock: systemClock, sleep: realSleep });
  const inbox = new StoreInbox(store);
  const onProgress = (event: HarvestProgress): void => io.stderr(formatProgress(event));

  const summaries = await inParallel(selected, SOURCES_AT_ONCE, (source) => {
    const robotsOverride = client.robotsOverrideFor(source);
    const deps = {
      connector: client.connectorFor(source),
      inbox,
      store,
      clock: systemClock,
      onProgress,
      ...(robotsOverride ? { robotsOverride } : {}),
    };
    return harvestSource(source, deps, { ...(since ? { since } : {}), dryRun });
  });
  for (const [i, summary] of summaries.entries()) io.stdout(formatSourceSummary(selected[i]!, summary));

  const quarantined = dryRun ? false : await ingestInbox(store, io, values['no-ocr'] !== true);
  return failed(summaries) || quarantined ? EXIT.unreadable : EXIT.ok;
}

/** Ingests what waits in the store's inbox (this run's deliveries and any a stopped run left); true if one failed. */
function ingestInbox(store: FsBlobStore, io: CliIo, ocrEnabled: boolean): Promise<boolean> {
  return withLocalOcr(ocrEnabled, async (ocr) => {
    // Each file is parsed with its body's template, learned from the inbox as a batch and from the store (as
    // `paragraf ingest` and the ingest Lambda do).
    const templates = await inboxTemplates(store, createDocumentExtractor());
    const deps = { store, extractor: createDocumentExtractor(ocr ? { ocr } : {}), clock: systemClock, templates };
    const results = await ingestStoreInbox(
      store,
      (input) => ingestDocument(deps, input),
      (r) => io.stdout(formatInboxResult(r)),
    );
    io.stdout(formatInboxSummary(results));
    return results.some((r) => !('outcome' in r) || r.outcome.status === 'quarantined');
  });
}

function failed(summaries: readonly HarvestSummary[]): boolean {
  return summaries.some((s) => s.failed || s.errors.length > 0 || s.bodiesNotFound.length > 0);
}

function contactOption(value: string | undefined): string {
  try {
    return checkedContact(value);
  } catch (error) {
    if (error instanceof InvalidContactError) throw new UsageError(`--contact: ${error.message}`, NAME);
    throw error;
  }
}

function sourcesOption(path: string): SourceDefinition[] {
  try {
    return loadSources(path);
  } catch (error) {
    if (error instanceof SourceFilesError) throw new UsageError(error.message, NAME);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`--sources: no such file or folder: ${path}`, NAME);
    throw error;
  }
}

/** The named sources (unverified ones too, when complete), or every active source. */
function selectSources(all: readonly SourceDefinition[], ids: readonly string[], io: CliIo): SourceDefinition[] {
  if (ids.length === 0) {
    const active = all.filter((s) => s.status === 'active');
    const skipped = all.length - active.length;
    if (skipped > 0)
      io.stderr(
        `harvest: ${skipped} unverified source(s) skipped (name one with --source to harvest it; docs/harvest.md)\n`,
      );
    if (active.length === 0) throw new UsageError('no active sources to harvest: name one with --source ID', NAME);
    return active;
  }
  return ids.map((id) => {
    const source = all.find((s) => s.id === id);
    if (source === undefined) throw new UsageError(`unknown source '${id}'`, NAME);
    const missing = missingOptions(source);
    if (missing.length > 0)
      throw new UsageError(
        `source '${id}' cannot be harvested yet: ${missing.join('; ')}${source.check ? ` (${source.check})` : ''}`,
        NAME,
      );
    if (source.status === 'unverified')
      io.stderr(`harvest: ${id} is unverified: ${source.check ?? 'its URL has not been confirmed by a person'}\n`);
    return source;
  });
}

/** Runs `task` over `items` with at most `limit` at once; results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
