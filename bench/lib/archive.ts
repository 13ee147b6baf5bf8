import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureOk } from './process.ts';
import type { SuiteContext } from './types.ts';

/**
 * Synthetic archives for the scale suites, built with `paragraf generate` (deterministic: the same meeting count
 * gives the same records) and kept under bench/.work/archives between runs, so the 30,000-meeting archive is built
 * once, not once per suite. A marker file written last says the archive is complete; published archives (for the
 * API) have a second marker.
 */
export const ARCHIVE_MEETINGS = {
  /** ≈ 400,000 § (about 12.7 § per generated meeting): a national year. */
  national: 31_600,
  /** ≈ 40,000 §: the small end of the "flat memory" comparison. */
  tenth: 3_160,
};

export interface Archive {
  dir: string;
  meetings: number;
}

export async function ensureArchive(ctx: SuiteContext, meetings: number): Promise<Archive> {
  const dir = join(ctx.repoRoot, 'bench/.work/archives', `meetings-${meetings}`);
  const marker = join(dir, '.bench-generated');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    ctx.log(`generating ${meetings} meetings into ${dir} (kept for later runs)`);
    const m = await paragraf(ctx, ['generate', '--meetings', String(meetings), '--data', dir]);
    writeFileSync(marker, `${JSON.stringify({ meetings, seconds: Math.round(m.wallMs / 1000) })}\n`);
  }
  return { dir, meetings };
}

/** The archive with its datasets published (what `paragraf serve` reads). */
export async function ensurePublishedArchive(ctx: SuiteContext, meetings: number): Promise<Archive> {
  const archive = await ensureArchive(ctx, meetings);
  const marker = join(archive.dir, '.bench-published');
  if (!existsSync(marker)) {
    ctx.log(`publishing ${meetings} meetings (kept for later runs)`);
    const m = await paragraf(ctx, ['publish', '--data', archive.dir]);
    writeFileSync(marker, `${JSON.stringify({ seconds: Math.round(m.wallMs / 1000) })}\n`);
  }
  return archive;
}

export function archiveInfo(archive: Archive): Record<string, unknown> {
  return JSON.parse(readFileSync(join(archive.dir, '.bench-generated'), 'utf8')) as Record<string, unknown>;
}

/** Runs the `paragraf` command as a user would (bin/paragraf.js in a fresh Node process), measured. */
export function paragraf(ctx: SuiteContext, args: readonly string[], stdoutFile?: string): ReturnType<typeof measureOk> {
  return measureOk(process.execPath, [join(ctx.repoRoot, 'bin/paragraf.js'), ...args], {
    cwd: ctx.repoRoot,
    ...(stdoutFile ? { stdoutFile } : {}),
  });
}
