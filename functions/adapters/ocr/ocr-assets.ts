/**
 * Where the OCR engine's files are: tesseract.js (main-thread API), its worker script, the WebAssembly core and the
 * Swedish trained data. Everything is read from local files; nothing is fetched at run time (the engine's default
 * is a CDN, which {@link OcrAssets.langPath} always overrides, and the cache in the working directory is off).
 *
 * - From node_modules (`npm start`, the CLI, tests): the packages tesseract.js, tesseract.js-core and
 *   @tesseract.js-data/swe, resolved like any import.
 * - From a Lambda asset: infra/ocr-asset.ts writes a self-contained folder next to the handler's index.mjs (tesseract.js
 *   and its worker bundled by esbuild, the .wasm cores and the trained data copied) and the stack names it in
 *   OCR_ASSETS_DIR.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OcrAssets {
  /** A module path `require` can load that exports tesseract.js's API (createWorker, OEM, PSM). */
  tesseractModule: string;
  /** The worker script; absent = tesseract.js's own, next to its module. */
  workerPath?: string;
  /** Folder holding swe.traineddata.gz. */
  langPath: string;
}

/** The trained data the engine uses: tessdata_best (integer), LSTM only, from @tesseract.js-data/swe. */
export const TRAINED_DATA_FOLDER = '4.0.0_best_int';
export const LANGUAGE = 'swe';
/** Names inside a bundled asset folder (infra/ocr-asset.ts writes them). */
export const BUNDLED = {
  tesseract: 'tesseract.cjs',
  worker: 'worker.cjs',
  trainedData: `${LANGUAGE}.traineddata.gz`,
} as const;

export class OcrAssetsError extends Error {
  override name = 'OcrAssetsError';
}

/** The engine from the project's node_modules. */
export function installedOcrAssets(): OcrAssets {
  const require = createRequire(import.meta.url);
  try {
    const data = dirname(require.resolve('@tesseract.js-data/swe/package.json'));
    return { tesseractModule: require.resolve('tesseract.js'), langPath: join(data, TRAINED_DATA_FOLDER) };
  } catch (error) {
    throw new OcrAssetsError('OCR needs the npm packages tesseract.js and @tesseract.js-data/swe (npm ci)', {
      cause: error,
    });
  }
}

/** The engine from a folder written by infra/ocr-asset.ts. */
export function bundledOcrAssets(dir: string): OcrAssets {
  const assets = {
    tesseractModule: join(dir, BUNDLED.tesseract),
    workerPath: join(dir, BUNDLED.worker),
    langPath: dir,
  };
  for (const file of [assets.tesseractModule, assets.workerPath, join(dir, BUNDLED.trainedData)]) {
    if (!existsSync(file)) throw new OcrAssetsError(`OCR asset missing: ${file}`);
  }
  return assets;
}

/** OCR_ASSETS_DIR when set (the Lambda), else node_modules. */
export function locateOcrAssets(dir: string | undefined): OcrAssets {
  return dir ? bundledOcrAssets(dir) : installedOcrAssets();
}
