import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { couldBeHeadingLine, couldContinue, matchHeadingLine } from '../../functions/core/parse/heading-line.ts';
import { isSignatureBox, lineKind, mayHoldProtokoll, STAMP } from '../../functions/core/parse/furniture-line-kind.ts';
import { makeLine } from '../../functions/core/parse/lines.ts';
import { shapeHash, shapeIdOf, shapeKey, shapeOf, zoneShapes } from '../../functions/core/parse/furniture-zones.ts';

/**
 * The parse stages rule most lines out with a character test before a regex or a string key runs. Each such test
 * must never change an answer: these properties compare the cheap path with the full one on text built from the
 * pieces the heading forms and page shapes are made of.
 */
const PIECES = [
  '§',
  '§ ',
  '§§',
  ' ',
  '  ',
  '\t',
  '\u2009',
  '\u00a0',
  '12',
  '5a',
  '2024',
  'Paragraf',
  'paragraf',
  'Ks',
  'KS AU',
  'Kommunstyrelsen',
  'Dnr',
  'dnr',
  'DNR',
  'Diarienummer',
  'Ärendenummer',
  'Forts',
  'forts.',
  '(forts.)',
  '- ',
  '– ',
  '• ',
  '* ',
  'Sida',
  'av',
  '#',
  ':',
  '.',
  'Å',
  'ö',
  'x',
];
const WS = ['', ' ', '  ', '\t', '\u2009'];
/** Lines shaped like the heading forms (prefix, sign or word, number, label or title), with whitespace variants. */
const shaped = fc
  .tuple(
    fc.constantFrom(...WS),
    fc.constantFrom('§', 'Paragraf', 'paragraf', 'Ks', 'KS AU', 'Kommun', 'Forts', '- §', '• §', '12', 'x'),
    fc.constantFrom(...WS),
    fc.constantFrom('12', '5a', '§', '12345', '', '§ 7'),
    fc.constantFrom(...WS),
    fc.constantFrom('', 'Dnr 2024/1', 'Diarienummer 1', 'forts.', '§', 'Val av justerare', 'dnr', 'Ärendenummer'),
    fc.constantFrom(...WS),
  )
  .map((parts) => parts.join(''));
const line = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }).map((parts) => parts.join('')),
  shaped,
);

describe('couldBeHeadingLine', () => {
  it('holds for every line matchHeadingLine accepts', () => {
    fc.assert(
      fc.property(line, (text) => {
        if (matchHeadingLine(text) !== undefined) expect(couldBeHeadingLine(text)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('holds for the heading forms, and rules out ordinary lines', () => {
    for (const text of [
      '§ 95 2026.016 KS',
      '§108',
      '  KF § 102 DNR: KU.2017.3',
      'KS AU § 12',
      '39 § Sammanträdets laglighet',
      '16 §',
      'Paragraf 12 Val av justerare',
      'Ks 1 Dnr 2012-KS0123',
      '- § 17',
      'Forts § 16',
    ]) {
      expect(matchHeadingLine(text)).toBeDefined();
      expect(couldBeHeadingLine(text)).toBe(true);
    }
    for (const text of ['Kommunstyrelsen beslutar', 'att godkänna förslaget', '12 maj 2024', 'Justerandes sign']) {
      expect(couldBeHeadingLine(text)).toBe(false);
    }
  });
});

describe('couldContinue', () => {
  it('holds for every trimmed line matchHeadingLine takes for a continuation header', () => {
    const pieces = [...PIECES, 'forts', 'Forts.', 'FORTS', 'fortsättning', '(forts)', ',', 'KS', 'AU', '7', '\u2013'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join('').trim());
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          line.map((t) => t.trim()),
        ),
        (t) => {
          if (matchHeadingLine(t)?.continuation) expect(couldContinue(t)).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
    for (const t of [
      'Forts § 16',
      '§ 71 forts.',
      'KS § 71 (forts.)',
      'KS AU § 3 forts',
      '- § 71 forts.',
      '71 § forts',
    ]) {
      expect(matchHeadingLine(t)?.continuation).toBe(true);
      expect(couldContinue(t)).toBe(true);
    }
    expect(couldContinue('Vi fortsätter med § 5')).toBe(false);
  });

  it("lets lineKind remove every short continuation header, in any case ('§ 5 FORTS.' as '§ 5 forts.')", () => {
    const pieces = ['§', '§ ', ' ', '12', '5a', 'KS', 'KSAU', 'AU', 'forts', 'Forts.', 'FORTS', 'FORTS.', 'fOrTs'];
    const more = ['fortsättning', 'FORTSÄTTNING', '(forts)', '(FORTS.)', ',', '- ', 'från '];
    const text = fc.array(fc.constantFrom(...pieces, ...more), { maxLength: 7 }).map((parts) => parts.join('').trim());
    const stamped = (t: string) => (lineKind(t, false, makeLine(t, 1, 1, undefined)) & STAMP) !== 0;
    fc.assert(
      fc.property(text, (t) => {
        if (t !== '' && t.length <= 60 && matchHeadingLine(t)?.continuation) expect(stamped(t), t).toBe(true);
      }),
      { numRuns: 20000 },
    );
    for (const t of ['Forts § 16', 'FORTS § 16', '§ 5 FORTS.', 'KS § 71 (FORTS.)']) expect(stamped(t), t).toBe(true);
    expect(stamped('§ 5 Fortsatt arbete med översiktsplanen')).toBe(false);
  });
});

describe('zone shape ids', () => {
  // Few distinct characters and short texts, so that hash collisions between different shapes are exercised too.
  const small = fc
    .array(fc.constantFrom('a', 'b', '#', '1', '23', ' ', '  ', '\t', '\u2009', '\u00a0'), { maxLength: 6 })
    .map((parts) => parts.join('').trim());

  it('give two lines the same id exactly when their shapes are equal', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(line, small), { minLength: 1, maxLength: 24 }), (texts) => {
        const z = zoneShapes(texts.length, 1);
        const ids = texts.map((t, i) => shapeIdOf(z, i, t));
        const keys = texts.map(shapeKey);
        keys.forEach((a, i) => {
          expect(shapeOf(z, ids[i] as number)).toBe(a);
          // One expect per pair would dominate the run time: the pairs are compared first, then checked at once.
          const wrong = keys.findIndex((b, j) => (ids[i] === ids[j]) !== (a === b));
          expect(wrong).toBe(-1);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('hash equal shapes alike', () => {
    fc.assert(
      fc.property(fc.oneof(line, small), fc.oneof(line, small), (a, b) => {
        if (shapeKey(a) === shapeKey(b)) expect(shapeHash(a)).toBe(shapeHash(b));
      }),
      { numRuns: 20000 },
    );
    expect(shapeHash('Sida 3 av 12')).toBe(shapeHash('Sida 14 av 9'));
    // Two different shapes with one hash (found by search) still get two ids; their repeats find their own.
    expect(shapeHash('Sida umwc')).toBe(shapeHash('Sida iÄmd'));
    const z = zoneShapes(4, 1);
    const ids = ['Sida umwc', 'Sida iÄmd', 'Sida iÄmd', 'Sida umwc'].map((t, i) => shapeIdOf(z, i, t));
    expect(ids).toEqual([1, 2, 2, 1]);
    expect(shapeHash('Sida 3 av 12')).toBe(shapeHash('Sida #\tav  #'));
  });

  it('shape digits as # and whitespace runs as one space', () => {
    expect(shapeKey('Sida 3 av 12')).toBe('Sida # av #');
    expect(shapeKey('Protokoll  43 §\t15.09.2022')).toBe('Protokoll # § #.#.#');
    expect(shapeKey('Kommunstyrelsen')).toBe('Kommunstyrelsen');
  });
});

describe('mayHoldProtokoll', () => {
  const WORD = /protokoll\b/iu;
  const pieces = [
    'protokoll',
    'PROTOKOLL',
    'Protokoll',
    'proto\u212aoll',
    'protokol',
    'rotokoll',
    'protokolls',
    ' ',
    'l',
    'p',
    'o',
    'x',
    'å',
    '1',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));

  it('holds for every text the protokoll word regex finds', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 40 })), (t) => {
        if (WORD.test(t)) expect(mayHoldProtokoll(t)).toBe(true);
      }),
      { numRuns: 20000 },
    );
    for (const t of [
      'Protokoll',
      'KS protokoll 2024',
      'xxprotoKOLL',
      'proto\u212aoll nr 3',
      'aaaaaaaaaaaaaaaaprotokoll',
    ]) {
      expect(mayHoldProtokoll(t)).toBe(true);
    }
    expect(mayHoldProtokoll('Kommunstyrelsen beslutar att godkänna')).toBe(false);
  });
});

describe('isSignatureBox', () => {
  // The rule as first written: lower-case the line, split it at whitespace, every word a signature word (at most
  // twelve), not all of them "sign…".
  const WORDS = new Set(['justerandes', 'justerande', 'ordförandes', 'sekreterarens', 'sign', 'sign.', 'signatur']);
  for (const w of ['signaturer', 'utdragsbestyrkande']) WORDS.add(w);
  const reference = (text: string) => {
    const words = text.toLowerCase().split(/\s+/u);
    if (words[words.length - 1] === '') words.pop();
    if (words.length === 0 || words.length > 12 || !words.every((w) => WORDS.has(w))) return false;
    return !words.every((w) => w.startsWith('sign'));
  };
  const pieces = [
    ...['Justerandes', 'JUSTERANDE', 'justerande', 'Ordförandes', 'ORDFÖRANDES', 'Sekreterarens', 'SE\u212aRETERARENS'],
    ...['sign', 'Sign.', 'SIGNATUR', 'signaturer', 'Utdragsbestyrkande', 'S\u0130GN', 'Sig', 'x', 'ö', 'Ö'],
    ...[' ', '  ', '\t', '\u00a0', '\u2009'],
  ];
  const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));

  it('agrees with lower-casing and splitting the line (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text.map((t) => t.trim()),
          fc.string({ maxLength: 20 }),
        ),
        (t) => {
          if (t !== '' && !/^\s/u.test(t)) expect(isSignatureBox(t)).toBe(reference(t));
        },
      ),
      { numRuns: 20000 },
    );
    expect(isSignatureBox('Justerandes sign   Utdragsbestyrkande')).toBe(true);
    expect(isSignatureBox('SE\u212aRETERARENS SIGN')).toBe(true);
    expect(isSignatureBox('Sign Sign')).toBe(false);
    expect(isSignatureBox('Justerandes sign och')).toBe(false);
  });
});
