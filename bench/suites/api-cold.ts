import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startS3rver } from '../../test/support/s3rver.ts';
import type { PublicManifest } from '../../functions/published/manifest.ts';
import { readModelPaths } from '../../functions/published/read-model/segments.ts';
import { ARCHIVE_MEETINGS, ensurePublishedArchive } from '../lib/archive.ts';
import { ensureDeltaCopy } from '../lib/delta-copy.ts';
import { measureSwap } from '../lib/index-swap.ts';
import { startLatencyProxy } from '../lib/latency-proxy.ts';
import { type RunningServer, startHelloWorld, startParagrafServe, startServer } from '../lib/server.ts';
import { median, round } from '../lib/stats.ts';
import { SuiteSkippedError, type ResultRow, type SuiteContext } from '../lib/types.ts';

/**
 * Cold start of the API over the published ≈ 400,000-§ archive: a fresh process from spawn to its first answer to
 * /v1/paragraphs?limit=1 (which needs the whole § index), and its resident memory then. Twice: `paragraf serve` over
 * the filesystem store, and the API as the Lambda composes it over an S3-protocol server (s3rver) with 20 ms added
 * to every request by a proxy, as a Lambda sees S3. Starts alternate with a bare Hono hello-world started the same
 * way, whose time to first answer is the floor (Node and module start-up). Both again over a copy of the archive after
 * one incremental publish, whose manifest lists a base and a delta segment (bench/lib/delta-copy.ts).
 *
 * The S3 bucket holds what a cold start reads: the manifest and the index file it lists (docs/read-model.md), put
 * there by this suite; the rest of the archive's files are read on demand and are not needed for the first answer.
 */
const S3_LATENCY_MS = 20;
const READY = '/v1/paragraphs?limit=1';

interface Start {
  seconds: number;
  rssMb: number;
  peakRssMb: number;
}

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const archive = await ensurePublishedArchive(ctx, ctx.quick ? 1_000 : ARCHIVE_MEETINGS.national);
  const manifestBytes = readFileSync(join(archive.dir, 'public/manifest.json'));
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as {
    readModel?: { parts?: Array<{ path: string }>; bytes: number };
    totals: { paragraphs: number };
  };
  if (!manifest.readModel?.parts)
    throw new SuiteSkippedError('the published archive lists no index file (publish with this version first)');
  const samples = ctx.quick ? 1 : 3;
  const fs: Start[] = [];
  const hello: Start[] = [];
  for (let i = 0; i < samples; i++) {
    hello.push(await coldStart(() => startHelloWorld(ctx.repoRoot)));
    fs.push(await coldStart(() => startParagrafServe(ctx.repoRoot, archive.dir)));
    ctx.log(
      `filesystem: ready in ${fs.at(-1)!.seconds.toFixed(2)} s, RSS ${fs.at(-1)!.rssMb.toFixed(0)} MB (hello-world ${hello.at(-1)!.seconds.toFixed(2)} s)`,
    );
  }
  const s3 = await overS3(ctx, archive.dir, samples);
  // After the first incremental publish the manifest lists a base and a delta: each segment is read whole before
  // they are composed (docs/read-model.md), so this start is not lazy and is measured on its own.
  const deltaDir = await ensureDeltaCopy(ctx, archive.dir);
  const fsDelta: Start[] = [];
  for (let i = 0; i < samples; i++) {
    fsDelta.push(await coldStart(() => startParagrafServe(ctx.repoRoot, deltaDir)));
    ctx.log(
      `filesystem, base + delta: ready in ${fsDelta.at(-1)!.seconds.toFixed(2)} s, RSS ${fsDelta.at(-1)!.rssMb.toFixed(0)} MB`,
    );
  }
  const s3Delta = await overS3(ctx, deltaDir, samples);
  const swap = await measureSwap(ctx, archive.dir);
  ctx.log(
    `swap to a new version: RSS ${swap.beforeMb.toFixed(0)} → ${swap.afterMb.toFixed(0)} MB, peak ${swap.peakMb.toFixed(0)} MB, swapped in ${swap.swapSeconds.toFixed(1)} s`,
  );
  const note = `${archive.meetings} meetings, ${manifest.totals.paragraphs} § published; index file ${round(manifest.readModel.bytes / 1048576)} MB in ${manifest.readModel.parts.length} parts; median of ${samples} fresh processes`;
  const deltaNote = `the same archive after one incremental publish (one new meeting: a base index file and a delta segment listed); median of ${samples} fresh processes`;
  const helloSeconds = { tool: 'Hono hello-world', value: round(median(hello.map((s) => s.seconds))) };
  return [
    {
      name: 'api-cold.fs-ready-seconds',
      label: 'API cold start to first § list, filesystem store',
      value: round(median(fs.map((s) => s.seconds))),
      unit: 's',
      baseline: helloSeconds,
      goal: { op: '<=', target: 3 },
      note: `${note}; spawn of \`paragraf serve\` to the first 200 from ${READY}`,
    },
    {
      name: 'api-cold.fs-rss-mb',
      label: 'API RSS after the first answer, filesystem store',
      value: round(median(fs.map((s) => s.rssMb))),
      unit: 'MB',
      baseline: { tool: 'Hono hello-world', value: round(median(hello.map((s) => s.rssMb))) },
      goal: { op: '<=', target: 512 },
      note: `${note}; peak (VmHWM) ${round(median(fs.map((s) => s.peakRssMb)))} MB`,
    },
    {
      name: 'api-cold.fs-swap-peak-rss-mb',
      label: 'API peak RSS across a swap to a new version, filesystem store',
      value: round(swap.peakMb),
      unit: 'MB',
      goal: { op: '<=', target: 512 },
      note: `${note}; \`paragraf serve\` with every part of the index in (${round(swap.beforeMb)} MB), then the next version (the same archive under the next sequence) opened, swapped in and read in full (${round(swap.afterMb)} MB); peak = VmHWM over the whole run`,
    },
    {
      name: 'api-cold.s3-ready-seconds',
      label: `API cold start to first § list, S3 protocol + ${S3_LATENCY_MS} ms a request`,
      value: round(median(s3.starts.map((s) => s.seconds))),
      unit: 's',
      baseline: helloSeconds,
      goal: { op: '<=', target: 3 },
      note: `${note}; the Lambda's app (createApiLambdaApp) over s3rver behind a ${S3_LATENCY_MS} ms proxy; ${s3.requests} S3 requests per start`,
    },
    {
      name: 'api-cold.s3-rss-mb',
      label: 'API RSS after the first answer, S3 protocol',
      value: round(median(s3.starts.map((s) => s.rssMb))),
      unit: 'MB',
      goal: { op: '<=', target: 512 },
      note: `${note}; peak (VmHWM) ${round(median(s3.starts.map((s) => s.peakRssMb)))} MB`,
    },
    {
      name: 'api-cold.fs-delta-ready-seconds',
      label: 'API cold start to first § list, base + delta, filesystem store',
      value: round(median(fsDelta.map((s) => s.seconds))),
      unit: 's',
      baseline: helloSeconds,
      goal: { op: '<=', target: 3 },
      note: `${deltaNote}; RSS ${round(median(fsDelta.map((s) => s.rssMb)))} MB, peak ${round(median(fsDelta.map((s) => s.peakRssMb)))} MB`,
    },
    {
      name: 'api-cold.s3-delta-ready-seconds',
      label: `API cold start to first § list, base + delta, S3 protocol + ${S3_LATENCY_MS} ms a request`,
      value: round(median(s3Delta.starts.map((s) => s.seconds))),
      unit: 's',
      baseline: helloSeconds,
      goal: { op: '<=', target: 3 },
      note: `${deltaNote}; ${s3Delta.requests} S3 requests per start; RSS ${round(median(s3Delta.starts.map((s) => s.rssMb)))} MB, peak ${round(median(s3Delta.starts.map((s) => s.peakRssMb)))} MB`,
    },
    {
      name: 'api-cold.delta-rss-mb',
      label: 'API RSS after the first answer, base + delta (the larger of filesystem and S3)',
      value: round(Math.max(median(fsDelta.map((s) => s.rssMb)), median(s3Delta.starts.map((s) => s.rssMb)))),
      unit: 'MB',
      goal: { op: '<=', target: 512 },
      note: deltaNote,
    },
  ];
}

async function coldStart(start: () => Promise<RunningServer>): Promise<Start> {
  const server = await start();
  try {
    const { rssMb, peakRssMb } = server.memory();
    return { seconds: server.readyMs / 1000, rssMb, peakRssMb };
  } finally {
    await server.stop();
  }
}

/** Cold starts of the Lambda's app over s3rver + latency, holding the manifest and every index file it lists. */
async function overS3(ctx: SuiteContext, dir: string, samples: number): Promise<{ starts: Start[]; requests: number }> {
  const manifest = readFileSync(join(dir, 'public/manifest.json'));
  const indexParts = readModelPaths((JSON.parse(manifest.toString('utf8')) as PublicManifest).readModel);
  const s3 = await startS3rver({ buckets: ['paragraf-data'] });
  const proxy = await startLatencyProxy(s3.endpoint, S3_LATENCY_MS);
  try {
    for (const path of indexParts)
      await s3.client.send(
        new PutObjectCommand({
          Bucket: 'paragraf-data',
          Key: `public/${path}`,
          Body: readFileSync(join(dir, 'public', path)),
        }),
      );
    await s3.client.send(
      new PutObjectCommand({
        Bucket: 'paragraf-data',
        Key: 'public/manifest.json',
        Body: manifest,
        ContentType: 'application/json',
      }),
    );
    const starts: Start[] = [];
    let requests = 0;
    for (let i = 0; i < samples; i++) {
      const before = proxy.requests();
      starts.push(
        await coldStart(() =>
          startServer(
            process.execPath,
            (port) => [
              join(ctx.repoRoot, 'bin/run-ts.js'),
              join(ctx.repoRoot, 'bench/lib/api-s3-server.ts'),
              '--endpoint',
              proxy.url,
              '--bucket',
              'paragraf-data',
              '--port',
              String(port),
            ],
            READY,
            600_000,
            ctx.repoRoot,
          ),
        ),
      );
      requests = proxy.requests() - before;
      ctx.log(
        `S3 + ${S3_LATENCY_MS} ms (${indexParts.length} index parts): ready in ${starts.at(-1)!.seconds.toFixed(2)} s, RSS ${starts.at(-1)!.rssMb.toFixed(0)} MB, ${requests} requests`,
      );
    }
    return { starts, requests };
  } finally {
    await proxy.close();
    await s3.stop();
  }
}
