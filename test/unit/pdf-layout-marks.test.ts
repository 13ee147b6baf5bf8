import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { PageText } from '../../functions/core/records/types.ts';
import { buildPdf, type PdfPage } from '../support/pdf-builder.ts';

/**
 * Layout marks from pdf.js, measured in the same pass as the text: emphasis (a bold heading is set in another font
 * than the page's body), rotated margin text, and holes in the glyph runs that a filled box covers (black-box
 * redaction). PDFs are built in memory (test/support/pdf-builder.ts).
 */
const body = (y: number, text: string) => ({ x: 72, y, text });
const signature = {
  x: 20,
  y: 300,
  text: 'Signature reference: 4f1c2b3a-1111-4222-8333-944455556666',
  size: 7,
  rotate: 90,
};

function page(n: number, heading: string, lines: string[], extra: Partial<PdfPage> = {}): PdfPage {
  return {
    texts: [
      { x: 72, y: 800, text: `Socialnämnden   Protokoll   Sida ${n}` },
      { x: 72, y: 760, text: heading, bold: true },
      ...lines.map((l, i) => body(740 - i * 16, l)),
      ...(extra.texts ?? []),
      signature,
    ],
    ...(extra.boxes ? { boxes: extra.boxes } : {}),
  };
}

const pdf = buildPdf([
  page(1, '§ 12 Ansökan om bistånd', ['Ärendet gäller en ansökan om bistånd.', 'Beslut'], {
    texts: [body(708, 'Ansökan från'), { x: 200, y: 708, text: 'om bistånd avslås.' }],
    boxes: [[140, 704, 55, 14]],
  }),
  page(2, '§ 13 Föreningsbidrag', ['Föreningen har ansökt om bidrag.', 'Beslut', 'Bidrag beviljas med'], {
    texts: [{ x: 230, y: 708, text: 'kronor enligt ansökan.' }],
  }),
  page(3, '§ 14 Information', ['Förvaltningen informerar om läget.']),
]);

describe('layout marks from the PDF extractor', () => {
  it('marks a bold heading as emphasised, the body text not, and rotated margin text as rotated', async () => {
    const { pages } = await extractPdfPages(pdf);
    const first = pages[0] as PageText;
    const lines = first.text.split('\n');
    expect(first.layout).toHaveLength(lines.length);
    const at = (text: string) => first.layout?.[lines.findIndex((l) => l.startsWith(text))];
    expect(at('§ 12')?.emphasis).toBe(1);
    expect(at('Ärendet gäller')?.emphasis).toBe(0);
    expect(at('Signature reference')?.rotated).toBe(true);
    expect(at('§ 12')?.x).toBeCloseTo(72 / 595, 2);
  });

  it('counts a hole in running text under a filled box, and not a hole without one', async () => {
    const { pages } = await extractPdfPages(pdf);
    const gapsOf = (p: PageText) => (p.layout ?? []).reduce((n, l) => n + (l.gaps ?? 0), 0);
    expect(gapsOf(pages[0] as PageText)).toBe(1);
    expect(gapsOf(pages[1] as PageText)).toBe(0);
  });

  it('the parser marks the masked § redacted, drops the rotated signature text and the repeated header', async () => {
    const { pages } = await extractPdfPages(pdf);
    const protocol = parseProtocol({
      pages,
      source: { fileName: 'x.pdf', sha256: '0'.repeat(64), pages: 3, mediaType: 'application/pdf' },
    });
    expect(protocol.paragraphs.map((p) => [p.number, p.redacted])).toEqual([
      ['12', true],
      ['13', false],
      ['14', false],
    ]);
    expect(
      protocol.paragraphs.some((p) => p.text.includes('Signature reference') || p.text.includes('Protokoll')),
    ).toBe(false);
    expect(protocol.warnings.find((w) => w.code === 'redaction')?.paragraph).toBe('12');
  });
});
