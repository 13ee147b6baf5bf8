import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { type PublishOptions, publishDatasets } from '../../functions/pipeline/publish-datasets.ts';
import { COMMITTEES } from '../../functions/pipeline/synthetic/bodies.ts';
import { buildMeetingProtocol } from '../../functions/pipeline/synthetic/meeting.ts';
import { writeProtocol } from '../../functions/pipeline/synthetic/write-protocol.ts';
import type { SuiteContext } from './types.ts';

/**
 * A copy of a published archive whose manifest lists a base index file and one delta segment: what an API instance
 * finds after the first incremental publish. Every file is hard-linked (`cp -al`, seconds for 170,000 files, no
 * extra space); the filesystem store replaces a file by rename and never writes into one, so the original archive
 * is left as it was. One new meeting, in a unit the archive lacks, is then ingested and published incrementally.
 * Made once per published version of the original (the marker holds its manifest's SHA-256).
 */
export async function ensureDeltaCopy(ctx: SuiteContext, archiveDir: string): Promise<string> {
  const dir = `${archiveDir}-delta`;
  const marker = join(dir, '.bench-delta');
  const manifestBytes = readFileSync(join(archiveDir, 'public/manifest.json'));
  const original = createHash('sha256').update(manifestBytes).digest('hex');
  const published = JSON.parse(manifestBytes.toString('utf8')) as PublishOptions;
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === original) return dir;
  rmSync(dir, { recursive: true, force: true });
  ctx.log(`linking ${archiveDir} into ${dir} and publishing one meeting there (a delta segment; kept for later runs)`);
  execFileSync('cp', ['-al', archiveDir, dir]);
  rmSync(join(dir, '.bench-generated'), { force: true });
  rmSync(join(dir, '.bench-published'), { force: true });
  const store = new FsBlobStore(dir);
  const clock = fixedClock(new Date());
  // The year 2199 is past anything the generator writes (and the last one the holiday table covers).
  const protocol = buildMeetingProtocol(
    {
      municipality: 'Ydre',
      body: COMMITTEES[1]!,
      date: '2199-03-14',
      firstNumber: 1,
      paragraphCount: 12,
      bodySeed: 99,
      caseStyle: 'dotted',
    },
    7,
  );
  const written = await writeProtocol(store, protocol, {
    at: clock.now(),
    sha256: protocol.meeting.source.sha256,
    fileName: `${protocol.meeting.id}.pdf`,
  });
  if (written.status !== 'ingested') throw new Error(`the new meeting was not ingested: ${written.status}`);
  clock.advance(60_000);
  await publishDatasets(
    { store, clock },
    // As the archive was published (a new base URL or publisher would rewrite every unit), without the optional dump.
    { baseUrl: published.baseUrl, publisher: published.publisher, autoDumpParagraphs: 0 },
  );
  const manifest = JSON.parse(readFileSync(join(dir, 'public/manifest.json'), 'utf8')) as {
    readModel?: { deltas?: unknown[] };
  };
  if (!manifest.readModel?.deltas?.length) throw new Error('the incremental publish wrote no delta segment');
  writeFileSync(marker, `${original}\n`);
  return dir;
}
