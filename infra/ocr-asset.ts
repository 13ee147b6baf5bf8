/**
 * The OCR engine's folder inside the ingest function's asset (`ocr/` next to index.mjs), written after esbuild has
 * bundled the handler (NodejsFunction commandHooks, infra/ingest-pipeline.ts). Self-contained: the function's asset
 * has no node_modules, so
 *  - tesseract.cjs  tesseract.js's API bundled as CommonJS (it locates files through __dirname, which an ES module
 *                   bundle lacks; functions/adapters/ocr/tesseract-ocr.ts loads it by path);
 *  - worker.cjs     tesseract.js's worker-thread script with the wasm cores' JavaScript loaders;
 *  - *.wasm         the Tesseract cores (plain, SIMD, relaxed SIMD: the worker picks what the CPU and Node offer).
 *                   tesseract.js 7's Node worker passes a boolean where its core chooser expects an engine mode,
 *                   so it always loads the cores built with both engines (it still runs LSTM only); the test
 *                   that runs OCR from a synthesized asset fails if that ever changes;
 *  - swe.traineddata.gz  the Swedish model from @tesseract.js-data/swe.
 * All of it is WebAssembly and JavaScript: the same files run on arm64 and x86_64.
 *
 * Run as a script: `node bin/run-ts.js infra/ocr-asset.ts OUT_DIR`.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED, TRAINED_DATA_FOLDER } from '../functions/adapters/ocr/ocr-assets.ts';

const require = createRequire(import.meta.url);
/** The cores the worker may load (its getCore picks by CPU features). */
export const WASM_CORES = ['tesseract-core.wasm', 'tesseract-core-simd.wasm', 'tesseract-core-relaxedsimd.wasm'];

export async function buildOcrAsset(outDir: string): Promise<{ files: string[]; bytes: number }> {
  mkdirSync(outDir, { recursive: true });
  const esbuild = await import('esbuild');
  const tesseractDir = dirname(require.resolve('tesseract.js/package.json'));
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node22',
    minify: true,
    logLevel: 'warning' as const,
    // node-fetch's optional text-encoding helper; fetch is global in every Node the functions run on.
    external: ['encoding'],
  };
  await esbuild.build({
    ...common,
    entryPoints: [join(tesseractDir, 'src/index.js')],
    outfile: join(outDir, BUNDLED.tesseract),
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(tesseractDir, 'src/worker-script/node/index.js')],
    outfile: join(outDir, BUNDLED.worker),
  });
  const coreDir = dirname(require.resolve('tesseract.js-core/package.json'));
  for (const wasm of WASM_CORES) copyFileSync(join(coreDir, wasm), join(outDir, wasm));
  const dataDir = join(dirname(require.resolve('@tesseract.js-data/swe/package.json')), TRAINED_DATA_FOLDER);
  copyFileSync(join(dataDir, BUNDLED.trainedData), join(outDir, BUNDLED.trainedData));
  const files = readdirSync(outDir).sort();
  return { files, bytes: files.reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node bin/run-ts.js infra/ocr-asset.ts OUT_DIR\n');
    process.exit(2);
  }
  const { files, bytes } = await buildOcrAsset(resolve(out));
  process.stdout.write(`ocr asset: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${out}\n`);
}
