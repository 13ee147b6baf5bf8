import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, TextIndexBuilder } from '../../functions/published/read-model/text-index.ts';
import { stem, tokenize } from '../../functions/core/search/tokenize.ts';

function build(texts: string[], order?: number[]) {
  const b = new TextIndexBuilder();
  for (const t of texts) b.add(t);
  return b.finish(Uint32Array.from(order ?? texts.map((_, i) => i)));
}

describe('TextIndex', () => {
  const index = build([
    'Detaljplan för förskola',
    'Förskolans lokaler',
    'Får i hagen',
    'Far och son',
    'Detaljplan för bostäder',
  ]);

  it('finds whole words, all terms required', () => {
    expect([...index.search({ terms: ['detaljplan'], prefixes: [] })]).toEqual([0, 4]);
    expect([...index.search({ terms: ['detaljplan', stem('bostäder')], prefixes: [] })]).toEqual([4]);
    expect([...index.search({ terms: ['detaljplan', stem('hagen')], prefixes: [] })]).toEqual([]);
    expect([...index.search({ terms: ['saknas'], prefixes: [] })]).toEqual([]);
  });

  it('matches the prefix against every word that starts with it', () => {
    expect([...index.search({ terms: [], prefixes: ['försk'] })]).toEqual([0, 1]);
    expect([...index.search({ terms: ['detaljplan'], prefixes: ['försk'] })]).toEqual([0]);
    expect([...index.search({ terms: [], prefixes: ['försk', 'lokal'] })]).toEqual([1]);
  });

  it('keeps får and far apart', () => {
    expect([...index.search({ terms: ['får'], prefixes: [] })]).toEqual([2]);
    expect([...index.search({ terms: ['far'], prefixes: [] })]).toEqual([3]);
    expect([...index.search({ terms: [], prefixes: ['fa'] })]).toEqual([3]);
  });

  it('numbers documents in the final order and keeps postings ascending', () => {
    // Added as 0..2, final order: the third first.
    const reordered = build(['alfa beta', 'beta', 'beta gamma'], [2, 0, 1]);
    expect([...reordered.search({ terms: ['bet'], prefixes: [] })]).toEqual([0, 1, 2]);
    expect([...reordered.search({ terms: ['gamm'], prefixes: [] })]).toEqual([0]);
    expect([...reordered.search({ terms: ['alf'], prefixes: [] })]).toEqual([1]);
  });

  it('agrees with a naive search on random documents', () => {
    const word = fc.constantFrom('plan', 'planen', 'skola', 'skolan', 'får', 'far', 'väg', 'vägen', 'budget');
    fc.assert(
      fc.property(
        // Up to 100 documents: a prefix's union is a bit set of 32 documents a word, so ids cross word boundaries.
        fc.array(fc.array(word, { maxLength: 6 }), { maxLength: 100, size: 'max' }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (docs, query) => {
          const idx = build(docs.map((d) => d.join(' ')));
          const [whole, ...rest] = query.map(stem);
          // The prefix is cut short now and then ("f", "fa", "v"), so that it matches several words and their
          // postings are united.
          const prefix = whole!.slice(0, Math.max(1, whole!.length - (docs.length % 3)));
          const terms = [...new Set(rest)];
          const naive = docs
            .map((d) => tokenize(d.join(' ')))
            .map((d, i) => ({ d, i }))
            .filter(({ d }) => terms.every((t) => d.includes(t)) && d.some((w) => w.startsWith(prefix!)))
            .map(({ i }) => i);
          expect([...idx.search({ terms, prefixes: [prefix!] })]).toEqual(naive);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('intersects sorted lists by merge and by binary search alike', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(2000)), fc.uniqueArray(fc.nat(2000)), (a, b) => {
        const A = Uint32Array.from(a.sort((x, y) => x - y));
        const B = Uint32Array.from(b.sort((x, y) => x - y));
        const expected = a.filter((x) => b.includes(x));
        expect([...intersect(A, B)]).toEqual(expected);
        expect([...intersect(A.subarray(0, 3), B)]).toEqual(expected.filter((x) => [...A.subarray(0, 3)].includes(x)));
      }),
    );
  });
});
