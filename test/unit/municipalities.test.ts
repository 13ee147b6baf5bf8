import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsInBodyWord } from '../../functions/core/parse/meeting/identity.ts';
import { detectMunicipality, findMunicipality, MUNICIPALITIES } from '../../functions/core/records/municipalities.ts';
import { slugify } from '../../functions/core/records/ids.ts';

describe('MUNICIPALITIES', () => {
  it('lists 290 distinct municipalities (Sweden has had 290 since Knivsta was formed in 2003)', () => {
    expect(MUNICIPALITIES).toHaveLength(290);
    expect(new Set(MUNICIPALITIES).size).toBe(290);
  });

  it('has distinct slugs except Habo/Håbo, the one pair that folds to the same ASCII slug', () => {
    const slugs = MUNICIPALITIES.map(slugify);
    const shared = MUNICIPALITIES.filter((n) => slugs.filter((s) => s === slugify(n)).length > 1);
    expect(shared).toEqual(['Habo', 'Håbo']);
  });

  it('never makes one name the genitive of another (the genitive fallback strips one s)', () => {
    const slugs = new Set(MUNICIPALITIES.map(slugify));
    const clashes = MUNICIPALITIES.filter((n) => slugify(n).endsWith('s') && slugs.has(slugify(n).slice(0, -1)));
    expect(clashes).toEqual([]);
  });

  it('keeps å, ä and ö in the proper names', () => {
    for (const name of ['Alingsås', 'Göteborg', 'Mölndal', 'Härryda', 'Åre', 'Östra Göinge', 'Malung-Sälen']) {
      expect(MUNICIPALITIES).toContain(name);
    }
  });

  it('is in Swedish alphabetical order, as SCB lists it (the synthetic generator and the SQL tables iterate it)', () => {
    expect(MUNICIPALITIES.slice(0, 3)).toEqual(['Ale', 'Alingsås', 'Alvesta']);
    expect(MUNICIPALITIES.slice(-3)).toEqual(['Östra Göinge', 'Överkalix', 'Övertorneå']);
    const at = (name: string) => MUNICIPALITIES.indexOf(name);
    // Å, Ä and Ö come after Z; a space sorts before a hyphen.
    expect(at('Vaxholm')).toBeLessThan(at('Åmål'));
    expect(at('Upplands Väsby')).toBeLessThan(at('Upplands-Bro'));
    expect(at('Habo')).toBeLessThan(at('Hallsberg'));
    expect(at('Hallsberg')).toBeLessThan(at('Håbo'));
    expect(at('Älmhult')).toBeLessThan(at('Örebro'));
    expect(at('Ystad')).toBeLessThan(at('Åre'));
  });
});

describe('findMunicipality', () => {
  it.each([
    ['Alingsås', 'Alingsås'],
    ['alingsas', 'Alingsås'],
    ['ALINGSÅS', 'Alingsås'],
    ['Alingsås kommun', 'Alingsås'],
    ['Göteborgs Stad', 'Göteborg'],
    ['Lunds kommun', 'Lund'],
    ['Marks kommun', 'Mark'],
    ['Borås Stad', 'Borås'],
    ['upplands-vasby', 'Upplands Väsby'],
    ['Upplands Bro', 'Upplands-Bro'],
    ['Region Gotland', 'Gotland'],
    ['Lilla Edets kommun', 'Lilla Edet'],
    ['Habo kommun', 'Habo'],
    ['Håbo kommun', 'Håbo'],
    ['HÅBO', 'Håbo'],
    ['habo', 'Habo'], // the exact spelling of Habo; Håbo needs its å
  ])('%s → %s', (input, expected) => {
    expect(findMunicipality(input)).toBe(expected);
  });

  it.each(['', 'Västra Götaland', 'Sollebrunn', 'kommun', 'Alingsåsx'])('%j → undefined', (input) => {
    expect(findMunicipality(input)).toBeUndefined();
  });
});

describe('detectMunicipality', () => {
  it.each([
    ['Protokollet är justerat. Justeringen har tillkännagivits på Alingsås kommuns digitala anslagstavla.', 'Alingsås'],
    ['Göteborgs Stad Kommunstyrelsen, protokoll', 'Göteborg'],
    ['Sammanträdesprotokoll Upplands Väsby kommun', 'Upplands Väsby'],
    ['Protokoll Lerums kommun', 'Lerum'],
    ['Region Gotland, regionstyrelsen', 'Gotland'],
    ['Stockholms stad', 'Stockholm'],
  ])('%s → %s', (text, expected) => {
    expect(detectMunicipality(text)).toBe(expected);
  });

  it('returns undefined when no municipality is named as an organisation', () => {
    expect(detectMunicipality('Rådhuset, Alingsås')).toBeUndefined();
    expect(detectMunicipality('Västra Götalandsregionen och Fyrbodals kommunalförbund')).toBeUndefined();
    expect(detectMunicipality('')).toBeUndefined();
  });

  it('takes the first municipality named', () => {
    expect(detectMunicipality('Borås Stad och Alingsås kommun')).toBe('Borås');
  });
});

describe('findMunicipality and body names', () => {
  // identity.ts skips findMunicipality for a page-header line that ends in a body word: no name may end in one.
  it('finds no municipality in text that ends in a body word', () => {
    const names = [...MUNICIPALITIES, 'Region Gotland'];
    for (const name of names) {
      expect(endsInBodyWord(name)).toBe(false);
      expect(endsInBodyWord(slugify(name))).toBe(false);
    }
    const piece = fc.constantFrom(
      ...names.slice(0, 40),
      'Alingsås',
      'Göteborgs',
      'Stad',
      'kommun',
      'KOMMUN',
      ' ',
      '-',
      ',',
      's',
      'nämnd',
      'Nämnden',
      'styrelsen',
      'råd',
      'RÅDET',
      'ſtyrelse',
      'fullmäktige',
      'Kommun',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.join('');
        if (endsInBodyWord(text)) expect(findMunicipality(text)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });
});
