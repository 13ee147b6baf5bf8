import { describe, expect, it } from 'vitest';
import { collapseWhitespace, isWhitespaceCode } from '../../functions/core/text/whitespace.ts';
import { Random } from '../../functions/pipeline/synthetic/random.ts';

/** The project's seeded generator (mulberry32): the same cases on every run, so a failure reproduces. */
function random(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.next();
}

// Every character \s matches, characters just outside it, letters, and a surrogate pair.
const ALPHABET = [
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u180e',
  'a',
  'Ö',
  '§',
  '-',
  '😀',
  '\u001f',
  '!',
];

describe('collapseWhitespace', () => {
  it('equals replace(/\\s+/gu, " ") on 20,000 generated strings', () => {
    const next = random(11);
    for (let k = 0; k < 20_000; k += 1) {
      const length = Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i += 1) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      expect(collapseWhitespace(text)).toBe(text.replace(/\s+/gu, ' '));
    }
  });

  it('returns the text itself when there is nothing to collapse', () => {
    const text = 'Kommunstyrelsen beslutar att godkänna förslaget.';
    expect(collapseWhitespace(text)).toBe(text);
    expect(collapseWhitespace('')).toBe('');
    expect(collapseWhitespace(' a  b\t\tc\n')).toBe(' a b c ');
  });

  it('isWhitespaceCode is exactly \\s for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c += 1) expect(isWhitespaceCode(c)).toBe(/\s/u.test(String.fromCharCode(c)));
  });
});
