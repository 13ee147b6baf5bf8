import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { esbuildOptions } from '../../infra/bundling.ts';
import { buildOcrAsset } from '../../infra/ocr-asset.ts';
import { handlerEntries } from '../../infra/paragraf-app.ts';
import { imageOnlyPdf, rasterise } from '../../test/support/image-pdf.ts';
import { DEFAULT_MAX_BYTES } from '../../functions/adapters/document-extractor.ts';
import { installedOcrAssets } from '../../functions/adapters/ocr/ocr-assets.ts';
import { createTesseractOcr } from '../../functions/adapters/ocr/tesseract-ocr.ts';
import { parseFile } from '../../functions/cli/parse-file.ts';
import { ensureTools, measureOk, timeCommand } from '../lib/process.ts';
import { interleave, median, round, timeMs } from '../lib/stats.ts';
import type { ResultRow, SuiteContext } from '../lib/types.ts';

/**
 * OCR of a scanned protocol: a real corpus protocol (Alingsås tekniska nämnden, 12 pages) rasterised at 200 dpi grey
 * (pdftoppm) into an image-only PDF, read as `paragraf parse` and ingest read it (pdf.js page images → tesseract.js
 * pool → parser) in a warm process, as a warm Lambda does (the engines started); the first pass of a fresh process
 * (engine start, wasm compilation) is reported apart, and so is a fresh `paragraf parse` process with its peak RSS
 * (GNU time: main thread and engine workers together). Baseline: the `tesseract` command line (Debian
 * tesseract-ocr-swe, native, same Tesseract 5 and Swedish LSTM model size) on the same page images, one process per
 * page with one thread each and as many at once as Paragraf runs engines (the cores), so both use the same CPUs.
 * Passes alternate; the ratio is the median over mirrored pairs. The ingest bundle size is index.mjs plus ocr/.
 */
const SOURCE = 'test/golden/alingsas-tekniska-namnden-2026-05-18.pdf';

export async function run(ctx: SuiteContext): Promise<ResultRow[]> {
  ensureTools(
    [
      { command: 'tesseract', aptPackage: 'tesseract-ocr tesseract-ocr-swe' },
      { command: 'pdftoppm', aptPackage: 'poppler-utils' },
    ],
    ctx.log,
  );
  const last = ctx.quick ? 2 : 12;
  const images = rasterise(join(ctx.repoRoot, SOURCE), { dpi: 200, format: 'pgm', last });
  const dir = join(ctx.workDir, 'scan');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pageFiles = images.map((image, i) => {
    const file = join(dir, `page-${String(i + 1).padStart(2, '0')}.pgm`);
    writeFileSync(file, image.bytes);
    return file;
  });
  const scan = join(dir, 'scan.pdf');
  writeFileSync(scan, imageOnlyPdf(rasterise(join(ctx.repoRoot, SOURCE), { dpi: 200, format: 'jpeg', last })));
  const pages = pageFiles.length;
  const workers = availableParallelism();
  const fresh = await measureOk(process.execPath, [join(ctx.repoRoot, 'bin/paragraf.js'), 'parse', scan], {
    cwd: ctx.repoRoot,
  });
  const ocr = createTesseractOcr({ assets: installedOcrAssets(), workers });
  const paragraf = () => timeMs(() => parseFile(scan, {}, DEFAULT_MAX_BYTES, ocr));
  const first = await paragraf();
  const passes = ctx.quick ? 2 : 6;
  const { subject, baseline, ratios } = await interleave(passes, paragraf, () => tesseractPass(pageFiles, workers));
  await ocr.close();
  ctx.log(`${pages} pages, ${workers} engines, ${passes} passes; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  const bundle = await ingestBundle(ctx);
  const note = `${pages} pages of ${SOURCE} at 200 dpi grey, ${workers} engines / ${workers} tesseract processes; median over ${passes / 2} mirrored pairs`;
  const perSecond = (ms: number) => (pages / ms) * 1000;
  return [
    {
      name: 'ocr.pages-per-second',
      label: 'scan → records, warm engines',
      value: round(perSecond(median(subject))),
      unit: 'pages/s',
      baseline: { tool: 'tesseract CLI (swe)', value: round(perSecond(median(baseline))) },
      note,
    },
    {
      name: 'ocr.time-ratio',
      label: 'scan → records time ÷ tesseract CLI time',
      value: round(median(ratios)),
      unit: '×',
      goal: { op: '<=', target: 1.5 },
      note,
    },
    {
      name: 'ocr.seconds-per-page-per-core',
      label: 'OCR engine time per page and core',
      value: round((median(subject) / 1000 / pages) * workers),
      unit: 's',
      note: 'wall time × engines ÷ pages; sizes the ingest Lambda (infra/ingest-pipeline.ts)',
    },
    {
      name: 'ocr.first-pass-s',
      label: 'scan → records, first pass (engines start)',
      value: round(first / 1000),
      unit: 's',
      note: `${pages} pages, one pass in this process`,
    },
    {
      name: 'ocr.fresh-process-s',
      label: 'paragraf parse of the scan in a fresh process',
      value: round(fresh.wallMs / 1000),
      unit: 's',
      note: `${pages} pages: Node start, pdf.js, engines, OCR, parse`,
    },
    {
      name: 'ocr.peak-rss-mb',
      label: 'peak RSS of paragraf parse on the scan (engines included)',
      value: round(fresh.peakRssMb),
      unit: 'MB',
      note: 'GNU time, fresh process',
    },
    {
      name: 'ocr.ingest-bundle-mb',
      label: 'ingest Lambda asset: index.mjs + ocr/ (unzipped)',
      value: round(bundle.unzipped / 1e6),
      unit: 'MB',
      note: `${round(bundle.zipped / 1e6)} MB zipped (what Lambda stores; limit 250 MB unzipped)`,
    },
  ];
}

/** One tesseract process per page, `parallel` at a time, one thread each (OMP_THREAD_LIMIT=1). */
async function tesseractPass(files: readonly string[], parallel: number): Promise<number> {
  const start = performance.now();
  const queue = [...files];
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const lane = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      await timeCommand('tesseract', [file, '-', '-l', 'swe', '--dpi', '200'], { env });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return performance.now() - start;
}

async function ingestBundle(ctx: SuiteContext): Promise<{ unzipped: number; zipped: number }> {
  const out = join(ctx.workDir, 'ingest-asset');
  rmSync(out, { recursive: true, force: true });
  await build(esbuildOptions(handlerEntries().ingest, join(out, 'index.mjs')));
  await buildOcrAsset(join(out, 'ocr'));
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter(
    (f) => statSync(join(out, f)).isFile() && !f.endsWith('.map'),
  );
  const unzipped = files.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
  const zip = join(ctx.workDir, 'ingest-asset.zip');
  rmSync(zip, { force: true });
  execFileSync('zip', ['-qr9', zip, ...files], { cwd: out });
  return { unzipped, zipped: statSync(zip).size };
}
