/**
 * Scale benchmark of the publisher (docs/publishing.md, "Measured"). Run: `node bin/run-ts.js bench/publish-scale.ts
 * [--small 100] [--large 10000] [--export 30000] [--runs 5] [--work DIR] [--skip-export]`.
 *
 *  1. Generator speed: synthetic archives of --small and --large meetings into filesystem stores.
 *  2. Incremental publish: after the first (full) publish of each store, one new protocol is added and published,
 *     --runs times per store, alternating (the same new unit in every store, so the work per run is the same);
 *     median per store and the ratio large/small. Pure incremental path: autoDumpParagraphs 0 (no dump rewrite).
 *  3. Full export of --export meetings (≈ 13 § each) to CSV in a child process: wall time and peak RSS; compared with
 *     sqlite3 `.mode csv` exporting the same rows from a table, as a yardstick for "how fast can a CSV dump be".
 *
 * Generated stores are kept under --work (default bench/.work/publish-scale) and reused when present. Results are
 * printed and appended to bench/results/publish-scale.json.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FsBlobStore } from '../functions/adapters/fs-blob-store.ts';
import { fixedClock } from '../functions/ports/clock.ts';
import { publishDatasets, type PublishOptions } from '../functions/pipeline/publish-datasets.ts';
import { exportRecords } from '../functions/pipeline/publish/export-records.ts';
import { COMMITTEES } from '../functions/pipeline/synthetic/bodies.ts';
import { generateArchive } from '../functions/pipeline/synthetic/generate-archive.ts';
import { buildMeetingProtocol } from '../functions/pipeline/synthetic/meeting.ts';
import { writeProtocol } from '../functions/pipeline/synthetic/write-protocol.ts';

const root = resolve(import.meta.dirname, '..');
const OPTIONS: PublishOptions = {
  baseUrl: 'https://bench.example.se',
  publisher: { name: 'Bench', organisationNumber: '212000-1355' },
  autoDumpParagraphs: 0,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string', default: '100' },
      large: { type: 'string', default: '10000' },
      export: { type: 'string', default: '30000' },
      runs: { type: 'string', default: '5' },
      work: { type: 'string', default: join(root, 'bench/.work/publish-scale') },
      'skip-export': { type: 'boolean', default: false },
      'child-export': { type: 'string' },
    },
  });
  if (values['child-export']) return childExport(values['child-export'], values.work!);
  const runs = Number(values.runs);
  const result: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const sizes = [Number(values.small), Number(values.large)];
  const dirs = sizes.map((n) => join(values.work!, `m${n}`));
  for (const [i, n] of sizes.entries()) result[`generate_${n}`] = await ensureArchive(dirs[i]!, n);
  const medians = await incrementalMedians(dirs, runs);
  const incremental = Object.fromEntries(sizes.map((n, i) => [n, medians[i]!]));
  for (const n of sizes)
    log(`incremental publish, ${n} meetings in the store: median ${incremental[n]!.toFixed(0)} ms of ${runs}`);
  result.incremental_ms = incremental;
  result.incremental_ratio = incremental[Number(values.large)]! / incremental[Number(values.small)]!;
  log(`ratio ${values.large}/${values.small}: ${(result.incremental_ratio as number).toFixed(2)}`);
  if (!values['skip-export'])
    result.export = await exportBench(join(values.work!, `m${values.export}`), Number(values.export));
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  appendFileSync(join(root, 'bench/results/publish-scale.json'), `${JSON.stringify(result)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Generates the archive unless a complete one is there, then publishes it once (the baseline). */
async function ensureArchive(dir: string, meetings: number): Promise<Record<string, number> | 'reused'> {
  if (existsSync(join(dir, 'public/manifest.json'))) return 'reused';
  rmSync(dir, { recursive: true, force: true });
  const store = new FsBlobStore(dir);
  const t0 = performance.now();
  const s = await generateArchive(store, { meetings });
  const seconds = (performance.now() - t0) / 1000;
  log(
    `generated ${s.meetings} meetings, ${s.paragraphs} § in ${seconds.toFixed(1)} s: ${Math.round(s.meetings / seconds)} meetings/s, ${Math.round(s.paragraphs / seconds)} §/s`,
  );
  const t1 = performance.now();
  await publishDatasets(
    { store, clock: fixedClock('2026-11-27T08:00:00Z') },
    { ...OPTIONS, autoDumpParagraphs: undefined },
  );
  const firstPublish = (performance.now() - t1) / 1000;
  log(`first publish of ${meetings} meetings: ${firstPublish.toFixed(1)} s`);
  return {
    meetings: s.meetings,
    paragraphs: s.paragraphs,
    seconds,
    meetingsPerSecond: s.meetings / seconds,
    firstPublishSeconds: firstPublish,
  };
}

/**
 * Adds one meeting of a new unit (a body-year no store has: 2030 and later) to each store and publishes it, `runs`
 * times, alternating between the stores so that JIT warm-up and page-cache state do not favour one of them (a first,
 * untimed round warms up). The same meetings go into every store, so the only difference is what else they hold.
 */
async function incrementalMedians(dirs: readonly string[], runs: number): Promise<number[]> {
  const times: number[][] = dirs.map(() => []);
  const counters = dirs.map((dir) =>
    existsSync(join(dir, 'bench-runs')) ? Number(readFileSync(join(dir, 'bench-runs'), 'utf8')) : 0,
  );
  const clock = fixedClock('2026-11-28T08:00:00Z');
  for (let round = 0; round <= runs; round++) {
    for (const [i, dir] of dirs.entries()) {
      const ms = await addAndPublish(new FsBlobStore(dir), counters[i]!++, clock);
      if (round > 0) times[i]!.push(ms);
    }
  }
  dirs.forEach((dir, i) => writeFileSync(join(dir, 'bench-runs'), String(counters[i])));
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

async function addAndPublish(store: FsBlobStore, n: number, clock: ReturnType<typeof fixedClock>): Promise<number> {
  const date = `${2030 + Math.floor(n / 12)}-${String(1 + (n % 12)).padStart(2, '0')}-14`;
  const spec = {
    municipality: 'Ydre',
    body: COMMITTEES[1]!,
    date,
    firstNumber: 1 + (n % 12) * 12,
    paragraphCount: 12,
    bodySeed: 99,
    caseStyle: 'dotted' as const,
  };
  const protocol = buildMeetingProtocol(spec, 7);
  await writeProtocol(store, protocol, {
    at: clock.now(),
    sha256: protocol.meeting.source.sha256,
    fileName: `${protocol.meeting.id}.pdf`,
  });
  clock.advance(60_000);
  const t0 = performance.now();
  const s = await publishDatasets({ store, clock }, OPTIONS);
  const ms = performance.now() - t0;
  if (!s.changed || s.units.rebuilt !== 1) throw new Error(`expected one rebuilt unit, got ${JSON.stringify(s.units)}`);
  return ms;
}

async function exportBench(dir: string, meetings: number): Promise<Record<string, unknown>> {
  if (!existsSync(join(dir, 'records'))) {
    const store = new FsBlobStore(dir);
    const t0 = performance.now();
    const s = await generateArchive(store, {
      meetings,
      onProgress: (d) => d % 5000 === 0 && log(`generate ${d}/${meetings}`),
    });
    log(`generated ${s.meetings} meetings, ${s.paragraphs} § in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const out = join(dir, '..', 'export.csv');
  const child = await run('node', [
    join(root, 'bin/run-ts.js'),
    join(root, 'bench/publish-scale.ts'),
    '--child-export',
    out,
    '--work',
    dir,
  ]);
  const measured = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    ms: number;
    maxRssMb: number;
    bytes: number;
  };
  // Rows, not lines: a § text can span lines.
  const rows = Number(execFileSync('sh', ['-c', `grep -c '^[a-z0-9-]*,https://' ${out}`]).toString());
  log(
    `export: ${rows} § rows, ${(measured.bytes / 1e6).toFixed(0)} MB CSV in ${(measured.ms / 1000).toFixed(1)} s, peak RSS ${measured.maxRssMb.toFixed(0)} MB`,
  );
  return { meetings, rows, ...measured, sqlite: sqliteBench(dir) };
}

/** The child: exports every § to CSV from the records, reports wall time and peak RSS (its own process). */
async function childExport(out: string, dir: string): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const t0 = performance.now();
  await pipeline(
    Readable.from(
      exportRecords(new FsBlobStore(dir), {
        table: 'paragraphs',
        format: 'csv',
        partition: 'all',
        baseUrl: OPTIONS.baseUrl,
      }),
    ),
    createWriteStream(out),
  );
  const ms = performance.now() - t0;
  process.stdout.write(
    `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size })}\n`,
  );
}

/**
 * Loads the same § rows into SQLite once (from the NDJSON export of the table, via Python's sqlite3 module), then
 * times `sqlite3 .mode csv` writing the whole table; GNU time reports its peak RSS.
 */
function sqliteBench(dir: string): Record<string, number> {
  const db = join(dir, '..', 'export.sqlite');
  if (!existsSync(db)) {
    const ndjson = join(dir, '..', 'export-rows.ndjson');
    execFileSync(
      'node',
      [
        join(root, 'bin/paragraf.js'),
        'export',
        '--data',
        dir,
        '--format',
        'ndjson',
        '--base-url',
        OPTIONS.baseUrl,
        '--out',
        ndjson,
      ],
      { stdio: 'inherit' },
    );
    execFileSync('python3', ['-c', LOAD_SQLITE, ndjson, db], { stdio: 'inherit' });
  }
  const out = join(dir, '..', 'export-sqlite.csv');
  const t0 = performance.now();
  const timed = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      'sqlite3',
      db,
      '-cmd',
      '.mode csv',
      '-cmd',
      '.headers on',
      '-cmd',
      `.output ${out}`,
      'select * from paragraphs;',
    ],
    { encoding: 'utf8' },
  );
  const ms = performance.now() - t0;
  if (timed.status !== 0) throw new Error(`sqlite3 failed: ${timed.stderr}`);
  const maxRssMb = Number(timed.stderr.trim().split('\n').pop()) / 1024;
  log(`sqlite3 .mode csv: ${(ms / 1000).toFixed(1)} s, peak RSS ${maxRssMb.toFixed(0)} MB`);
  return { ms, maxRssMb, bytes: statSync(out).size };
}

const LOAD_SQLITE = `
import json, sqlite3, sys
rows = (json.loads(line) for line in open(sys.argv[1], encoding='utf-8'))
first = json.loads(open(sys.argv[1], encoding='utf-8').readline())
cols = list(first.keys())
con = sqlite3.connect(sys.argv[2])
con.execute('create table paragraphs (%s)' % ', '.join('"%s"' % c for c in cols))
flat = lambda v: ' | '.join(v) if isinstance(v, list) else v
con.executemany('insert into paragraphs values (%s)' % ', '.join('?' for _ in cols), ([flat(r[c]) for c in cols] for r in rows))
con.commit()
`;

function run(cmd: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => (code === 0 ? done({ stdout }) : fail(new Error(`${cmd} exited ${code}`))));
  });
}

function log(line: string): void {
  process.stderr.write(`publish-scale: ${line}\n`);
}

await main();
