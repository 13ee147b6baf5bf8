import { describe, expect, it } from 'vitest';
import {
  type OcrBlock,
  type OcrLine,
  type OcrWord,
  ocrPageLines,
  readSectionSigns,
} from '../../functions/adapters/ocr/ocr-lines.ts';

/** A word at x with one symbol per character; `drop` lists symbol indexes that reach below the baseline (a §). */
function word(text: string, x: number, baseline: number, drop: number[] = [], confidence = 95): OcrWord {
  const symbols = [...text].map((ch, i) => ({
    text: ch,
    bbox: {
      x0: x + i * 16 + (i > 0 && drop.includes(0) ? 10 : 0),
      y0: baseline - 22,
      x1: x + i * 16 + 14 + (i > 0 && drop.includes(0) ? 10 : 0),
      y1: baseline + (drop.includes(i) ? 6 : 0),
    },
  }));
  return {
    text,
    confidence,
    bbox: { x0: x, y0: baseline - 22, x1: symbols.at(-1)!.bbox.x1, y1: baseline + 6 },
    symbols,
  };
}

function line(words: OcrWord[], baseline: number): OcrLine {
  const x0 = words[0]!.bbox.x0;
  const x1 = words.at(-1)!.bbox.x1;
  return {
    text: words.map((w) => w.text).join(' '),
    baseline: { x0, y0: baseline, x1, y1: baseline },
    rowAttributes: { rowHeight: 29, descenders: 6, ascenders: 6 },
    bbox: { x0, y0: baseline - 22, x1, y1: baseline + 6 },
    words,
  };
}

/** 200 dpi image on an A4 page: 0.36 pt per pixel, y flipped. */
const TO_PAGE = [0.36, 0, 0, -0.36, 0, 842] as const;

describe('readSectionSigns: a § read as 8, S or $ is restored from its descent below the baseline', () => {
  it('turns "894" whose 8 reaches below the baseline into "§ 94" (a gap after the sign keeps the space)', () => {
    const w = word('894', 100, 400, [0]);
    expect(readSectionSigns(w, line([w], 400), 29)).toBe('§ 94');
  });

  it('keeps a real 8, which sits on the baseline', () => {
    const w = word('894', 100, 400);
    expect(readSectionSigns(w, line([w], 400), 29)).toBe('894');
  });

  it('restores "S" or "$" alone before a number ("S 12") and a suffix sign ("16 $" → "16 §")', () => {
    const sign = word('S', 100, 400, [0]);
    const number = word('12', 140, 400);
    expect(readSectionSigns(sign, line([sign, number], 400), 29, number)).toBe('§');
    const suffix = word('16$', 100, 400, [2]);
    expect(readSectionSigns(suffix, line([suffix], 400), 29)).toBe('16§');
  });

  it('leaves letters alone: an S in a word is not next to a digit', () => {
    const w = word('Sammanträde', 100, 400, [0]);
    expect(readSectionSigns(w, line([w], 400), 29)).toBe('Sammanträde');
  });
});

describe('ocrPageLines: OCR words laid out like a text layer', () => {
  it('puts lines in reading order and joins label and value blocks on one baseline with a column gap', () => {
    const blocks: OcrBlock[] = [
      { paragraphs: [{ lines: [line([word('Plats', 100, 300), word('och', 190, 300), word('tid', 250, 300)], 300)] }] },
      { paragraphs: [{ lines: [line([word('Stadshuset', 700, 301)], 301)] }] },
      { paragraphs: [{ lines: [line([word('894', 100, 200, [0]), word('Cykelplan', 200, 200)], 200)] }] },
    ];
    expect(ocrPageLines(blocks, TO_PAGE)).toEqual(['§ 94 Cykelplan', 'Plats och tid   Stadshuset']);
  });

  it('follows a sloped baseline, so a skewed line stays one line', () => {
    // 2° of skew over a 300-pixel line: 10 pixels, a third of the row height, more than the row tolerance.
    const words = [word('Beslut', 100, 400), word('fattas', 205, 404), word('idag', 310, 408), word('kl.', 385, 410)];
    const sloped: OcrLine = { ...line(words, 400), baseline: { x0: 100, y0: 400, x1: 430, y1: 411 } };
    expect(ocrPageLines([{ paragraphs: [{ lines: [sloped] }] }], TO_PAGE)).toEqual(['Beslut fattas idag kl.']);
  });
});
