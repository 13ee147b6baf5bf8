/**
 * Which pages of a PDF to read with OCR, decided from the text layer alone (pure; no I/O):
 * - no text layer: the pages average fewer than {@link MIN_TEXT_CHARS_PER_PAGE} characters (a scan; its stamped page
 *   numbers or "Justerandes sign" are not text enough) → every page;
 * - a damaged text layer (the parser's `assessTextLayer`: e.g. a scanner's own poor OCR layer) → every page;
 * - otherwise, pages that are nearly empty inside a digital protocol (a scanned signature page, an attached letter)
 *   → those pages.
 * Whether a chosen page can be read is decided later: it needs a page image (pdf-page-images.ts).
 */
import { assessTextLayer } from '../../core/parse/text-layer-quality.ts';
import type { PageText } from '../../core/records/types.ts';

/**
 * A PDF whose pages average fewer non-space characters than this has no usable text layer. Scanned protocols often
 * carry a stamped page number or "Justerandes sign" on each page (≈ 10–35 characters); the thinnest real page in
 * the corpus (a cover page) has 40, and real protocols average several hundred per page.
 */
export const MIN_TEXT_CHARS_PER_PAGE = 50;

export type OcrReason = 'no-text-layer' | 'damaged-text-layer' | 'image-pages';

export interface OcrPlan {
  reason: OcrReason | null;
  /** 1-based page numbers, ascending. */
  pages: number[];
  /** From assessTextLayer when it found damage. */
  damage?: string[];
}

export function planOcr(pages: readonly PageText[]): OcrPlan {
  const all = pages.map((p) => p.number);
  if (textCharacters(pages) < MIN_TEXT_CHARS_PER_PAGE * Math.max(1, pages.length))
    return { reason: 'no-text-layer', pages: all };
  const quality = assessTextLayer(pages);
  if (quality.damaged) return { reason: 'damaged-text-layer', pages: all, damage: quality.reasons };
  const thin = pages.filter((p) => textCharacters([p]) < MIN_TEXT_CHARS_PER_PAGE).map((p) => p.number);
  return thin.length > 0 ? { reason: 'image-pages', pages: thin } : { reason: null, pages: [] };
}

export function textCharacters(pages: readonly PageText[]): number {
  let count = 0;
  for (const page of pages) count += page.text.replace(/\s+/gu, '').length;
  return count;
}
