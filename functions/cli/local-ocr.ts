import { locateOcrAssets } from '../adapters/ocr/ocr-assets.ts';
import { createTesseractOcr } from '../adapters/ocr/tesseract-ocr.ts';
import type { Ocr } from '../ports/ocr.ts';

/** `--no-ocr` in the commands that read PDFs. */
export const OCR_HELP = '  --no-ocr                refuse scans (no-text-layer) instead of reading them with OCR';

/**
 * Runs `work` with the OCR engine (or without, when disabled) and ends its workers afterwards, so the command exits.
 * Engines start only when a page needs them: digital PDFs never pay for OCR.
 */
export async function withLocalOcr<T>(enabled: boolean, work: (ocr: Ocr | undefined) => Promise<T>): Promise<T> {
  if (!enabled) return work(undefined);
  const ocr = createTesseractOcr({ assets: locateOcrAssets(process.env.OCR_ASSETS_DIR) });
  try {
    return await work(ocr);
  } finally {
    await ocr.close();
  }
}
