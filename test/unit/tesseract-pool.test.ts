import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTesseractOcr, textSkew } from '../../functions/adapters/ocr/tesseract-ocr.ts';
import type { PageImage } from '../../functions/ports/ocr.ts';

interface FakeState {
  started: number;
  terminated: number;
  running: number;
  maxRunning: number;
  failNext: number;
}
const state = (): FakeState => (globalThis as unknown as { fakeTesseract: FakeState }).fakeTesseract;
const assets = { tesseractModule: join(import.meta.dirname, 'fixtures', 'fake-tesseract.cjs'), langPath: '/nowhere' };
const image = (page: number): PageImage => ({
  page,
  width: 2,
  height: 2,
  channels: 1,
  data: new Uint8Array(4),
  toPage: [1, 0, 0, -1, 0, 2],
  dpi: 200,
});

beforeEach(() => {
  // The fake module keeps the object it found first: reset it in place.
  const g = globalThis as unknown as { fakeTesseract?: FakeState };
  g.fakeTesseract = Object.assign(g.fakeTesseract ?? {}, {
    started: 0,
    terminated: 0,
    running: 0,
    maxRunning: 0,
    failNext: 0,
  });
});

describe('createTesseractOcr: the engine pool', () => {
  it('runs at most `workers` pages at once, starts engines only when needed, reuses them, and ends them on close', async () => {
    const ocr = createTesseractOcr({ assets, workers: 2 });
    expect(state().started).toBe(0);
    const pages = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => ocr.recognize(image(n))));
    expect(pages.map((p) => [p.number, p.confidence])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, 88]));
    expect(state().maxRunning).toBe(2);
    expect(state().started).toBe(2);
    await ocr.close();
    expect(state().terminated).toBe(2);
  });

  it('replaces an engine that fails and retries the page once; a second failure is an OcrError', async () => {
    const ocr = createTesseractOcr({ assets, workers: 1 });
    state().failNext = 1;
    await expect(ocr.recognize(image(1))).resolves.toMatchObject({ number: 1 });
    expect(state().started).toBe(2);
    state().failNext = 2;
    await expect(ocr.recognize(image(2))).rejects.toMatchObject({ name: 'OcrError', message: 'OCR of page 2 failed' });
    await expect(ocr.recognize(image(3))).resolves.toMatchObject({ number: 3 });
    await ocr.close();
    expect(state().terminated).toBe(state().started);
  });
});

describe('textSkew: the page slope that decides a second, straightened reading', () => {
  const lineWith = (x0: number, y0: number, x1: number, y1: number) => ({
    text: 'x',
    bbox: { x0, y0: y0 - 20, x1, y1 },
    baseline: { x0, y0, x1, y1 },
    words: [],
  });
  it('is the median baseline slope of lines wider than a fifth of the page, in radians with y downwards', () => {
    const lines = [
      lineWith(100, 100, 1100, 135),
      lineWith(100, 200, 1100, 234),
      lineWith(100, 300, 1100, 336),
      lineWith(100, 400, 150, 460),
    ];
    expect(textSkew([{ paragraphs: [{ lines }] }], 1600)).toBeCloseTo(Math.atan2(35, 1000), 6);
  });
  it('is 0 for a page without long lines', () => {
    expect(textSkew([{ paragraphs: [{ lines: [lineWith(100, 100, 200, 140)] }] }], 1600)).toBe(0);
    expect(textSkew([], 1600)).toBe(0);
  });
});
