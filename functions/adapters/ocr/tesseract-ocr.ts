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
  /**
   * Undo page skew: a page whose text lines slope more than {@link DESKEW_MIN_DEGREES} is read again, turned
   * straight (Leptonica). Default true. Straight pages (most scans) are read once; Tesseract's own line finding copes
   * with the small skew below the threshold.
   */
  deskew?: boolean;
  /** Tesseract's page segmentation mode. Default '3' (automatic layout, as the tesseract command line). */
  pageSegMode?: string;
}

export const DESKEW_MIN_DEGREES = 0.5;

/**
 * A word with at least {@link UNCERTAIN_MIN_DIGITS} digits (enough to be part of a personnummer: a birth date or
 * the last four) read with less than this confidence counts as an uncertain number (OcrPageText.uncertainNumbers).
 * Shorter digit words (a stray "8" in a signature, a page number) cannot hide a personnummer.
 */
export const UNCERTAIN_WORD_CONFIDENCE = 60;
export const UNCERTAIN_MIN_DIGITS = 4;

interface TesseractWorker {
  recognize(
    image: Uint8Array,
    options: Record<string, unknown>,
    output: Record<string, boolean>,
  ): Promise<{ data: RecognizeData }>;
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
      await worker.setParameters({
        user_defined_dpi: String(Math.round(image.dpi)),
        tessedit_pageseg_mode: options.pageSegMode ?? '3',
      });
      const pgm = encodePgm(image.width, image.height, image.data);
      ({ data } = await worker.recognize(pgm, {}, { text: false, blocks: true }));
      const skew = deskew ? textSkew(data.blocks ?? [], image.width) : 0;
      if (Math.abs(skew) >= (DESKEW_MIN_DEGREES * Math.PI) / 180) {
        // Leptonica turns by the opposite of the slope measured with y downwards.
        ({ data } = await worker.recognize(pgm, { rotateRadians: -skew }, { text: false, blocks: true }));
        data.rotateRadians = skew;
      }
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

/**
 * The page's skew in radians (image y down, as Leptonica rotates): the median slope of the baselines of lines wider
 * than a fifth of the page, where a slope is measured well; 0 when there are none.
 */
export function textSkew(blocks: readonly OcrBlock[], pageWidth: number): number {
  const slopes: number[] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const { x0, y0, x1, y1 } = line.baseline;
        if (x1 - x0 > pageWidth / 5) slopes.push(Math.atan2(y1 - y0, x1 - x0));
      }
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  return slopes[Math.floor(slopes.length / 2)]!;
}

function pageText(image: PageImage, data: RecognizeData): OcrPageText {
  const blocks = data.blocks ?? [];
  let uncertainNumbers = 0;
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const digits = word.text.replace(/\D/gu, '').length;
          if (digits >= UNCERTAIN_MIN_DIGITS && word.confidence < UNCERTAIN_WORD_CONFIDENCE) uncertainNumbers++;
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
