import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADING_VOCABULARY, knownHeadingKind, normalizeHeading } from '../../functions/core/parse/section-headings.ts';

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
