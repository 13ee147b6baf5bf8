import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startParagrafServe } from './server.ts';
import type { SuiteContext } from './types.ts';

/**
 * Peak memory of `paragraf serve` across a swap to a new version of the § index: the server answers, reads its whole
 * index (every part in), then a new version appears (the same archive under the next sequence, so the new index is
 * opened and read in full again) and is swapped in. The published files are hard-linked into a scratch folder, whose
 * manifest alone is replaced, so the archive itself is never touched.
 */
export interface SwapMemory {
  /** RSS once the first version is wholly in, MB. */
  beforeMb: number;
  /** RSS once the second version is wholly in and the first collected, MB. */
  afterMb: number;
  /** Peak RSS over the whole run (VmHWM), MB. */
  peakMb: number;
  swapSeconds: number;
}

const READY = '/v1/paragraphs?limit=1';

export async function measureSwap(ctx: SuiteContext, archiveDir: string): Promise<SwapMemory> {
  const dir = join(ctx.workDir, 'index-swap');
  rmSync(dir, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('cp', ['-al', join(archiveDir, 'public'), join(dir, 'public')]);
  const server = await startParagrafServe(ctx.repoRoot, dir, ['--cache-mb', '0']);
  try {
    const beforeMb = await settled(server.url, () => server.memory().rssMb);
    const tag = await versionTag(server.url);
    const manifestPath = join(dir, 'public/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      sequence: number;
      publishedAt: string;
      readModel: { sequence: number };
    };
    manifest.sequence += 1;
    manifest.readModel.sequence = manifest.sequence;
    manifest.publishedAt = new Date(Date.parse(manifest.publishedAt) + 1000).toISOString();
    writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest));
    renameSync(`${manifestPath}.tmp`, manifestPath); // a new file: the hard-linked archive copy keeps the old one
    const started = performance.now();
    while ((await versionTag(server.url)) === tag) await sleep(250);
    const swapSeconds = (performance.now() - started) / 1000;
    const afterMb = await settled(server.url, () => server.memory().rssMb);
    return { beforeMb, afterMb, peakMb: server.memory().peakRssMb, swapSeconds };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asks for what makes every part come in (search, datasets), then waits until RSS has not grown for 3 s. */
async function settled(url: string, rss: () => number): Promise<number> {
  for (const path of ['/v1/paragraphs?q=beslut&limit=1', '/v1/datasets', '/v1/municipalities', READY])
    await (await fetch(`${url}${path}`)).arrayBuffer();
  let last = rss();
  let steady = 0;
  for (let i = 0; i < 240 && steady < 12; i++) {
    await sleep(250);
    const now = rss();
    steady = now > last + 1 ? 0 : steady + 1;
    last = Math.max(last, now);
  }
  return rss();
}

async function versionTag(url: string): Promise<string> {
  const response = await fetch(`${url}${READY}`);
  await response.arrayBuffer();
  return response.headers.get('ETag') ?? '';
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
