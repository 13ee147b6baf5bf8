import { describe, expect, it } from 'vitest';
import {
  classifyPersonalNumber,
  containsPersonalNumber,
  findPersonalNumbers,
  luhnValid,
  maskPersonalNumbers,
  PERSONAL_NUMBER_MASK,
} from '../../functions/core/privacy/personal-numbers.ts';

// Check digits below were computed by hand (weights 2,1,2,… from the left, digit sums), e.g. 850709980:
// 16→7, 5, 0, 7, 0, 9, 18→9, 8, 0 = 45 → check digit 5.

describe('findPersonalNumbers: the forms a personnummer is written in', () => {
  it.each([
    ['198507099805', 'personnummer'],
    ['19850709-9805', 'personnummer'],
    ['19850709 9805', 'personnummer'],
    ['850709-9805', 'personnummer'],
    ['850709+9805', 'personnummer'],
    ['8507099805', 'personnummer'],
    ['850709 9805', 'personnummer'],
    ['850709\u00a09805', 'personnummer'],
    ['850709\u20139805', 'personnummer'], // en dash, as PDF text extraction often yields
    ['850709\u22129805', 'personnummer'], // minus sign
    ['121212+1212', 'personnummer'], // centenarian form
    ['19121212+1212', 'personnummer'],
    ['191212121212', 'personnummer'],
    ['701063-2391', 'samordningsnummer'], // born 1970-10-03, day + 60
    ['197010632391', 'samordningsnummer'],
  ] as const)('%s is a %s', (written, kind) => {
    expect(findPersonalNumbers(written)).toEqual([{ kind, index: 0, length: written.length }]);
  });

  it('reports the position inside running text', () => {
    const text = 'Sökande: Anna Andersson, 850709-9805, Storgatan 1, 441 30 Alingsås.';
    const [match] = findPersonalNumbers(text);
    expect(match).toEqual({ kind: 'personnummer', index: 25, length: 11 });
    expect(text.slice(25, 36)).toBe('850709-9805');
  });

  it('finds several, in order', () => {
    const text = 'Vårdnadshavare 850709-9805 och 701063-2391 (samordningsnummer).';
    expect(findPersonalNumbers(text)).toEqual([
      { kind: 'personnummer', index: 15, length: 11 },
      { kind: 'samordningsnummer', index: 31, length: 11 },
    ]);
  });

  it('flags a number glued to letters (conservative: only digits count as a boundary)', () => {
    expect(findPersonalNumbers('pnr:850709-9805,')).toHaveLength(1);
    expect(findPersonalNumbers('Dnr850709-9805')).toHaveLength(1);
  });

  it('flags birth number 000 although Skatteverket does not issue it (the personnummer package rejects it)', () => {
    // 850709000 → 7+5+0+7+0+9+0+0+0 = 28 → check digit 2.
    expect(findPersonalNumbers('850709-0002')).toEqual([{ kind: 'personnummer', index: 0, length: 11 }]);
  });
});

describe('findPersonalNumbers: what must not be flagged', () => {
  it.each([
    ['organisationsnummer (kommun)', '212000-1355'],
    ['organisationsnummer (bolag)', '556036-0793'],
    ['organisationsnummer without dash', '5560360793'],
    ['organisationsnummer with 16 prefix', '165560360793'],
    ['case number', '2023.563 KS'],
    ['case number with year', 'SLK-2024-00067'],
    ['phone number', '031-123 45 67'],
    ['phone number with area code', '0322-61 60 00'],
    ['date', '2024-02-05'],
    ['amount in mnkr', '230,5 mnkr'],
    ['amount with spaces', '1 234 567 kr'],
    ['15-digit run containing a valid number', '123198507099805'],
    ['11-digit run containing a valid number', '18507099805'],
    ['valid number followed by more digits', '850709-98051'],
  ])('%s: %s', (_label, text) => {
    expect(findPersonalNumbers(text)).toEqual([]);
    expect(maskPersonalNumbers(text)).toBe(text);
  });

  it('organisationsnummer vectors are Luhn-valid, so it is the date check that rejects them', () => {
    expect(luhnValid('2120001355')).toBe(true);
    expect(luhnValid('5560360793')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(findPersonalNumbers('850709-9804')).toEqual([]);
    expect(findPersonalNumbers('198507099806')).toEqual([]);
  });

  it('rejects a Luhn-valid number whose date does not exist', () => {
    // 850230123 → 7+5+0+2+6+0+2+2+6 = 30 → check 0; 30 February.
    expect(luhnValid('8502301230')).toBe(true);
    expect(findPersonalNumbers('850230-1230')).toEqual([]);
  });

  it('handles 29 February by century: 2000 was a leap year, 1900 was not', () => {
    // 000229123 → 0+0+0+2+4+9+2+2+6 = 25 → check 5.
    expect(findPersonalNumbers('200002291235')).toHaveLength(1);
    expect(findPersonalNumbers('000229-1235')).toHaveLength(1);
    expect(findPersonalNumbers('190002291235')).toEqual([]);
  });

  it('rejects a 12-digit form whose century cannot be a birth year', () => {
    expect(findPersonalNumbers('178507099805')).toEqual([]);
  });

  it('rejects a samordningsnummer day beyond the month (day 92 = 32)', () => {
    // 701092239 → 14→5+0+2+0+18→9+2+4+3+18→9 = 34 → check 6.
    expect(luhnValid('7010922396')).toBe(true);
    expect(findPersonalNumbers('701092-2396')).toEqual([]);
  });

  it('never throws on non-string input from untyped callers', () => {
    expect(findPersonalNumbers(undefined as unknown as string)).toEqual([]);
    expect(findPersonalNumbers(12 as unknown as string)).toEqual([]);
  });
});

describe('matches never carry the digits', () => {
  it('has only kind, index and length', () => {
    const [match] = findPersonalNumbers('Elev 850709-9805.');
    expect(Object.keys(match ?? {}).sort()).toEqual(['index', 'kind', 'length']);
    expect(JSON.stringify(match)).not.toMatch(/850709|9805/);
  });
});

describe('maskPersonalNumbers', () => {
  it('replaces each number and keeps everything else', () => {
    const text = 'Vårdnadshavare 850709-9805 och 701063-2391, tel. 031-123 45 67.';
    expect(maskPersonalNumbers(text)).toBe(
      `Vårdnadshavare ${PERSONAL_NUMBER_MASK} och ${PERSONAL_NUMBER_MASK}, tel. 031-123 45 67.`,
    );
    expect(PERSONAL_NUMBER_MASK).toBe('[personnummer borttaget]');
  });

  it('returns the same string when there is nothing to mask', () => {
    const text = 'Kommunstyrelsen beslutar att bevilja 230,5 mnkr, dnr 2023.563 KS.';
    expect(maskPersonalNumbers(text)).toBe(text);
    expect(containsPersonalNumber(text)).toBe(false);
  });
});

describe('classifyPersonalNumber', () => {
  it('classifies date part and last four digits', () => {
    expect(classifyPersonalNumber('850709', '9805')).toBe('personnummer');
    expect(classifyPersonalNumber('19701063', '2391')).toBe('samordningsnummer');
    expect(classifyPersonalNumber('556036', '0793')).toBeNull();
    expect(classifyPersonalNumber('85070', '9805')).toBeNull();
  });
});
