import { describe, expect, it } from 'vitest';
import { foldText, parseQuery, tokenize } from '../../functions/published/read-model/fold.ts';

describe('Swedish folding', () => {
  it('keeps å, ä and ö as letters of their own and folds case', () => {
    expect(foldText('FÅR Får far ÄNG Öst')).toBe('får får far äng öst');
    expect(tokenize('Får i hagen')).toEqual(['får', 'hagen']);
    expect(tokenize('Far och son')).toEqual(['far', 'och', 'son']);
  });

  it('folds other diacritics, and æ/ø to their Swedish twins', () => {
    expect(foldText('Café Münster Ærø')).toBe('cafe munster ärö');
  });

  it('composes decomposed input first, so å typed as a + ring matches å', () => {
    expect(foldText('A\u030asen')).toBe('åsen');
    expect(tokenize('Åsen')).toEqual(tokenize('A\u030asen'));
  });

  it('splits on anything that is not a letter or digit, drops single letters, keeps numbers', () => {
    expect(tokenize('KS 2023/12, § 3 a-b')).toEqual(['ks', '2023', '12', '3']);
  });

  it('reads the last word as a prefix unless the query ends with a space; drops stop words', () => {
    expect(parseQuery('detaljplan förskol')).toEqual({ terms: ['detaljplan'], prefix: 'förskol' });
    expect(parseQuery('detaljplan förskola ')).toEqual({ terms: ['detaljplan', 'förskola'] });
    expect(parseQuery('planen och')).toEqual({ terms: ['planen'], prefix: 'och' });
    expect(parseQuery('och att ')).toEqual({ terms: [] });
    expect(parseQuery('budget 2')).toEqual({ terms: ['budget', '2'] });
  });
});
