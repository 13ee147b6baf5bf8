import { readFileSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { corpusPdfs } from '../lib/corpus.ts';
import { bombPdf, textPdf, writeFileStreaming } from '../lib/hostile-pdf.ts';
import { ensureTools, measureCommand, type Measured } from '../lib/process.ts';
import { round } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * Ingest under hostile and huge input (issue 14): each case is one `paragraf ingest` in a fresh process, measured from
 * outside (GNU time: wall time, peak RSS). The baseline in the same run is the ingest of a real corpus protocol; the
 * time ratio is case ÷ baseline. The goal is the issue's: peak RSS ≤ 1 GiB for any input, every case quarantined with
 * its reason.
 *  - bomb: a ~3 MB PDF whose Flate streams inflate to 3 GiB (expands-too-much, refused before pdf.js opens it);
 *  - much-text: a sub-MB PDF with 300 MB of text (too-much-text, stopped at the text limit);
 *  - many-pages: a PDF of 20,000 pages (too-many-pages, refused before a page is read);
 *  - huge-file: a 1 GiB file (too-large from its stat; hashed and kept as an original by streaming).
 * Quick runs use a third of the sizes.
 */
const MiB = 1024 * 1024;

interface Case {
  name: string;
  label: string;
  file: string;
  reason: string;
}

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  ensureTools([{ command: '/usr/bin/time', aptPackage: 'time' }], ctx.log);
  const scale = ctx.quick ? 1 / 3 : 1;
  const cases: Case[] = [
    {
      name: 'bomb',
      label: `decompression bomb (${Math.round(3 * scale * 1024)} MiB inflated)`,
      file: join(ctx.workDir, 'bomb.pdf'),
      reason: 'expands-too-much',
    },
    {
      name: 'much-text',
      label: `PDF with ${Math.round(300 * scale)} MB of text`,
      file: join(ctx.workDir, 'much-text.pdf'),
      reason: 'too-much-text',
    },
    {
      name: 'many-pages',
      label: 'PDF of 20,000 pages',
      file: join(ctx.workDir, 'many-pages.pdf'),
      reason: 'too-many-pages',
    },
    {
      name: 'huge-file',
      label: `${Math.round(1024 * scale)} MiB file`,
      file: join(ctx.workDir, 'huge-file.pdf'),
      reason: 'too-large',
    },
  ];
  await writeFileStreaming(cases[0]!.file, bombPdf({ inflatedBytes: Math.round(3 * 1024 * scale) * MiB }));
  await writeFileStreaming(cases[1]!.file, textPdf(2000, Math.round(150_000 * scale)));
  await writeFileStreaming(cases[2]!.file, textPdf(20_000, 50));
  await sparseFile(cases[3]!.file, Math.round(1024 * scale) * MiB);
  for (const c of cases) ctx.log(`${c.name}: ${(statSync(c.file).size / MiB).toFixed(2)} MiB on disk`);

  const baselineFile = corpusPdfs(ctx.repoRoot).sort((a, b) => statSync(a.path).size - statSync(b.path).size)[0]!;
  const baseline = await ingest(ctx, baselineFile.path, 'baseline');
  const rows: ResultRow[] = [
    {
      name: 'limits.baseline.peak-rss-mb',
      label: `ingest of a corpus protocol (${baselineFile.name}), peak RSS`,
      value: round(baseline.m.peakRssMb),
      unit: 'MB',
      note: 'GNU time, fresh process',
    },
    {
      name: 'limits.baseline.wall-ms',
      label: 'ingest of a corpus protocol, wall time',
      value: round(baseline.m.wallMs),
      unit: 'ms',
    },
  ];
  for (const c of cases) {
    const { m, line } = await ingest(ctx, c.file, c.name);
    if (!line.includes(`${c.reason}:`))
      throw new Error(`${c.name}: expected quarantine reason ${c.reason}, got: ${line}`);
    ctx.log(`${c.name}: ${line.trim()} — peak ${round(m.peakRssMb)} MB, ${round(m.wallMs)} ms`);
    rows.push(
      {
        name: `limits.${c.name}.peak-rss-mb`,
        label: `${c.label}: peak RSS (quarantined ${c.reason})`,
        value: round(m.peakRssMb),
        unit: 'MB',
        goal: { op: '<=', target: 1024 },
        note: 'GNU time, fresh process',
      },
      {
        name: `limits.${c.name}.time-ratio`,
        label: `${c.label}: wall time ÷ ingest of a corpus protocol`,
        value: round(m.wallMs / baseline.m.wallMs),
        unit: '×',
        note: `${round(m.wallMs)} ms vs ${round(baseline.m.wallMs)} ms, same run`,
      },
    );
  }
  // The huge file and the original kept of it take a GiB each; nothing else of this suite is worth keeping.
  await rm(ctx.workDir, { recursive: true, force: true });
  return rows;
}

async function ingest(ctx: SuiteContext, file: string, name: string): Promise<{ m: Measured; line: string }> {
  const out = join(ctx.workDir, `${name}.out`);
  const m = await measureCommand(
    process.execPath,
    [join(ctx.repoRoot, 'bin/paragraf.js'), 'ingest', file, '--data', join(ctx.workDir, `store-${name}`), '--no-ocr'],
    {
      cwd: ctx.repoRoot,
      stdoutFile: out,
    },
  );
  if (m.code > 1)
    throw new Error(`paragraf ingest ${name} exited ${m.code}: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { m, line: readFileSync(out, 'utf8').split('\n')[0] ?? '' };
}

/** A file of `size` zero bytes that takes no disk space until read (ftruncate). */
async function sparseFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(size);
  await handle.close();
}
