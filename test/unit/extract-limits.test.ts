import { describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { measureExpansion } from '../../functions/adapters/pdf-expansion.ts';
import { UnreadableDocumentError } from '../../functions/ports/text-extractor.ts';
import { bombPdf, textPdf } from '../../bench/lib/hostile-pdf.ts';
import { writePdf } from '../support/pdf-writer.ts';

/**
 * Extraction stops at its limits with a reason instead of growing without bound (issue 14): a decompression bomb is
 * refused before pdf.js opens it, and page count and text size are checked while reading. The limits are set small
 * here so the hostile files stay small; `npm run bench -- limits` measures the real sizes and their peak memory.
 */
const MiB = 1024 * 1024;

async function reason(bytes: Uint8Array, options: Parameters<typeof createDocumentExtractor>[0]): Promise<string> {
  const error = await createDocumentExtractor(options).extract(bytes, 'x.pdf').then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UnreadableDocumentError);
  return (error as UnreadableDocumentError).reason;
}

describe('decompression bombs', () => {
  it.each([
    ['one Flate layer', { inflatedBytes: 8 * MiB, streamBytes: 2 * MiB }],
    ['two Flate layers', { inflatedBytes: 8 * MiB, streamBytes: 8 * MiB, layers: 2 as const }],
    ['a stream that calls itself a 10×10 image', { inflatedBytes: 8 * MiB, streamBytes: 8 * MiB, asImage: true }],
  ])('%s: refused as expands-too-much', async (_name, bomb) => {
    const pdf = bombPdf(bomb);
    expect(pdf.length).toBeLessThan(100 * 1024);
    expect(await reason(pdf, { maxExpandedBytes: 4 * MiB })).toBe('expands-too-much');
  });

  it('counts what real protocols expand to, far under the default budget', async () => {
    const pdf = writePdf([['Kommunstyrelsen', '§ 1 Ärende', 'Beslut: godkänns.']]);
    const expansion = await measureExpansion(pdf, 512 * MiB);
    expect(expansion.overBudget).toBe(false);
    const bomb = await measureExpansion(bombPdf({ inflatedBytes: 8 * MiB, streamBytes: 2 * MiB }), 512 * MiB);
    expect(bomb).toEqual({ bytes: 8 * MiB, overBudget: false });
  });
});

describe('page and text limits', () => {
  it('refuses a PDF with more pages than the limit before reading any page', async () => {
    expect(await reason(textPdf(40, 100), { maxPages: 30 })).toBe('too-many-pages');
  });

  it('stops a PDF at the text limit', async () => {
    expect(await reason(textPdf(20, 20_000), { maxTextChars: 100_000 })).toBe('too-much-text');
  });

  it('refuses a text file over the text or page limit', async () => {
    const text = new TextEncoder().encode('§ 1 Ärende\n'.repeat(20_000));
    expect(await reason(text, { maxTextChars: 100_000 })).toBe('too-much-text');
    const pages = new TextEncoder().encode('§ 1 Ärende\f'.repeat(50));
    expect(await reason(pages, { maxPages: 10 })).toBe('too-many-pages');
  });

  it('reads the same PDFs within the limits', async () => {
    const read = await createDocumentExtractor({ maxPages: 40, maxTextChars: 10_000_000 }).extract(textPdf(40, 100), 'x.pdf');
    expect(read.pages).toHaveLength(40);
    expect(read.pages[0]?.text).toContain('Kommunstyrelsen beslutar');
  });
});
