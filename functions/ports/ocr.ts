import type { PageText } from '../core/records/types.ts';

/**
 * Optical character recognition of page images. The extractor hands over decoded pixels (a scanned page is an image
 * embedded in the PDF: no renderer is needed to get it), the engine returns page text in reading order, in the same
 * shape as a text layer's page, plus how sure it is.
 */

/** A decoded page image: 8-bit grey, RGB or RGBA, rows top to bottom, no padding. */
export interface PageImage {
  /** 1-based page number in the source document. */
  page: number;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
  /**
   * Where the image sits on the page: image pixel (x, y) with y downwards maps to page point
   * (x·a + y·c + e, x·b + y·d + f) in PDF user space (y upwards). Lines are laid out in page units, as the text
   * layer's lines are.
   */
  toPage: readonly [a: number, b: number, c: number, d: number, e: number, f: number];
  /** Pixels per inch the image was scanned at (from its size on the page); tells the engine the glyph size. */
  dpi: number;
}

/** An OCR'd page: PageText plus the engine's confidence. */
export interface OcrPageText extends PageText {
  /** Mean word confidence of the page, 0–100 (0 when nothing was recognised). */
  confidence: number;
  /** Words with a digit whose confidence is under the engine's word threshold: where a misread number may hide. */
  uncertainNumbers: number;
  /** Skew the engine corrected, in degrees (0 when none). */
  skewDegrees: number;
}

export interface Ocr {
  /** Pages recognised at once (the pool size): callers decode this many pages ahead, not more. */
  readonly concurrency: number;
  /** Recognises one page image. Calls may overlap: an implementation runs them on a pool of workers. */
  recognize(image: PageImage): Promise<OcrPageText>;
  /** Ends the workers. Further calls start them again. */
  close(): Promise<void>;
}

export class OcrError extends Error {
  override name = 'OcrError';
}
