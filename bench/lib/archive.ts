import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { measureOk } from './process.ts';
import type { SuiteContext } from './types.ts';

/**
 * Synthetic archives for the scale suites, built with `paragraf generate` (deterministic: the same meeting count
 * gives the same records) and published with `paragraf publish`, kept under bench/.work/archives between runs so
 * the 31,600-meeting archive is built once, not once per suite. A marker file written last says a step finished and
 * with which sources: when the generator or the publisher has changed since, the archive is rebuilt or republished
 * (`--full`), so no suite measures files an older renderer wrote.
 */
export const ARCHIVE_MEETINGS = {
  /** ≈ 400,000 § (about 12.7 § per generated meeting): a national year. */
  national: 31_600,
  /** ≈ 40,000 §: the small end of the "flat memory" comparison. */
  tenth: 3_160,
};

/** What the generated records depend on. */
const GENERATOR_SOURCES = [
  'functions/pipeline/synthetic',
  'functions/core/records',
  'functions/pipeline/privacy-gate.ts',
  'functions/pipeline/ingest-record.ts',
  'functions/pipeline/meeting-record.ts',
  'functions/pipeline/store-keys.ts',
];
/** What the published files depend on. */
const PUBLISHER_SOURCES = [
  'functions/core/render',
  'functions/published',
  'functions/pipeline/publish',
  'functions/pipeline/publish-datasets.ts',
];

export interface Archive {
  dir: string;
  meetings: number;
}

export interface ArchiveOptions {
  /** Folder name under bench/.work/archives (default `meetings-N`); suites that add to an archive use their own. */
  name?: string;
  /** `--base-url` of the publish. */
  baseUrl?: string;
}

export async function ensureArchive(
  ctx: SuiteContext,
  meetings: number,
  options: ArchiveOptions = {},
): Promise<Archive> {
  const dir = join(ctx.repoRoot, 'bench/.work/archives', options.name ?? `meetings-${meetings}`);
  const marker = join(dir, '.bench-generated');
  const source = sourceHash(ctx.repoRoot, GENERATOR_SOURCES);
  if (readMarker(marker)?.source !== source) {
    rmSync(dir, { recursive: true, force: true });
    ctx.log(`generating ${meetings} meetings into ${dir} (kept for later runs)`);
    const m = await paragraf(ctx, ['generate', '--meetings', String(meetings), '--data', dir]);
    writeFileSync(marker, `${JSON.stringify({ meetings, seconds: Math.round(m.wallMs / 1000), source })}\n`);
  }
  return { dir, meetings };
}

/** The archive with its datasets published by the current publisher (what `paragraf serve` reads). */
export async function ensurePublishedArchive(
  ctx: SuiteContext,
  meetings: number,
  options: ArchiveOptions = {},
): Promise<Archive> {
  const archive = await ensureArchive(ctx, meetings, options);
  const marker = join(archive.dir, '.bench-published');
  const source = sourceHash(ctx.repoRoot, PUBLISHER_SOURCES);
  const previous = readMarker(marker);
  if (previous?.source !== source) {
    ctx.log(`publishing ${meetings} meetings${previous ? ' again (the publisher changed)' : ''} (kept for later runs)`);
    const args = [
      'publish',
      '--data',
      archive.dir,
      ...(options.baseUrl ? ['--base-url', options.baseUrl] : []),
      ...(previous ? ['--full'] : []),
    ];
    const m = await paragraf(ctx, args);
    writeFileSync(marker, `${JSON.stringify({ seconds: Math.round(m.wallMs / 1000), source })}\n`);
  }
  return archive;
}

function readMarker(path: string): { source?: string } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { source?: string };
  } catch {
    return undefined;
  }
}

/** SHA-256 over the paths and contents of the given files and folders (recursively), in a fixed order. */
export function sourceHash(repoRoot: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(relative(repoRoot, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const p of paths) visit(join(repoRoot, p));
  return hash.digest('hex').slice(0, 16);
}

/** Runs the `paragraf` command as a user would (bin/paragraf.js in a fresh Node process), measured. */
export function paragraf(
  ctx: SuiteContext,
  args: readonly string[],
  stdoutFile?: string,
): ReturnType<typeof measureOk> {
  return measureOk(process.execPath, [join(ctx.repoRoot, 'bin/paragraf.js'), ...args], {
    cwd: ctx.repoRoot,
    ...(stdoutFile ? { stdoutFile } : {}),
  });
}
