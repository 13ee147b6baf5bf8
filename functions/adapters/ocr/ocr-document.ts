/**
 * The OCR step of PDF extraction: given the text layer's pages, reads the pages that need it (ocr-plan.ts) from their
 * page images and puts the OCR text in their place. Page images are decoded one at a time, a little ahead of the
 * engines (the pool runs one page per core), so a 60-page scan holds a few decoded pages, not sixty.
 */
import type { PageText } from '../../core/records/types.ts';
import type { Ocr, OcrPageText } from '../../ports/ocr.ts';
import type { OcrPageInfo, TextSource } from '../../ports/text-extractor.ts';
import { pageImages } from './pdf-page-images.ts';
import { type OcrPlan, planOcr } from './ocr-plan.ts';

export interface OcrReading {
  pages: PageText[];
  textSource: TextSource;
  /** One entry per page read by OCR. */
  ocrPages: OcrPageInfo[];
  plan: OcrPlan;
}

export async function readWithOcr(bytes: Uint8Array, textPages: readonly PageText[], ocr: Ocr): Promise<OcrReading> {
  const plan = planOcr(textPages);
  const results = plan.pages.length === 0 ? [] : await recognizePages(bytes, plan.pages, ocr);
  const byPage = new Map(results.filter((r) => r.text.trim() !== '').map((r) => [r.number, r]));
  const pages = textPages.map((p) => {
    const read = byPage.get(p.number);
    return read ? { number: p.number, text: read.text } : p;
  });
  const ocrPages = [...byPage.values()].map((r) => ({
    page: r.number,
    confidence: r.confidence,
    uncertainNumbers: r.uncertainNumbers,
    ...(r.skewDegrees !== 0 ? { skewDegrees: r.skewDegrees } : {}),
  }));
  const textSource: TextSource = byPage.size === 0 ? 'text-layer' : byPage.size === textPages.length ? 'ocr' : 'mixed';
  return { pages, textSource, ocrPages, plan };
}

async function recognizePages(bytes: Uint8Array, pages: number[], ocr: Ocr): Promise<OcrPageText[]> {
  // One decoded page waits for each engine that becomes free.
  const lookAhead = 2 * ocr.concurrency;
  const running = new Set<Promise<unknown>>();
  const results: Array<Promise<OcrPageText>> = [];
  for await (const image of pageImages(bytes, pages)) {
    const result = ocr.recognize(image);
    results.push(result);
    const settled: Promise<unknown> = result.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
    // Keep the decoder only a few pages ahead of the engines.
    while (running.size > lookAhead) await Promise.race(running);
  }
  return Promise.all(results);
}
