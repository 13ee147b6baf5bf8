/**
 * The engine runs from local files only: with every network call refused (and logged) in the process and in its
 * worker threads, OCR of a scanned page still works, and it writes nothing in its working directory (tesseract.js
 * would otherwise fetch its model from a CDN and cache it in the current folder). Also: black-and-white 150-dpi
 * scans and a skewed page read with the § heading intact.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OcrPageText } from '../../functions/ports/ocr.ts';
import { imageOnlyPdf, rasterise, readPnm, type ScanImage } from '../support/image-pdf.ts';
import { rotatePgm } from '../support/rotate-pgm.ts';

const root = resolve(import.meta.dirname, '..', '..');
const SOURCE = join(root, 'test', 'golden', 'alingsas-tekniska-namnden-2026-05-18.pdf');
const dir = mkdtempSync(join(tmpdir(), 'paragraf-ocr-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ocrInChild(images: ScanImage[]): { pages: OcrPageText[]; log: string[]; cwdFiles: string[] } {
  const pdf = join(dir, `scan-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(pdf, imageOnlyPdf(images));
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  const log = join(dir, `network-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const out = execFileSync(
    process.execPath,
    [
      '--require',
      join(root, 'test/ocr/fixtures/no-network.cjs'),
      join(root, 'bin/run-ts.js'),
      join(root, 'test/ocr/fixtures/ocr-pages.ts'),
      pdf,
    ],
    { cwd, env: { ...process.env, NO_NETWORK_LOG: log }, maxBuffer: 64 * 1024 * 1024 },
  );
  return {
    pages: JSON.parse(out.toString()) as OcrPageText[],
    log: readFileSync(log, 'utf8').trim().split('\n'),
    cwdFiles: readdirSync(cwd),
  };
}

describe('OCR without a network', () => {
  it('reads a 200-dpi grey scan with every network call refused, in the main thread and the workers', () => {
    const { pages, log, cwdFiles } = ocrInChild(rasterise(SOURCE, { dpi: 200, format: 'jpeg', first: 9, last: 9 }));
    expect(log.filter((l) => l.startsWith('network'))).toEqual([]);
    expect(log).toContain('loaded main');
    expect(
      log.some((l) => l.startsWith('loaded worker')),
      'the guard ran inside a worker thread',
    ).toBe(true);
    expect(cwdFiles).toEqual([]);
    expect(pages[0]!.text).toMatch(/^§ 29\s+2026\.008 TEN$/mu);
    expect(pages[0]!.text).toMatch(/^Cykelplan$/mu);
    expect(pages[0]!.confidence).toBeGreaterThan(70);
  });

  it('reads a 150-dpi black-and-white scan and a page scanned 2° askew', () => {
    const [mono] = rasterise(SOURCE, { dpi: 150, format: 'pbm', first: 9, last: 9 });
    const [grey] = rasterise(SOURCE, { dpi: 200, format: 'pgm', first: 9, last: 9 });
    const tilted = rotatePgm(readPnm(grey!.bytes), 2);
    const { pages } = ocrInChild([mono!, { format: 'pgm', bytes: tilted, dpi: 200 }]);
    for (const page of pages) {
      expect(page.text).toMatch(/^§ 29\s+2026\.008 TEN$/mu);
      expect(page.text).toMatch(/^Cykelplan$/mu);
    }
    expect(pages[0]!.skewDegrees).toBe(0);
    // Measured on the page as scanned (image y downwards), then turned straight before the second reading.
    expect(pages[1]!.skewDegrees).toBeCloseTo(2, 0);
  });
});
