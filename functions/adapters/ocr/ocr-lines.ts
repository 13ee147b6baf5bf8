/**
 * Tesseract's result (blocks → paragraphs → lines → words → symbols, boxes in image pixels) → page text the parser
 * reads exactly like a text layer: every word becomes a positioned run in page units (PDF points, y up) and the
 * text layer's own {@link layoutLines} puts them in reading order, joins what sits on one baseline (a cover page's
 * label and value columns, which Tesseract finds as separate blocks) and marks column gaps with three spaces.
 *
 * One correction is made here, because every protocol depends on it and only the glyph boxes can tell: Tesseract's
 * Swedish model often reads the section sign as "8" (or "S", "$"): "§ 94" comes out as "894". A § reaches below the
 * baseline like a descender; a digit 8, an S or a $ (whose stroke stays inside the line) does not. A symbol read as
 * one of these, next to a digit or alone before a number, whose box ends clearly below the line's baseline is a §.
 */
import type { TextRun } from '../pdf-layout.ts';
import { layoutLines } from '../pdf-layout.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrSymbol {
  text: string;
  bbox: Box;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: Box;
  symbols?: OcrSymbol[] | null;
}

export interface OcrLine {
  text: string;
  baseline: Box;
  rowAttributes?: { rowHeight: number; descenders: number; ascenders: number } | null;
  bbox: Box;
  words: OcrWord[];
}

export interface OcrBlock {
  paragraphs: Array<{ lines: OcrLine[] }>;
}

export type ToPage = readonly [number, number, number, number, number, number];

/** Symbols Tesseract puts where a § is printed. */
const SECTION_LOOKALIKES = new Set(['8', 'S', 's', '$']);
/** How far below the baseline (in row heights) a symbol must reach to be a §; digits end within ≈ 0.05. */
const SECTION_DESCENT = 0.12;

export function ocrPageLines(blocks: readonly OcrBlock[], toPage: ToPage): string[] {
  const runs: TextRun[] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) runs.push(...lineRuns(line, toPage));
    }
  }
  return layoutLines(runs);
}

function lineRuns(line: OcrLine, toPage: ToPage): TextRun[] {
  const rowHeight = line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0;
  const fontPixels = rowHeight + (line.rowAttributes?.descenders ?? 0);
  const [a, b, c, d, e, f] = toPage;
  const scale = Math.hypot(c, d) || 1;
  const runs: TextRun[] = [];
  line.words.forEach((word, index) => {
    const text = readSectionSigns(word, line, rowHeight, line.words[index + 1]);
    if (text.trim() === '') return;
    const baseY = baselineAt(line.baseline, (word.bbox.x0 + word.bbox.x1) / 2);
    const x = a * word.bbox.x0 + c * baseY + e;
    const y = b * word.bbox.x0 + d * baseY + f;
    const width = Math.hypot(a, b) * (word.bbox.x1 - word.bbox.x0);
    runs.push({ str: text, x, y, width, height: fontPixels * scale });
  });
  return runs;
}

/** The word's text with section signs restored (see the module comment). */
export function readSectionSigns(word: OcrWord, line: OcrLine, rowHeight: number, next?: OcrWord): string {
  const symbols = word.symbols ?? [];
  if (symbols.length === 0 || !symbols.some((s) => SECTION_LOOKALIKES.has(s.text))) return word.text;
  let text = '';
  symbols.forEach((symbol, i) => {
    const before = symbols[i - 1];
    const after = symbols[i + 1];
    const nextToNumber =
      isDigit(before?.text) ||
      isDigit(after?.text) ||
      (symbols.length === 1 && next !== undefined && /^\d/u.test(next.text));
    const descent = symbol.bbox.y1 - baselineAt(line.baseline, (symbol.bbox.x0 + symbol.bbox.x1) / 2);
    if (SECTION_LOOKALIKES.has(symbol.text) && nextToNumber && descent > SECTION_DESCENT * rowHeight) {
      // "§94" is printed "§ 94" when the gap after the sign is wider than a letter space.
      const gap = after && isDigit(after.text) ? after.bbox.x0 - symbol.bbox.x1 : 0;
      text += gap > 0.2 * rowHeight ? '§ ' : '§';
    } else {
      text += symbol.text;
    }
  });
  return text;
}

function isDigit(text: string | undefined): boolean {
  return text !== undefined && /^\d$/u.test(text);
}

/** The baseline's y at x (Tesseract gives it as a segment; skewed lines slope). */
function baselineAt(baseline: Box, x: number): number {
  const dx = baseline.x1 - baseline.x0;
  if (dx === 0) return baseline.y1;
  return baseline.y0 + ((baseline.y1 - baseline.y0) * (x - baseline.x0)) / dx;
}
