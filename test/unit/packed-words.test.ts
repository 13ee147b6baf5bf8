import { describe, expect, it } from 'vitest';
import { packWords } from '../../functions/published/read-model/index-file.ts';
import { TextIndex, TextIndexBuilder } from '../../functions/published/read-model/text-index.ts';

/**
 * The search dictionary of an index file is packed (sorted UTF-8 words and their ends), decoded per comparison.
 * Lookups must find exactly what they find in the string array, also where UTF-8 byte order and the UTF-16 order
 * the dictionary is sorted in disagree ("ﬁ" U+FB01 sorts after "𝐀" U+1D400 by bytes, before it by UTF-16 units).
 */
describe('packed search words', () => {
  const texts = [
    'kommunfullmäktige beslut',
    'ﬁnansiering 𝐀nslag',
    'öppen förskola',
    'förskolebyggnad åtgärd',
    'ärende',
  ];
  const split = (text: string) => text.split(' ');
  const build = () => {
    const builder = new TextIndexBuilder(split);
    for (const t of texts) builder.add(t);
    return builder.finish(Uint32Array.from(texts.keys()));
  };

  it('holds the same words in the same order, and finds the same documents', () => {
    const plain = build();
    const packed = packWords(plain.words);
    expect(packed.length).toBe(plain.words.length);
    expect(Array.from({ length: packed.length }, (_, i) => packed.at(i))).toEqual(
      Array.from({ length: plain.words.length }, (_, i) => plain.words.at(i)),
    );
    expect(packed.at(-1)).toBeUndefined();
    expect(packed.at(packed.length)).toBeUndefined();
    const other = new TextIndex(packed, plain.offsets, plain.postings, plain.documents);
    for (const word of [...texts.flatMap(split), 'saknas', '']) {
      expect([...other.postingsOf(word)]).toEqual([...plain.postingsOf(word)]);
    }
    for (const prefix of ['för', 'ﬁ', '𝐀', 'ä', 'k', 'x']) {
      const query = { terms: [], prefixes: [prefix] };
      expect([...other.search(query)]).toEqual([...plain.search(query)]);
    }
  });
});
