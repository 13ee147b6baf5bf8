import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  caseNumbersOnlyLine,
  extractCaseNumbersFromHeading,
  normalizeCaseNumber,
} from '../../functions/core/records/case-numbers.ts';
import { expectLinear, FACTOR } from '../support/growth.ts';

describe('normalizeCaseNumber', () => {
  it.each([
    ['Dnr: ku.2017.3', 'KU.2017.3'],
    ['DNR: KU.2017.3', 'KU.2017.3'],
    ['2023.563 KS', '2023.563 KS'],
    ['2023.563  ks', '2023.563 KS'],
    ['Ärendenummer SLK-2024-00067', 'SLK-2024-00067'],
    ['SLK–2024–00067', 'SLK-2024-00067'], // en dashes from a word processor
    ['Diarienummer 00322/2026', '00322/2026'],
    ['Dnr 2012-KS0123', '2012-KS0123'],
    ['Dnr KS 2017 / 123', 'KS 2017/123'],
    ['dnr. bun 2024.001,', 'BUN 2024.001'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeCaseNumber(raw)).toBe(expected);
  });

  // The normaliser as it was before its steps got character pre-tests (each step applied unconditionally).
  const reference = (raw: string) =>
    raw
      .trim()
      .replace(/^(?:Diarienummer|Diarienr|Dnr|Ärendenummer|Ärendenr|Ärende nr)\.?\s*:?\s*/iu, '')
      .replace(/[-‐‑‒–—−]/gu, '-')
      .replace(/\s+/gu, ' ')
      .replace(/ ?([-/]) ?/gu, '$1')
      .replace(/^[\s,;:.]+|[\s,;:.]+$/gu, '')
      .toUpperCase();
  const pieces = [
    'Dnr',
    'dnr',
    'DNR',
    'Diarienr',
    'Ärende nr',
    'ärendenummer',
    'D',
    'ä',
    'Ä',
    ' ',
    '  ',
    '\t',
    '\u00a0',
  ];
  const more = ['-', '–', '/', ' / ', '.', ',', ';', ':', 'KS', 'ks', '2024', '12', 'x', '\ud83d\ude00', '\ud83d'];

  it('gives what every step applied unconditionally gives (property)', () => {
    const text = fc.array(fc.constantFrom(...pieces, ...more), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 30 })), (s) => {
        expect(normalizeCaseNumber(s)).toBe(reference(s));
      }),
      { numRuns: 20000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = normalizeCaseNumber(s);
        expect(normalizeCaseNumber(once)).toBe(once);
      }),
    );
  });
});

describe('extractCaseNumbersFromHeading', () => {
  const one = (raw: string, normalized: string) => [{ raw, normalized }];

  it('Alingsås: case number alone, title on the next line ("§ 95 2026.016 KS")', () => {
    expect(extractCaseNumbersFromHeading(' 2026.016 KS')).toEqual({
      caseNumbers: one('2026.016 KS', '2026.016 KS'),
      titleRest: '',
    });
  });

  it('Alingsås seed: "§ 28 2023.563 KS"', () => {
    expect(extractCaseNumbersFromHeading('2023.563 KS')).toEqual({
      caseNumbers: one('2023.563 KS', '2023.563 KS'),
      titleRest: '',
    });
  });

  it('case number and title on the same line', () => {
    expect(extractCaseNumbersFromHeading('2023.563 KS Byte av regionalt stödcentrum')).toEqual({
      caseNumbers: one('2023.563 KS', '2023.563 KS'),
      titleRest: 'Byte av regionalt stödcentrum',
    });
  });

  it('Göteborg: "§ 286 Ärendenummer SLK-2024-00067" keeps the label in raw only', () => {
    expect(extractCaseNumbersFromHeading('Ärendenummer SLK-2024-00067')).toEqual({
      caseNumbers: one('Ärendenummer SLK-2024-00067', 'SLK-2024-00067'),
      titleRest: '',
    });
  });

  it.each([
    ['Ärendenummer SLK-2023-00025:26', 'SLK-2023-00025:26'],
    ['Ärendenummer SLK-2024-00008:-1', 'SLK-2024-00008:-1'],
    ['SLK-2023-00023:6', 'SLK-2023-00023:6'],
  ])('Göteborg sub-case suffix belongs to the case number: %j', (raw, normalized) => {
    expect(extractCaseNumbersFromHeading(raw)).toEqual({ caseNumbers: one(raw, normalized), titleRest: '' });
  });

  it('a suffix on a case number in a list, and a title after the last', () => {
    expect(extractCaseNumbersFromHeading('Ärendenummer SLK-2023-00025:26 och SLK-2023-00025:27 Val av ombud')).toEqual({
      caseNumbers: [
        { raw: 'Ärendenummer SLK-2023-00025:26', normalized: 'SLK-2023-00025:26' },
        { raw: 'SLK-2023-00025:27', normalized: 'SLK-2023-00025:27' },
      ],
      titleRest: 'Val av ombud',
    });
  });

  it.each(['SLK-2023-00025: Val av ombud', 'SLK-2023-00025:26a', 'SLK-2023-00025:1234567'])(
    'a colon not followed by a number alone is no suffix: %j',
    (rest) => {
      expect(extractCaseNumbersFromHeading(rest).caseNumbers).toEqual(one('SLK-2023-00025', 'SLK-2023-00025'));
    },
  );

  it('"§ 162      Diarienummer 00322/2026" (wide gap after the number)', () => {
    expect(extractCaseNumbersFromHeading('      Diarienummer 00322/2026')).toEqual({
      caseNumbers: one('Diarienummer 00322/2026', '00322/2026'),
      titleRest: '',
    });
  });

  it('"KF § 102 DNR: KU.2017.3 Kulturplan 2018–2022"', () => {
    expect(extractCaseNumbersFromHeading('DNR: KU.2017.3 Kulturplan 2018–2022')).toEqual({
      caseNumbers: one('DNR: KU.2017.3', 'KU.2017.3'),
      titleRest: 'Kulturplan 2018–2022',
    });
  });

  it('"Ks 1 Dnr 2012-KS0123 Val av justerare"', () => {
    expect(extractCaseNumbersFromHeading('Dnr 2012-KS0123 Val av justerare')).toEqual({
      caseNumbers: one('Dnr 2012-KS0123', '2012-KS0123'),
      titleRest: 'Val av justerare',
    });
  });

  it('a lower-case number after a label', () => {
    expect(extractCaseNumbersFromHeading('Dnr: ku.2017.3')).toEqual({
      caseNumbers: one('Dnr: ku.2017.3', 'KU.2017.3'),
      titleRest: '',
    });
  });

  it('"§ 108 Redovisning av delegationsbeslut": no case number, the rest is the title', () => {
    expect(extractCaseNumbersFromHeading(' Redovisning av delegationsbeslut')).toEqual({
      caseNumbers: [],
      titleRest: 'Redovisning av delegationsbeslut',
    });
  });

  it('several case numbers: "§ 12 2024.001 KS, 2024.002 KS"', () => {
    expect(extractCaseNumbersFromHeading('2024.001 KS, 2024.002 KS')).toEqual({
      caseNumbers: [
        { raw: '2024.001 KS', normalized: '2024.001 KS' },
        { raw: '2024.002 KS', normalized: '2024.002 KS' },
      ],
      titleRest: '',
    });
  });

  it('several with "och" and a title after them', () => {
    expect(extractCaseNumbersFromHeading('Dnr KS 2019/45 och KS 2019/46 Taxor 2020')).toEqual({
      caseNumbers: [
        { raw: 'Dnr KS 2019/45', normalized: 'KS 2019/45' },
        { raw: 'KS 2019/46', normalized: 'KS 2019/46' },
      ],
      titleRest: 'Taxor 2020',
    });
  });

  it("a labelled case number at the end of the line, whatever the label's case", () => {
    for (const label of ['Dnr', 'DNR', 'dnr', 'Diarienummer', 'DIARIENR', 'Ärendenummer', 'ÄRENDENR', 'ärende nr']) {
      expect(extractCaseNumbersFromHeading(`Budget 2025 (${label} TN 2024/12)`)).toEqual({
        caseNumbers: one(`${label} TN 2024/12`, 'TN 2024/12'),
        titleRest: 'Budget 2025',
      });
    }
  });

  it('a labelled case number at the end of the line', () => {
    expect(extractCaseNumbersFromHeading('Budget 2025 för tekniska nämnden (Dnr TN 2024/12)')).toEqual({
      caseNumbers: one('Dnr TN 2024/12', 'TN 2024/12'),
      titleRest: 'Budget 2025 för tekniska nämnden',
    });
  });

  it.each([
    '2024 års budget', // a year alone is no case number
    'Plan för arbetet mot våld i nära relationer 2024–2027',
    'Detaljplan för Erska 1:55 med flera',
    'EU-projekt 2023',
    'Dnr saknas',
  ])('titles that only look numeric stay titles: %j', (title) => {
    expect(extractCaseNumbersFromHeading(title)).toEqual({ caseNumbers: [], titleRest: title });
  });

  it('does not take a mixed-case word after the number as a series code', () => {
    expect(extractCaseNumbersFromHeading('2023.563 Byte av stödcentrum')).toEqual({
      caseNumbers: one('2023.563', '2023.563'),
      titleRest: 'Byte av stödcentrum',
    });
    expect(extractCaseNumbersFromHeading('2023.563 EU-projekt')).toEqual({
      caseNumbers: one('2023.563', '2023.563'),
      titleRest: 'EU-projekt',
    });
  });

  it('every raw is a substring of the input and the title is the rest (property)', () => {
    const piece = fc.constantFrom(
      '2023.563 KS',
      'Dnr ',
      'SLK-2024-00067',
      ', ',
      ' och ',
      'Budget ',
      '(',
      ')',
      ' ',
      '2024',
      '/',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((a) => a.join('')),
        (rest) => {
          const { caseNumbers, titleRest } = extractCaseNumbersFromHeading(rest);
          for (const c of caseNumbers) expect(rest).toContain(c.raw);
          expect(rest).toContain(titleRest);
        },
      ),
    );
  });

  it('stays linear on long adversarial input', () => {
    expectLinear((n) => {
      const long = `Dnr ${'a.'.repeat(4 * n)} ${'1'.repeat(4 * n)}/ ${'Dnr '.repeat(n)}`;
      return () => extractCaseNumbersFromHeading(long);
    }, 5_000 / FACTOR);
  });
});

describe('caseNumbersOnlyLine', () => {
  it('reads a line of case numbers whatever its first character (digit, series code, label in either case)', () => {
    const cases: [string, string[]][] = [
      ['2023.563 KS', ['2023.563 KS']],
      ['  SLK-2024-00067', ['SLK-2024-00067']],
      ['Ärendenummer SLK-2024-00067', ['SLK-2024-00067']],
      ['ärende nr KS 2017/123', ['KS 2017/123']],
      ['dnr: ku.2017.3', ['KU.2017.3']],
      ['DNR 2012-KS0123', ['2012-KS0123']],
      ['Bun/2015:97   041', ['BUN/2015:97']],
      ['Öfn 2024/3', []],
      ['KS 2019/45, KS 2019/46', ['KS 2019/45', 'KS 2019/46']],
    ];
    for (const [line, normalized] of cases) {
      expect(caseNumbersOnlyLine(line)?.map((c) => c.normalized) ?? []).toEqual(normalized);
    }
  });

  it('takes no line that starts otherwise or holds more than numbers', () => {
    for (const line of [
      'kommunstyrelsen 2024/12',
      '(2023.563 KS)',
      'Bun/2015:97   041   x',
      '2023.563 KS Budget',
      '',
    ]) {
      expect(caseNumbersOnlyLine(line)).toBeUndefined();
    }
  });
});
