import { describe, expect, it } from 'vitest';
import { foldedWords, foldText, words } from '../../functions/core/search/fold.ts';
import { parseQuery } from '../../functions/core/search/parse-query.ts';
import { tokenize } from '../../functions/core/search/tokenize.ts';

describe('Swedish folding', () => {
  it('keeps å, ä and ö as letters of their own and folds case', () => {
    expect(foldText('FÅR Får far ÄNG Öst')).toBe('får får far äng öst');
    expect(tokenize('Får i hagen')).toEqual(['får', 'hag']);
    expect(tokenize('Far och son')).toEqual(['far', 'son']);
  });

  it('folds other diacritics, and æ/ø to their Swedish twins', () => {
    expect(foldText('Café Münster Ærø')).toBe('cafe munster ärö');
  });

  it('composes decomposed input first, so å typed as a + ring matches å', () => {
    expect(foldText('A\u030asen')).toBe('åsen');
    expect(tokenize('Åsen')).toEqual(tokenize('A\u030asen'));
    expect(words('A\u030asen')).toEqual([{ folded: 'åsen', start: 0, end: 5 }]);
  });

  it('splits on anything that is not a letter or digit, drops single letters, keeps numbers', () => {
    expect(foldedWords('KS 2023/12, § 3 a-b')).toEqual(['ks', '2023', '12', '3']);
    expect(tokenize('KS 2023/12, § 3 a-b')).toEqual(['ks', '2023', '12', '3']);
  });

  it('gives every word its place in the original text', () => {
    const text = 'Förslag: Detaljplanen för Ölme 3:12.';
    expect(words(text).map((w) => [w.folded, text.slice(w.start, w.end)])).toEqual([
      ['förslag', 'Förslag'],
      ['detaljplanen', 'Detaljplanen'],
      ['för', 'för'],
      ['ölme', 'Ölme'],
      ['3', '3'],
      ['12', '12'],
    ]);
  });
});

describe('Swedish search terms', () => {
  it('reduces word forms to one stem and leaves stop words out', () => {
    expect(tokenize('Detaljplanen för förskolor')).toEqual(['detaljplan', 'förskol']);
    expect(tokenize('detaljplaner')).toEqual(tokenize('detaljplan'));
    expect(tokenize('Kommunstyrelsens beslutade yttranden')).toEqual(tokenize('kommunstyrelsen beslutar yttrande'));
  });

  it('reads the last word as a prefix unless the query ends with a space; drops stop words', () => {
    expect(parseQuery('plan förskol')).toEqual({ terms: ['plan'], prefixes: ['förskol'] });
    expect(parseQuery('plan förskolor ')).toEqual({ terms: ['plan'], prefixes: ['förskol'] });
    expect(parseQuery('och att ')).toEqual({ terms: [], prefixes: [] });
    expect(parseQuery('budget 2')).toEqual({ terms: ['2'], prefixes: ['budget'] });
    expect(parseQuery('bil 2 ')).toEqual({ terms: ['bil', '2'], prefixes: [] });
  });

  it('stems a finished query word like the index, and lets a long stem match a compound it begins', () => {
    expect(parseQuery('detaljplanen ')).toEqual({ terms: [], prefixes: ['detaljplan'] });
    expect(parseQuery('detaljplanen')).toEqual({ terms: [], prefixes: ['detaljplan'] });
    expect(parseQuery('väg bygglov ')).toEqual({ terms: ['väg'], prefixes: ['bygglov'] });
  });
});
