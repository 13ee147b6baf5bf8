import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutLines, type TextRun } from '../../functions/adapters/pdf-layout.ts';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';

const run = (str: string, x: number, y: number, width: number, height = 10): TextRun => ({ str, x, y, width, height });

describe('layoutLines', () => {
  it('orders lines top to bottom and runs left to right', () => {
    expect(layoutLines([run('andra', 72, 700, 30), run('första', 72, 720, 30), run('raden', 110, 720, 30)])).toEqual([
      'första raden',
      'andra',
    ]);
  });

  it('puts three spaces at a column gap and one at a word gap', () => {
    // "Beslutande" ends at 120; the value column starts at 185 (6.5 em away); the word gap is 3 units (0.3 em).
    const lines = layoutLines([
      run('Beslutande', 70, 640, 50),
      run('Linda', 185, 640, 25),
      run('Espeving', 213, 640, 40),
    ]);
    expect(lines).toEqual(['Beslutande   Linda Espeving']);
  });

  it('measures a column gap across the whitespace run pdf.js puts in it', () => {
    // pdf.js fills the gap with a " " run as wide as the gap, ending exactly where the next column starts.
    const lines = layoutLines([
      run('Plats och tid', 70.85, 689.5, 53.5, 9),
      run(' ', 124.35, 689.5, 60.4, 0),
      run('Alströmerteatern,', 184.75, 688.6, 76.7),
    ]);
    expect(lines).toEqual(['Plats och tid   Alströmerteatern,']);
  });

  it('keeps a bullet and its text as one phrase (a gap of 1.34 em is not a column)', () => {
    expect(layoutLines([run('•', 72, 500, 5), run('Grundläggande granskning', 72 + 5 + 13.4, 500, 120)])).toEqual([
      '• Grundläggande granskning',
    ]);
  });

  it('puts one space after a list marker however far its tab stop is (a dash bullet at 1.8 em)', () => {
    const lines = layoutLines([
      run('-', 90, 500, 3.3),
      run('En produkt: 2 000 kr', 90 + 3.3 + 18, 500, 90),
      run('2.', 90, 480, 8),
      run('Uppdraget', 90 + 8 + 20, 480, 45),
    ]);
    expect(lines).toEqual(['- En produkt: 2 000 kr', '2. Uppdraget']);
  });

  it('joins runs that touch without adding a space (a word split into glyph runs)', () => {
    expect(layoutLines([run('Alings', 72, 500, 30), run('å', 102, 500, 5), run('s', 107, 500, 4)])).toEqual([
      'Alingsås',
    ]);
  });

  it('treats the narrowest cover-page label gap in the corpus (1.58 em) as a column, on a slightly shifted baseline', () => {
    expect(layoutLines([run('Paragrafer', 362, 688.58, 50), run('§§32-40', 427.8, 689.52, 35)])).toEqual([
      'Paragrafer   §§32-40',
    ]);
  });
});

describe('extractPdfPages on a real protocol', () => {
  it('keeps the cover page label/value columns apart with three spaces', async () => {
    const { pages } = await extractPdfPages(
      new Uint8Array(readFileSync('data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf')),
    );
    const cover = pages[0]?.text.split('\n') ?? [];
    expect(cover).toContain('Plats och tid   Alströmerteatern,   Paragrafer   §116');
    expect(cover).toContain('Beslutande   Linda Espeving (M) (ordförande)');
  });
});
