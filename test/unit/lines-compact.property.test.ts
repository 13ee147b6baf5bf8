import { describe, expect, it } from 'vitest';
import { normalizeText, scanPages, toLines } from '../../functions/core/parse/lines.ts';
import { Random } from '../../functions/pipeline/synthetic/random.ts';

/** The project's seeded generator (mulberry32): the same cases on every run, so a failure reproduces. */
function random(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.next();
}

// What JSON must escape (quotation mark, backslash, control characters, an escape sequence's look-alikes), the odd
// and junk characters of scanPages, line ends, lone and paired surrogates, Latin-1 and wider letters.
const ALPHABET = [
  '"',
  '\\',
  '\\n',
  '","',
  '\t',
  '\f',
  '\r',
  '\r\n',
  '\u0000',
  '\u0001',
  '\u001f',
  '\n',
  '\n',
  ' ',
  '  ',
  ' \n',
  '\u00a0',
  '\u00ad',
  '\u2009',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ue000',
  '\uf0b7',
  '\uf0a7',
  '\uf8ff',
  '\u000b',
  '\ud800',
  '\udc00',
  '😀',
  'a',
  'Kommunstyrelsen',
  'åäöé',
  'ÅÄÖ',
  '§ 12',
  '–',
  '”',
  '[',
  ']',
];

describe('toLines', () => {
  it('gives the lines of normalizeText on 20,000 generated pages, character for character', () => {
    const next = random(17);
    for (let k = 0; k < 20_000; k += 1) {
      const length = Math.floor(next() * 16);
      let text = '';
      for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const lines = toLines([{ number: 3, text }]);
      expect(lines.map((l) => l.text)).toEqual(normalizeText(text).split('\n'));
      expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
    }
  });

  it('classes a page by its characters: unusual (odd or junk), else Latin-1 or wide', () => {
    const unusual =
      /[\u0000-\u0008\u000b\u000d-\u001f\u00a0\u00ad\u2000-\u200d\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd\ue000-\uf0a6\uf0a8-\uf0b6\uf0b8-\uf8ff]/u;
    const next = random(23);
    for (let k = 0; k < 20_000; k += 1) {
      const length = Math.floor(next() * 12);
      let text = '';
      for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const expected = unusual.test(text) ? 'unusual' : /[^\u0000-\u00ff]/u.test(text) ? 'wide' : 'latin1';
      expect(scanPages([{ number: 1, text }])).toEqual([expected]);
      // The same lines whatever the class said, as long as it is true of the page.
      if (expected !== 'unusual')
        expect(toLines([{ number: 1, text }], ['unusual'])).toEqual(toLines([{ number: 1, text }]));
    }
  });

  it('keeps layout marks line by line and page numbers', () => {
    const mark = (emphasis: number) => ({ x: 0.1, right: 0.9, size: 1, emphasis, rotated: false });
    const layout = [mark(1), mark(0)];
    const lines = toLines([
      { number: 1, text: 'Protokoll "utdrag"\n§ 1 Val av justerare', layout },
      { number: 2, text: '' },
    ]);
    expect(lines.map((l) => [l.text, l.page, l.line, l.layout])).toEqual([
      ['Protokoll "utdrag"', 1, 1, layout[0]],
      ['§ 1 Val av justerare', 1, 2, layout[1]],
      ['', 2, 1, undefined],
    ]);
  });
});
