/**
 * The OCR hook of the PDF extractor with a stand-in engine (the real one: test/ocr): which pages reach the engine,
 * what the page images look like, and what the extractor reports. Page images come from real pdf.js decoding of
 * PDFs made from pdftoppm rasters of a corpus protocol.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { extractPageImages } from '../../functions/adapters/ocr/pdf-page-images.ts';
import type { Ocr, PageImage } from '../../functions/ports/ocr.ts';
import { UnreadableDocumentError } from '../../functions/ports/text-extractor.ts';
import { imageOnlyPdf, rasterise, readPnm } from '../support/image-pdf.ts';

const SOURCE = join(import.meta.dirname, '..', 'golden', 'alingsas-kommunfullmaktige-2026-06-10.pdf');
const dir = mkdtempSync(join(tmpdir(), 'paragraf-ocr-extractor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Records the images it is given and answers with a line naming the page. */
function fakeOcr(confidence = 91): Ocr & { seen: PageImage[] } {
  const seen: PageImage[] = [];
  return {
    seen,
    concurrency: 2,
    async recognize(image) {
      seen.push(image);
      return {
        number: image.page,
        text: `§ ${100 + image.page} OCR-text från sidan ${image.page} med tillräckligt många tecken för att räknas som en sida`,
        confidence,
        uncertainNumbers: 0,
        skewDegrees: 0,
      };
    },
    async close() {},
  };
}

describe('page images from pdf.js, without a canvas', () => {
  it('hands over the scanned pixels exactly (lossless grey and black-and-white), with dpi and placement', async () => {
    for (const format of ['pgm', 'pbm'] as const) {
      const [raster] = rasterise(SOURCE, { dpi: 100, format, first: 2, last: 2 });
      const [image] = await extractPageImages(imageOnlyPdf([raster!]), [1]);
      const source = readPnm(raster!.bytes);
      expect(image).toMatchObject({ page: 1, width: source.width, height: source.height, channels: 1, dpi: 100 });
      const expected =
        format === 'pgm'
          ? source.data
          : Uint8Array.from({ length: source.width * source.height }, (_, i) => {
              const x = i % source.width;
              const y = Math.floor(i / source.width);
              return (source.data[y * Math.ceil(source.width / 8) + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
            });
      expect(Buffer.from(image!.data).equals(Buffer.from(expected)), `${format} pixels`).toBe(true);
      // Pixel (0, 0) is the top-left corner of the page; one pixel is 72/100 pt.
      expect(image!.toPage.map((n) => +n.toFixed(4))).toEqual([
        0.72,
        0,
        0,
        -0.72,
        0,
        +(source.height * 0.72).toFixed(4),
      ]);
    }
  });

  it('decodes JPEG scans (DCTDecode) to grey', async () => {
    const [raster] = rasterise(SOURCE, { dpi: 100, format: 'jpeg', first: 2, last: 2 });
    const [image] = await extractPageImages(imageOnlyPdf([raster!]), [1]);
    expect(image!.channels).toBe(1);
    expect(image!.data.length).toBe(image!.width * image!.height);
    // Mostly white paper, some black ink.
    const dark = image!.data.filter((v) => v < 100).length / image!.data.length;
    expect(dark).toBeGreaterThan(0.005);
    expect(dark).toBeLessThan(0.3);
  });

  it('finds no page image on a digital page (text, a small logo)', async () => {
    expect(await extractPageImages(readFileSync(SOURCE), [1, 2])).toEqual([]);
  });
});

describe('createDocumentExtractor with OCR', () => {
  it('reads every page of a scan with OCR and says so', async () => {
    const ocr = fakeOcr();
    const scan = imageOnlyPdf(rasterise(SOURCE, { dpi: 72, format: 'pgm', first: 1, last: 3 }));
    const extracted = await createDocumentExtractor({ ocr }).extract(scan, 'scan.pdf');
    expect(ocr.seen.map((i) => i.page)).toEqual([1, 2, 3]);
    expect(extracted.textSource).toBe('ocr');
    expect(extracted.pages.map((p) => p.text)).toEqual(
      [1, 2, 3].map((n) => expect.stringContaining(`OCR-text från sidan ${n}`)),
    );
    expect(extracted.ocrPages).toEqual([1, 2, 3].map((page) => ({ page, confidence: 91, uncertainNumbers: 0 })));
  });

  it('reads only the image page of an otherwise digital protocol (a scanned page inserted with qpdf)', async () => {
    const scanFile = join(dir, 'scan.pdf');
    writeFileSync(scanFile, imageOnlyPdf(rasterise(SOURCE, { dpi: 72, format: 'pgm', first: 3, last: 3 })));
    const mixedFile = join(dir, 'mixed.pdf');
    execFileSync('qpdf', ['--empty', '--pages', SOURCE, '1-2', scanFile, '1', SOURCE, '4-7', '--', mixedFile]);
    const ocr = fakeOcr();
    const extracted = await createDocumentExtractor({ ocr }).extract(readFileSync(mixedFile), 'mixed.pdf');
    expect(ocr.seen.map((i) => i.page)).toEqual([3]);
    expect(extracted.textSource).toBe('mixed');
    expect(extracted.pages[2]!.text).toContain('OCR-text från sidan 3');
    expect(extracted.pages[0]!.text).not.toContain('OCR');
  });

  it('never starts OCR for a digital protocol', async () => {
    const ocr = fakeOcr();
    const extracted = await createDocumentExtractor({ ocr }).extract(readFileSync(SOURCE), 'kf.pdf');
    expect(ocr.seen).toEqual([]);
    expect(extracted.textSource).toBeUndefined();
  });

  it('still refuses a scan as no-text-layer without OCR, or when OCR reads nothing', async () => {
    const scan = imageOnlyPdf(rasterise(SOURCE, { dpi: 72, format: 'pgm', first: 1, last: 1 }));
    await expect(createDocumentExtractor().extract(scan, 's.pdf')).rejects.toMatchObject({ reason: 'no-text-layer' });
    const blind: Ocr = {
      ...fakeOcr(),
      recognize: async (image) => ({
        number: image.page,
        text: '',
        confidence: 0,
        uncertainNumbers: 0,
        skewDegrees: 0,
      }),
    };
    const error = await createDocumentExtractor({ ocr: blind })
      .extract(scan, 's.pdf')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    expect((error as UnreadableDocumentError).reason).toBe('no-text-layer');
  });
});
