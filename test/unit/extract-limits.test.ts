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
  const error = await createDocumentExtractor(options)
    .extract(bytes, 'x.pdf')
    .then(
      () => null,
      (e: unknown) => e,
    );
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
    const read = await createDocumentExtractor({ maxPages: 40, maxTextChars: 10_000_000 }).extract(
      textPdf(40, 100),
      'x.pdf',
    );
    expect(read.pages).toHaveLength(40);
    expect(read.pages[0]?.text).toContain('Kommunstyrelsen beslutar');
  });
});

/** A PDF-style LZW encoder (MSB first, 9–12-bit codes, EarlyChange 1, a clear code when the table is full). */
function lzwEncode(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  let width = 9;
  const emit = (code: number): void => {
    buffer = (buffer << width) | code;
    bits += width;
    while (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  emit(256);
  let w = '';
  for (const byte of input) {
    const wc = `${w},${byte}`;
    if (w === '' ? false : table.has(wc)) {
      w = wc;
      continue;
    }
    if (w === '') {
      w = String(byte);
      continue;
    }
    emit(w.includes(',') ? table.get(w)! : Number(w));
    table.set(wc, next++);
    if (next + 1 > 1 << width && width < 12) width++;
    if (next >= 4095) {
      emit(256);
      table = new Map();
      next = 258;
      width = 9;
    }
    w = String(byte);
  }
  if (w !== '') emit(w.includes(',') ? table.get(w)! : Number(w));
  emit(257);
  if (bits > 0) out.push((buffer << (8 - bits)) & 0xff);
  return Uint8Array.from(out);
}

describe('counting LZW and RunLength output without decoding', () => {
  it.each([
    ['zeros', new Uint8Array(200_000)],
    ['text', new TextEncoder().encode('Kommunstyrelsen beslutar att godkänna förslaget. '.repeat(3000))],
    ['noise', Uint8Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24)],
  ])('lzwSize of encoded %s is its length', async (_name, input) => {
    const { lzwSize } = await import('../../functions/adapters/pdf-expansion.ts');
    expect(lzwSize(lzwEncode(input))).toBe(input.length);
  });

  it('runLengthSize counts literal and repeated runs', async () => {
    const { runLengthSize } = await import('../../functions/adapters/pdf-expansion.ts');
    expect(runLengthSize(Uint8Array.from([2, 65, 66, 67, 129, 0, 128]))).toBe(3 + 128);
  });
});

describe('an LZW stream in a PDF', () => {
  it('counts toward the expansion budget', async () => {
    const data = lzwEncode(new Uint8Array(200_000));
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.4\n4 0 obj\n<< /Filter /LZWDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
      Buffer.from(data),
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
    expect(await measureExpansion(new Uint8Array(pdf), 100_000)).toMatchObject({ overBudget: true });
    expect(await measureExpansion(new Uint8Array(pdf), 1_000_000)).toEqual({ bytes: 200_000, overBudget: false });
  });
});
