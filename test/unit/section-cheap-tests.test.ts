import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADING_VOCABULARY, knownHeadingKind, normalizeHeading } from '../../functions/core/parse/section-headings.ts';
import { HEADING_SHAPE, headingShaped, lineMarker } from '../../functions/core/parse/section-lines.ts';
import { sectionMarker } from '../../functions/core/parse/section-markers.ts';

/**
 * The section splitter answers its per-line questions with character tests before any regex or copy. These properties
 * compare each cheap path with the plain rule it stands for, on text built from the pieces headings are made of (the
 * vocabulary's words in several spellings, colons, whitespace runs, and characters whose case mappings are unusual).
 */
const WORDS = [
  'Beslut',
  'beslut',
  'BESLUT',
  'Beslutet',
  'Beslutsunderlag',
  'Förslag',
  'FÖRSLAG',
  'förslag',
  'till',
  'TILL',
  'Särskilt',
  'yttrande',
  'Yttrande',
  'Ärendet',
  'ÄRENDE',
  'Expedieras',
  'Protokollsanteckning',
  'Omröstning',
  'Jäv',
  'Svar',
  'på',
  'sammanträdet',
  'Nämndens',
  'Konsekvensbeskrivning',
  'expedieras',
  'Styrelsens',
  'Arbetsutskottets',
  'om',
  'x',
  // Case mappings that differ between toLowerCase and the regex's case folding: Kelvin and Ångström signs, long s,
  // dotted capital I.
  'K\u212arav',
  '\u212Brende',
  'Be\u017flut',
  '\u0130nformation',
  'Informat\u0130on',
];
const GLUE = [' ', ' ', ' ', '  ', '\t', ':', ' :', ': ', '\u00a0', '', '.'];
const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { minLength: 1, maxLength: 5 })
  .chain((parts) =>
    fc
      .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('', ' ', ':', ' :', '\t'))
      .map(([lead, tail]) => lead + parts.map(([w, g], i) => (i < parts.length - 1 ? w + g : w)).join('') + tail),
  );

/** The rule in full: trimmed as trimSpaced does, capitalised, and normalising to a vocabulary key. */
function reference(t0: string): string | undefined {
  const t = t0.charCodeAt(0) === 0x20 || t0.charCodeAt(t0.length - 1) === 0x20 ? t0.trim() : t0;
  if (t.length === 0 || t.length > 60 || !/^\p{Lu}/u.test(t)) return undefined;
  // Without a colon or a run of spaces the line is compared as printed (lower-cased); otherwise normalised.
  const key = !t.includes(':') && !t.includes('  ') && !t.includes('\t') ? t.toLowerCase() : normalizeHeading(t);
  return HEADING_VOCABULARY.get(key);
}

describe('knownHeadingKind', () => {
  it('agrees with normalising the whole line and looking it up', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(knownHeadingKind(t)).toBe(reference(t));
      }),
      { numRuns: 30000 },
    );
  });

  it('accepts the printed forms and rejects sentences', () => {
    expect(knownHeadingKind('Beslut')).toBe('decision');
    expect(knownHeadingKind('  BESLUT  ')).toBe('decision');
    expect(knownHeadingKind('Särskilt  yttrande :')).toBe('special-statement');
    expect(knownHeadingKind('\u212Aonsekvensbeskrivning')).toBe('other');
    expect(knownHeadingKind('Beslut om bygglov')).toBeUndefined();
    expect(knownHeadingKind('beslut')).toBeUndefined();
    expect(knownHeadingKind('Beslut: Enligt förslag')).toBeUndefined();
  });
});

/** Pieces of § body lines: markers, labels, sentences, list items, and characters at the edges of the cheap tests. */
const LINE_PIECES = [
  ...WORDS,
  'Kommunfullmäktiges',
  'Välfärdsnämndens',
  'Barn-',
  'och',
  'utbildningsnämnden',
  'Kommunstyrelsen',
  'beslutar',
  'beslutade',
  'beslöt',
  'BESLUTSFÖRSLAG',
  'Ordförandes',
  'Beslutsförslag',
  'Förslaget',
  'Enligt',
  'Bilaga',
  'KS',
  '2024',
  '§ 12',
  '•',
  '-',
  '–',
  'a)',
  'att',
  ',',
  '.',
  '(S)',
  'ß',
  'À',
  'Þ',
  '×',
  'µ',
  'ª',
  'Ω',
  'ω',
  '\u{1d400}',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '', ': ', ':', ' :'];
const bodyLine = fc
  .array(fc.tuple(fc.constantFrom(...LINE_PIECES), fc.constantFrom(...SPACES)), { minLength: 0, maxLength: 12 })
  .chain((parts) =>
    fc
      .tuple(fc.constantFrom('', ' ', '  ', '\t', '\u00a0'), fc.constantFrom('', ' ', ':', '\t'))
      .map(([lead, tail]) => lead + parts.map(([w, g]) => w + g).join('') + tail),
  );

describe('lineMarker', () => {
  it('gives the marker sectionMarker gives, emphasised or not', () => {
    fc.assert(
      fc.property(
        bodyLine,
        fc.constantFrom(0, 0.5, 1),
        fc.constantFrom('', 'Barn- och utbildningsnämnden'),
        (t, e, b) => {
          const layout = { x: 0.1, right: 0.9, size: 1, emphasis: e };
          expect(lineMarker(t, layout, b)).toEqual(sectionMarker(t, layout, b));
          expect(lineMarker(t, undefined, b)).toEqual(sectionMarker(t, undefined, b));
        },
      ),
      { numRuns: 30000 },
    );
  });

  it('finds the markers of the vocabulary and the wording rules', () => {
    expect(lineMarker('Beslut', undefined, '')?.kind).toBe('decision');
    expect(lineMarker('  Kommunfullmäktiges beslut:', undefined, '')?.kind).toBe('decision');
    expect(lineMarker('Beredning: Kanslichef NN', undefined, '')?.kind).toBe('preparation');
    expect(lineMarker('Särskilt  yttrande', undefined, '')?.kind).toBe('special-statement');
    expect(lineMarker('Ordförandes förslag:', undefined, '')?.kind).toBe('proposal');
    expect(lineMarker('Kommunstyrelsen beslutar att anta planen.', undefined, '')).toBeUndefined();
  });
});

describe('headingShaped', () => {
  it('agrees with HEADING_SHAPE', () => {
    fc.assert(
      fc.property(bodyLine, (t) => {
        expect(headingShaped(t)).toBe(HEADING_SHAPE.test(t));
        expect(headingShaped(t.trim())).toBe(HEADING_SHAPE.test(t.trim()));
      }),
      { numRuns: 30000 },
    );
  });
});
