import { constants } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { isOrganisationNumber } from '../../core/records/organisation-number.ts';
import { systemClock } from '../../ports/clock.ts';
import { readSiteSettings } from '../../pipeline/admin/site-settings.ts';
import { readManifest } from '../../published/public-store.ts';
import {
  publishDatasets,
  type PublishOptions,
  type PublishProgress,
  type PublishSummary,
} from '../../pipeline/publish-datasets.ts';
import { PublishLeaseHeldError } from '../../pipeline/publish/lease.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';

const NAME = 'publish';
export const DEFAULT_BASE_URL = 'http://localhost:3000';

const OPTIONS = {
  data: { type: 'string' },
  'base-url': { type: 'string' },
  'org-number': { type: 'string' },
  publisher: { type: 'string' },
  'contact-email': { type: 'string' },
  full: { type: 'boolean' },
} as const;

export const publishCommand: Command = {
  name: NAME,
  summary: 'Publish the open datasets (CSV, NDJSON, Parquet, JSON, metadata, change feed) from the store',
  help: `Usage: paragraf publish [options]

Publishes what ingest stored (docs/publishing.md): rebuilds the partitions (one body of one municipality in one
year) that changed since the last publish, appends the change feed, writes a dated snapshot and switches
public/manifest.json. Held-back § are never published. A publish that finds nothing new writes nothing.

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --base-url URL          site URL for permalinks and download links (default $PUBLIC_BASE_URL, else the one set
                          in the admin settings, else the one already published, else ${DEFAULT_BASE_URL})
  --publisher NAME        publisher in the DCAT catalogue (default $MUNICIPALITY, the admin settings, or "Paragraf")
  --org-number NNNNNN-NNNN  the publisher's organisationsnummer (default $ORGANISATION_NUMBER, the admin settings,
                          or the one already published); without it no
                          catalog.rdf is written, since dataportal.se identifies publishers by it
  --contact-email ADDR    contact point in the catalogue (default $CONTACT_EMAIL)
  --full                  rebuild every partition from the records and write the full "all" dump (slow on a big
                          archive; for repairs, renderer changes and the nightly dump)
  -h, --help              show this help

Only one publish runs at a time per store: a lock file (DIR/.#publish.lock) and the store's lease
(DIR/locks/publish.json) make a second one fail at once.

Exit status: 0 published (or nothing to do); 2 usage error; 3 another publish holds the lock; 70 internal error.
`,
  run: runPublish,
};

/** Exit code when the store is locked by another publish (sysexits EX_TEMPFAIL would be 75; 3 is documented here). */
export const EXIT_LOCKED = 3;

async function runPublish(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(NAME, args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const options = publishOptions(values, io.env, await storedSettings(dataDir));
  const started = performance.now();
  const summary = await withPublishLock(dataDir, () =>
    publishDatasets({ store: new FsBlobStore(dataDir), clock: systemClock, onProgress: progressPrinter(io) }, options),
  ).catch((error: unknown) => {
    if (error instanceof PublishLockedError) return error;
    // Another publisher on the same store that is not a local process (a shared folder, or the lease of a run elsewhere).
    if (error instanceof PublishLeaseHeldError) return new PublishLockedError(error.message, { cause: error });
    throw error;
  });
  if (summary instanceof PublishLockedError) {
    io.stderr(`paragraf: ${summary.message}\n`);
    return EXIT_LOCKED;
  }
  io.stdout(formatSummary(summary, performance.now() - started, options));
  return EXIT.ok;
}

/** What the store itself says: the settings the admin pages saved, else what the last publish used. */
export interface StoredSettings {
  baseUrl?: string;
  publisher?: { name?: string; organisationNumber?: string; contactEmail?: string };
}

export async function storedSettings(dataDir: string): Promise<StoredSettings> {
  const store = new FsBlobStore(dataDir);
  const settings = await readSiteSettings(store);
  const manifest = await readManifest(store);
  const baseUrl = settings.baseUrl ?? manifest?.baseUrl;
  return {
    ...(baseUrl ? { baseUrl } : {}),
    publisher: settings.changedAt ? settings.publisher : (manifest?.publisher ?? {}),
  };
}

/**
 * Flags first, then the environment the Lambda handler reads too, then what the store says (the admin's settings,
 * else the base URL already published), then defaults. So a publish never silently moves every permalink to another
 * base URL: the base URL changes only when someone names a new one.
 */
export function publishOptions(
  values: { 'base-url'?: string; 'org-number'?: string; publisher?: string; 'contact-email'?: string; full?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  stored: StoredSettings = {},
): PublishOptions {
  const baseUrl = (values['base-url'] ?? (env.PUBLIC_BASE_URL || stored.baseUrl || DEFAULT_BASE_URL)).replace(
    /\/+$/u,
    '',
  );
  if (!/^https?:\/\/[^\s/]+(?:\/\S*)?$/u.test(baseUrl))
    throw new UsageError(`--base-url must be an http(s) URL, got '${baseUrl}'`, NAME);
  const organisationNumber = values['org-number'] ?? (env.ORGANISATION_NUMBER || stored.publisher?.organisationNumber);
  if (organisationNumber !== undefined && !isOrganisationNumber(organisationNumber)) {
    throw new UsageError(
      `--org-number must be a valid organisationsnummer NNNNNN-NNNN, got '${organisationNumber}'`,
      NAME,
    );
  }
  const contactEmail = values['contact-email'] ?? (env.CONTACT_EMAIL || stored.publisher?.contactEmail);
  return {
    baseUrl,
    publisher: {
      name: values.publisher ?? (env.MUNICIPALITY || stored.publisher?.name || 'Paragraf'),
      ...(organisationNumber ? { organisationNumber } : {}),
      ...(contactEmail ? { contactEmail } : {}),
    },
    full: values.full === true,
  };
}

export { isOrganisationNumber };

export class PublishLockedError extends Error {
  override name = 'PublishLockedError';
}

/**
 * Runs `fn` holding DIR/.#publish.lock, created with O_EXCL so two publishes cannot both hold it. The file names the
 * holder's pid; a lock whose process no longer exists (a crashed run) is taken over. '#' never occurs in a store key,
 * so the store neither lists nor serves the lock file.
 */
export async function withPublishLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, '.#publish.lock');
  await acquire(path);
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

async function acquire(path: string, retried = false): Promise<void> {
  try {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await handle.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).split('\n')[0]);
    if (!retried && !isAlive(pid)) {
      await unlink(path).catch(() => undefined);
      return acquire(path, true);
    }
    throw new PublishLockedError(`another publish is running on this store (pid ${pid || 'unknown'}, lock ${path})`);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One stderr line per phase and at most one per second for units, so logs stay short on big runs. */
function progressPrinter(io: CliIo): (p: PublishProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === 'unit' && p.done !== p.total && now - last < 1000) return;
    last = now;
    if (p.phase === 'plan') io.stderr(`publish: ${p.total} partition(s) to check\n`);
    else if (p.phase === 'unit') io.stderr(`publish: [${p.done}/${p.total}] ${p.unit ?? ''}\n`);
    else if (p.phase === 'dump') io.stderr('publish: writing the "all" dump\n');
    else if (p.phase === 'index') io.stderr('publish: writing the § index for the API\n');
    else io.stderr('publish: writing indexes, snapshot and manifest\n');
  };
}

function formatSummary(s: PublishSummary, ms: number, options: PublishOptions): string {
  const t = s.totals;
  const lines = s.changed
    ? [
        `published sequence ${s.sequence}, snapshot ${s.snapshot}${s.full ? ' (full)' : ''}`,
        `  partitions: ${s.units.touched} checked, ${s.units.rebuilt} rebuilt, ${s.units.removed} removed`,
        `  changes:    ${s.events.added} added, ${s.events.changed} changed, ${s.events.withdrawn} withdrawn`,
        ...(s.erasure.paragraphs > 0
          ? [
              `  erased:     ${s.erasure.paragraphs} withdrawn § from earlier versions: ${s.erasure.snapshots} snapshots rewritten, ${s.erasure.deleted} files deleted`,
            ]
          : []),
        `  dump:       ${s.dump === 'written' ? 'written' : s.dump === 'kept' ? 'kept (older; newer changes are in the change feed)' : 'none'}`,
      ]
    : [`nothing to publish (sequence ${s.sequence} is current)`];
  lines.push(
    `  archive:    ${t.municipalities} municipalities, ${t.units} partitions, ${t.meetings} meetings, ${t.paragraphs} §`,
    `  writes:     ${s.puts} files, ${s.deletes} deletions; pending markers ${s.markers.handled} done, ${s.markers.kept} kept, ${s.markers.invalid} invalid`,
  );
  if (s.skipped.length > 0)
    lines.push(`  skipped:    ${s.skipped.length} object(s) under records/ that are not meeting records`);
  if (!options.publisher.organisationNumber)
    lines.push('  note:       no catalog.rdf (set --org-number or ORGANISATION_NUMBER)');
  lines.push(`  manifest:   ${options.baseUrl}/datasets/manifest.json (${(ms / 1000).toFixed(1)} s)`);
  return `${lines.join('\n')}\n`;
}
