import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { publishDatasets, type PublishOptions } from '../../functions/pipeline/publish-datasets.ts';
import { COMMITTEES } from '../../functions/pipeline/synthetic/bodies.ts';
import { buildMeetingProtocol, type MeetingSpec } from '../../functions/pipeline/synthetic/meeting.ts';
import { writeProtocol } from '../../functions/pipeline/synthetic/write-protocol.ts';
import { ensurePublishedArchive } from '../lib/archive.ts';
import { interleave, median, pairedRatios, round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * Incremental publish: one new protocol into a published archive of 100 meetings and into one of 30,000, alternately,
 * in this process (publishDatasets, as the publish Lambda and `paragraf publish` run it, without process start-up
 * in the timing). The same new meeting goes into both stores, in a unit (body-year) neither has, so the work that
 * must be done is the same and any difference is what the archive's size costs. Publishes take 0.1–0.3 s and the
 * machine is noisy, so there are 22 passes (11 mirrored pairs). `autoDumpParagraphs: 0`: the
 * optional "all" dump, which the CLI rewrites for archives under 20,000 §, is left out of both (as in
 * bench/publish-scale.ts, the publisher's own script, whose method this follows).
 *
 * The archives live in bench/.work/archives/publish-* (generated and fully published once, with `paragraf`); each
 * run adds its meetings there, and a counter file says where the next run starts.
 */
const OPTIONS: PublishOptions = {
  baseUrl: 'https://bench.example.se',
  publisher: { name: 'Bench', organisationNumber: '212000-1355' },
  autoDumpParagraphs: 0,
};

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  const sizes = ctx.quick ? [100, 1_000] : [100, 30_000];
  const small = await publishedStore(ctx, sizes[0]!);
  const large = await publishedStore(ctx, sizes[1]!);
  const runs = ctx.quick ? 4 : 22;
  const counter = join(ctx.repoRoot, 'bench/.work/archives/publish-new-units');
  const start = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
  const clock = fixedClock(new Date());
  const next = { [small]: start, [large]: start };
  const cpu: Record<string, number[]> = { [small]: [], [large]: [] };
  const publishOne = async (dir: string): Promise<number> => {
    const { ms, cpuMs } = await publishNewMeeting(dir, next, clock);
    cpu[dir]!.push(cpuMs);
    writeFileSync(counter, String(Math.max(...Object.values(next))));
    return ms;
  };
  await publishOne(small); // warm-up: the first publish in a process also compiles the code
  await publishOne(large);
  const { subject, baseline, ratios } = await interleave(
    runs,
    () => publishOne(large),
    () => publishOne(small),
  );
  const cpuRatios = pairedRatios(cpu[large]!.slice(1), cpu[small]!.slice(1));
  ctx.log(
    `small ${baseline.map((t) => t.toFixed(0)).join(' ')} ms; large ${subject.map((t) => t.toFixed(0)).join(' ')} ms; CPU ratios ${cpuRatios.map((r) => r.toFixed(2)).join(' ')}`,
  );
  const note = `${runs} alternating publishes of one 12-§ protocol each, median over mirrored pairs; autoDumpParagraphs 0`;
  return [
    {
      name: 'publish.incremental-ms',
      label: `incremental publish, ${sizes[1]} meetings`,
      value: round(median(subject)),
      unit: 'ms',
      baseline: { tool: `same, ${sizes[0]} meetings`, value: round(median(baseline)) },
      note,
    },
    {
      name: 'publish.scale-ratio',
      label: `incremental publish, ${sizes[1]} ÷ ${sizes[0]} meetings`,
      value: round(median(ratios)),
      unit: '×',
      goal: { op: '<=', target: 1.2 },
      note,
    },
    {
      name: 'publish.scale-ratio-cpu',
      label: `incremental publish CPU time, ${sizes[1]} ÷ ${sizes[0]} meetings`,
      value: round(median(cpuRatios)),
      unit: '×',
      note: `${note}; CPU time of this process (excludes waiting for fsync)`,
    },
  ];
}

/**
 * Adds the store's next new meeting and publishes it; the publish time. A meeting already in the store (from an
 * earlier run whose counter was not saved) is skipped, so both stores always receive a meeting they lack.
 */
async function publishNewMeeting(
  dir: string,
  next: Record<string, number>,
  clock: ReturnType<typeof fixedClock>,
): Promise<{ ms: number; cpuMs: number }> {
  const store = new FsBlobStore(dir);
  for (;;) {
    const protocol = buildMeetingProtocol(newMeeting(next[dir]!++), 7);
    const at = clock.now();
    clock.advance(60_000);
    const written = await writeProtocol(store, protocol, {
      at,
      sha256: protocol.meeting.source.sha256,
      fileName: `${protocol.meeting.id}.pdf`,
    });
    if (written.status === 'ingested') break;
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  const summary = await publishDatasets({ store, clock }, OPTIONS);
  const { user, system } = process.cpuUsage(cpu);
  const ms = performance.now() - start;
  if (summary.units.rebuilt !== 1) throw new Error(`expected one rebuilt unit, got ${JSON.stringify(summary.units)}`);
  return { ms, cpuMs: (user + system) / 1000 };
}

/** Small municipalities whose new units the suite opens, one meeting each, in years the generator never uses. */
const NEW_UNIT_MUNICIPALITIES = [
  'Ydre',
  'Boxholm',
  'Dorotea',
  'Sorsele',
  'Bjurholm',
  'Åsele',
  'Arjeplog',
  'Gnosjö',
  'Vilhelmina',
  'Storuman',
];
/** The dates Paragraf handles end in 2199 (the holiday table behind the appeal deadline). */
const NEW_UNIT_YEARS = { first: 2040, count: 160 };
const NEW_UNIT_CAPACITY = NEW_UNIT_MUNICIPALITIES.length * NEW_UNIT_YEARS.count;

/**
 * Meeting `index`: a barn- och ungdomsnämnd meeting that opens a unit (municipality-body-year) no archive has, so
 * both stores always rebuild a unit of exactly one meeting, however many runs came before. 1,600 such units are
 * enough for ~70 full runs; then the publish archives must be deleted (they are rebuilt).
 */
function newMeeting(index: number): MeetingSpec {
  if (index >= NEW_UNIT_CAPACITY)
    throw new Error(
      `all ${NEW_UNIT_CAPACITY} new units are used: delete bench/.work/archives/publish-* and publish-new-units`,
    );
  const municipality = NEW_UNIT_MUNICIPALITIES[Math.floor(index / NEW_UNIT_YEARS.count)]!;
  const year = NEW_UNIT_YEARS.first + (index % NEW_UNIT_YEARS.count);
  return {
    municipality,
    body: COMMITTEES[1]!,
    date: `${year}-03-14`,
    firstNumber: 1,
    paragraphCount: 12,
    bodySeed: 99,
    caseStyle: 'dotted',
  };
}

/** A published archive of its own (this suite adds meetings to it), rebuilt when generator or publisher change. */
async function publishedStore(ctx: SuiteContext, meetings: number): Promise<string> {
  return (await ensurePublishedArchive(ctx, meetings, { name: `publish-${meetings}`, baseUrl: OPTIONS.baseUrl })).dir;
}
