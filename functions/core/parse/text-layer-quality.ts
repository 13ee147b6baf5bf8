/**
 * STAND-IN — issue 11 (the parser) owns this file and writes the real `assessTextLayer`; when its branch is merged,
 * its version replaces this one whole. Only the signature below is relied on by the OCR trigger
 * (functions/adapters/ocr/ocr-plan.ts): `assessTextLayer(pages)` → at least `{ damaged, score, reasons }`.
 *
 * This stand-in recognises only the plainest damage: words that are mostly characters no Swedish text uses (the
 * replacement character, private-use and control code points, which unmapped glyphs turn into).
 */
import type { PageText } from '../records/types.ts';

export interface TextLayerQuality {
  /** True when the text layer should not be trusted (OCR the pages instead, where they have images). */
  damaged: boolean;
  /** 0 (unusable) … 1 (clean). */
  score: number;
  /** Why, in a few words each; empty when clean. */
  reasons: string[];
}

const UNMAPPED = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000E-\u001F]/gu;

export function assessTextLayer(pages: readonly PageText[]): TextLayerQuality {
  let letters = 0;
  let unmapped = 0;
  for (const page of pages) {
    letters += page.text.replace(/\s+/gu, '').length;
    unmapped += page.text.match(UNMAPPED)?.length ?? 0;
  }
  if (letters === 0) return { damaged: false, score: 1, reasons: [] };
  const share = unmapped / letters;
  const damaged = share > 0.05;
  return { damaged, score: Math.max(0, 1 - share * 10), reasons: damaged ? ['unmapped glyphs'] : [] };
}
