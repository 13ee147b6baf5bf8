/**
 * The Ocr port on tesseract.js: Tesseract 5 compiled to WebAssembly, one engine per worker thread. Pure wasm, so the
 * same code runs on a laptop and in an arm64 Lambda with no native binary and no container image.
 *
 * Pages run in parallel on a pool of `workers` engines (default: one per core the process may use). Each engine is
 * started on first use and kept for later pages and later invocations of a warm Lambda; `close()` ends them. An
 * engine that fails is dropped and the page is retried once on a fresh one.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { type Ocr, OcrError, type OcrPageText, type PageImage } from '../../ports/ocr.ts';
import { encodePgm } from './grey-image.ts';
import { LANGUAGE, type OcrAssets } from './ocr-assets.ts';
import { type OcrBlock, ocrPageLines } from './ocr-lines.ts';

export interface TesseractOcrOptions {
  /** The engine's files, or how to find them when the first engine starts (so a cold start never pays for it). */
  assets: OcrAssets | (() => OcrAssets);
  /** Engines running at once. Default: the cores available to this process. */
  workers?: number;
  /** Detect and undo page skew before recognition (Leptonica). Default true. */
  deskew?: boolean;
}

/** A word with a digit below this confidence counts as an uncertain number (OcrPageText.uncertainNumbers). */
export const UNCERTAIN_WORD_CONFIDENCE = 50;

interface TesseractWorker {
  recognize(image: Uint8Array, options: Record<string, unknown>, output: Record<string, boolean>): Promise<{ data: RecognizeData }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

interface RecognizeData {
  confidence: number | null;
  blocks: OcrBlock[] | null;
  rotateRadians?: number | null;
}

interface TesseractModule {
  createWorker(langs: string, oem: number, options: Record<string, unknown>): Promise<TesseractWorker>;
  OEM: { LSTM_ONLY: number };
  PSM: { AUTO: string };
}

export function createTesseractOcr(options: TesseractOcrOptions): Ocr {
  const size = Math.max(1, options.workers ?? availableParallelism());
  const deskew = options.deskew ?? true;
  const idle: TesseractWorker[] = [];
  const waiting: Array<(worker: TesseractWorker) => void> = [];
  const all = new Set<Promise<TesseractWorker>>();
  let started = 0;

  const acquire = async (): Promise<TesseractWorker> => {
    const ready = idle.pop();
    if (ready) return ready;
    if (started < size) {
      started++;
      const pending = startWorker(typeof options.assets === 'function' ? options.assets() : options.assets);
      all.add(pending);
      try {
        return await pending;
      } catch (error) {
        all.delete(pending);
        started--;
        throw error;
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (worker: TesseractWorker): void => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const discard = (worker: TesseractWorker): void => {
    started--;
    for (const p of all) void p.then((w) => w === worker && all.delete(p));
    void worker.terminate().catch(() => undefined);
    // A page waiting for an engine gets a fresh one.
    const next = waiting.shift();
    if (next) void acquire().then(next, () => undefined);
  };

  const run = async (image: PageImage, attempt: number): Promise<OcrPageText> => {
    const worker = await acquire();
    let data: RecognizeData;
    try {
      await worker.setParameters({ user_defined_dpi: String(Math.round(image.dpi)) });
      const pgm = encodePgm(image.width, image.height, image.data);
      ({ data } = await worker.recognize(pgm, { rotateAuto: deskew }, { text: false, blocks: true }));
    } catch (error) {
      discard(worker);
      if (attempt === 0) return run(image, 1);
      throw new OcrError(`OCR of page ${image.page} failed`, { cause: error });
    }
    release(worker);
    return pageText(image, data);
  };

  return {
    concurrency: size,
    recognize: (image) => run(image, 0),
    async close() {
      const workers = await Promise.allSettled([...all]);
      all.clear();
      idle.length = 0;
      started = 0;
      await Promise.allSettled(workers.map((w) => (w.status === 'fulfilled' ? w.value.terminate() : undefined)));
    },
  };
}

async function startWorker(assets: OcrAssets): Promise<TesseractWorker> {
  // A computed specifier: bundlers leave it alone, and the Lambda loads tesseract.js from its asset folder.
  const tesseract = createRequire(import.meta.url)(assets.tesseractModule) as TesseractModule;
  return tesseract.createWorker(LANGUAGE, tesseract.OEM.LSTM_ONLY, {
    langPath: assets.langPath,
    gzip: true,
    // No cache file in the working directory (read-only in Lambda), and never a download.
    cacheMethod: 'none',
    ...(assets.workerPath ? { workerPath: assets.workerPath } : {}),
    workerBlobURL: false,
    legacyCore: false,
    legacyLang: false,
  });
}

function pageText(image: PageImage, data: RecognizeData): OcrPageText {
  const blocks = data.blocks ?? [];
  let uncertainNumbers = 0;
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          if (/\d/u.test(word.text) && word.confidence < UNCERTAIN_WORD_CONFIDENCE) uncertainNumbers++;
        }
      }
    }
  }
  return {
    number: image.page,
    text: ocrPageLines(blocks, image.toPage).join('\n'),
    confidence: Math.round(data.confidence ?? 0),
    uncertainNumbers,
    skewDegrees: Math.round(((data.rotateRadians ?? 0) * 180 * 10) / Math.PI) / 10,
  };
}
