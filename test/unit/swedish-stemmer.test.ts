import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../functions/core/search/fold.ts';
import { regionOne, stem } from '../../functions/core/search/swedish-stemmer.ts';

/** A maintained JavaScript port of the Snowball stemmers, used only as an oracle here. */
const oracle = (
  createRequire(import.meta.url)('snowball-stemmers') as {
    newStemmer(language: string): { stem(word: string): string };
  }
).newStemmer('swedish');

describe('Swedish Snowball stemmer', () => {
  it('finds R1 after the first consonant that follows a vowel, never before the third letter', () => {
    expect(regionOne('detaljplanen')).toBe(3); // det|aljplanen
    expect(regionOne('ansökan')).toBe(3); // an is only two letters: R1 moves to ans|ökan
    expect(regionOne('beslut')).toBe(3);
    expect(regionOne('strand')).toBe(5); // stra|nd: the first vowel is a
    expect(regionOne('öä')).toBe(2); // no consonant after a vowel: R1 is empty
  });

  it('removes inflectional endings found in R1 (step 1)', () => {
    const pairs: [string, string][] = [
      ['detaljplanen', 'detaljplan'],
      ['detaljplaner', 'detaljplan'],
      ['detaljplanerna', 'detaljplan'],
      ['förskola', 'förskol'],
      ['förskolor', 'förskol'],
      ['beslutade', 'beslut'],
      ['beslutar', 'beslut'],
      ['kommunens', 'kommun'],
      ['nämndens', 'nämnd'],
      ['barnen', 'barn'],
      ['bilar', 'bil'],
      ['ändringar', 'ändring'],
      ['jaktkarlarne', 'jaktkarl'],
      ['klokast', 'klok'],
    ];
    for (const [word, expected] of pairs) expect(stem(word), word).toBe(expected);
  });

  it('removes -s only after an s-ending letter', () => {
    expect(stem('bygglovs')).toBe('bygglov'); // v is an s-ending
    expect(stem('kommuns')).toBe('kommun');
    expect(stem('hus')).toBe('hus'); // the s is not in R1
    expect(stem('kaos')).toBe('kaos'); // the s is not in R1 (R1 of "kaos" is empty)
    expect(stem('områdes')).toBe('områd'); // -es is a main ending
  });

  it('shortens a final consonant pair (step 2) and removes derivational endings (step 3)', () => {
    expect(stem('friskt')).toBe('frisk');
    expect(stem('lycklig')).toBe('lyck');
    expect(stem('upplösta')).toBe('upplös'); // -a (step 1), then nothing: "löst" was already cut to "lös"
    expect(stem('fullt')).toBe('fullt'); // "fullt" lies before R1 (ful|lt: R1 starts at 3)
    expect(stem('skönhetsfullt')).toBe('skönhetsfull');
  });

  it('keeps short words and words without R1 as they are; keeps å, ä and ö', () => {
    for (const word of ['är', 'på', 'bil', 'ås', 'öra', 'ek']) expect(stem(word)).toBe(word);
    expect(stem('får')).not.toBe(stem('far'));
  });

  it('agrees with a maintained Snowball implementation on every word of the real protocols in the test corpus', () => {
    const dir = new URL('../golden/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.expected.json'));
    const vocabulary = new Set<string>();
    for (const f of files)
      for (const w of foldedWords(readFileSync(new URL(f, dir), 'utf8'))) if (!/\d/u.test(w)) vocabulary.add(w);
    expect(vocabulary.size).toBeGreaterThan(1500);
    const disagreements = [...vocabulary].filter((w) => stem(w) !== oracle.stem(w));
    expect(disagreements).toEqual([]);
  });

  it('agrees with the oracle on any word over the Swedish alphabet, and never grows a word', () => {
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäö'.split(''));
    fc.assert(
      fc.property(
        fc.array(letter, { maxLength: 16 }).map((a) => a.join('')),
        (word) => {
          const s = stem(word);
          expect(s).toBe(oracle.stem(word));
          expect(s.length).toBeLessThanOrEqual(word.length);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the oracle on words built from Swedish endings, where every step has work to do', () => {
    const piece = fc.constantFrom(
      'heterna',
      'hetens',
      'anden',
      'arnas',
      'ornas',
      'ades',
      'arne',
      'aste',
      'erns',
      'ast',
      'het',
      'es',
      'or',
      'a',
      'e',
      's',
      'dd',
      'gd',
      'nn',
      'dt',
      'gt',
      'kt',
      'tt',
      'lig',
      'ig',
      'els',
      'löst',
      'fullt',
      'b',
      'st',
      'ä',
      'y',
      'u',
    );
    const head = fc.constantFrom('', 'k', 'st', 'a', 'bo', 'plan', 'ö', 'förskol');
    fc.assert(
      fc.property(head, fc.array(piece, { minLength: 1, maxLength: 4 }), (h, tail) => {
        const word = h + tail.join('');
        expect(stem(word)).toBe(oracle.stem(word));
      }),
      { numRuns: 5000 },
    );
  });
});
