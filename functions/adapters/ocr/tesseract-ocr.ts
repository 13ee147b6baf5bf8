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
  const waiting: Array<{ resolve: (w: TesseractWorker) => void; reject: (e: unknown) => void }> = [];
  const live = new Set<TesseractWorker>();
  const starting = new Set<Promise<TesseractWorker>>();

  const acquire = async (): Promise<TesseractWorker> => {
    const ready = idle.pop();
    if (ready) return ready;
    if (live.size + starting.size >= size) return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    const pending = startWorker(typeof options.assets === 'function' ? options.assets() : options.assets);
    starting.add(pending);
    try {
      const worker = await pending;
      live.add(worker);
      return worker;
    } finally {
      starting.delete(pending);
    }
  };
  const release = (worker: TesseractWorker): void => {
    const next = waiting.shift();
    if (next) next.resolve(worker);
    else idle.push(worker);
  };
  /** A failed engine is ended; a page waiting for an engine gets a fresh one. */
  const discard = (worker: TesseractWorker): void => {
    live.delete(worker);
    void worker.terminate().catch(() => undefined);
    const next = waiting.shift();
    if (next) acquire().then(next.resolve, next.reject);
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
      const started = await Promise.allSettled([...starting]);
      for (const result of started) if (result.status === 'fulfilled') live.add(result.value);
      const workers = [...live];
      live.clear();
      idle.length = 0;
      await Promise.allSettled(workers.map((w) => w.terminate()));
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
