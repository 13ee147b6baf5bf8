import fc from 'fast-check';
import personnummerModule from 'personnummer';
import { describe, expect, it } from 'vitest';
import {
  classifyPersonalNumber,
  findPersonalNumbers,
  maskPersonalNumbers,
  PERSONAL_NUMBER_MASK,
} from '../../functions/core/privacy/personal-numbers.ts';

// The package's types declare an ES default export, but its CommonJS build assigns the class to module.exports:
// under NodeNext TypeScript sees a namespace while the runtime default import is the class. Accept either.
type PersonnummerClass = typeof personnummerModule.default;
const Personnummer = (
  'default' in personnummerModule ? personnummerModule.default : personnummerModule
) as PersonnummerClass;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Luhn check digit written independently of the implementation under test: (10 − sum mod 10) mod 10. */
function checkDigit(nine: string): number {
  const sum = [...nine].reduce((acc, ch, i) => {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + Math.floor(p / 10) + (p % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

const SEPARATORS_10 = ['-', '+', '', ' ', '\u2013'] as const;
const SEPARATORS_12 = ['', '-', ' '] as const;

interface Generated {
  written: string;
  kind: 'personnummer' | 'samordningsnummer';
}

/** A valid personnummer or samordningsnummer for a real date 1900–2099, in one of the written forms. */
const validNumber: fc.Arbitrary<Generated> = fc
  .record({
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
    long: fc.boolean(),
    sep10: fc.constantFrom(...SEPARATORS_10),
    sep12: fc.constantFrom(...SEPARATORS_12),
  })
  .map(({ date, serial, coordination, long, sep10, sep12 }) => {
    const year = date.getUTCFullYear();
    const day = date.getUTCDate() + (coordination ? 60 : 0);
    const short = pad(year % 100, 2) + pad(date.getUTCMonth() + 1, 2) + pad(day, 2);
    const nine = short + pad(serial, 3);
    const lastFour = pad(serial, 3) + String(checkDigit(nine));
    const written = long ? `${Math.floor(year / 100)}${short}${sep12}${lastFour}` : `${short}${sep10}${lastFour}`;
    return { written, kind: coordination ? 'samordningsnummer' : 'personnummer' } as const;
  });

/** Organisationsnummer shape: third digit ≥ 2, Luhn-valid, written with or without dash and the "16" prefix. */
const organisationsnummer: fc.Arbitrary<string> = fc
  .record({
    head: fc.integer({ min: 0, max: 99 }),
    third: fc.integer({ min: 2, max: 9 }),
    rest: fc.integer({ min: 0, max: 999_999 }),
    form: fc.constantFrom('dash', 'plain', 'prefixed', 'prefixed-dash'),
  })
  .map(({ head, third, rest, form }) => {
    const nine = pad(head, 2) + String(third) + pad(rest, 6);
    const ten = nine + String(checkDigit(nine));
    const dashed = `${ten.slice(0, 6)}-${ten.slice(6)}`;
    return { dash: dashed, plain: ten, prefixed: `16${ten}`, 'prefixed-dash': `16${dashed}` }[form];
  });

const boundary = fc.constantFrom(' ', '\n', '(', ')', ':', ',', '.', '-', 'a', 'Å', '§');

function sameSpans(matches: Array<{ index: number; length: number }>, text: string): void {
  let end = 0;
  for (const m of matches) {
    expect(m.index).toBeGreaterThanOrEqual(end);
    expect(m.index + m.length).toBeLessThanOrEqual(text.length);
    end = m.index + m.length;
  }
}

describe('findPersonalNumbers (properties)', () => {
  it('finds any valid number embedded in arbitrary text, at its exact position', () => {
    fc.assert(
      fc.property(fc.string(), boundary, validNumber, boundary, fc.string(), (pre, b1, pin, b2, post) => {
        const prefix = pre + b1;
        const text = prefix + pin.written + b2 + post;
        expect(findPersonalNumbers(text)).toContainEqual({
          kind: pin.kind,
          index: prefix.length,
          length: pin.written.length,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('never flags an organisationsnummer-shaped number', () => {
    const noDigits = fc.string().map((s) => s.replace(/\d/g, 'x'));
    fc.assert(
      fc.property(noDigits, organisationsnummer, noDigits, (pre, org, post) => {
        expect(findPersonalNumbers(`${pre} ${org} ${post}`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never flags a valid number that is part of a longer digit run', () => {
    const digits = (min: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: 5 });
    fc.assert(
      fc.property(digits(0), validNumber, digits(1), (before, pin, after) => {
        const glued = before + pin.written + after;
        // The number itself is never reported once digits touch it.
        const span = { index: before.length, length: pin.written.length };
        expect(findPersonalNumbers(glued)).not.toContainEqual({ kind: pin.kind, ...span });
        // A single run of more than 12 digits contains nothing at all, whatever valid numbers hide inside it.
        const run = before + pin.written.replace(/\D/g, '') + after;
        if (run.length > 12) expect(findPersonalNumbers(` ${run} `)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, returns ordered in-bounds spans, and masking leaves nothing to find', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...'0123456789-+ \u2013'), maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const matches = findPersonalNumbers(t);
        sameSpans(matches, t);
        const masked = maskPersonalNumbers(t);
        expect(findPersonalNumbers(masked)).toEqual([]);
        expect(masked.split(PERSONAL_NUMBER_MASK).length - 1).toBe(matches.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the `personnummer` package on 12-digit numbers (birth number 000 excepted, see unit test)', () => {
    const candidate = fc.record({
      century: fc.constantFrom('19', '20'),
      yy: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 95 }),
      serial: fc.integer({ min: 1, max: 999 }),
      check: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(candidate, ({ century, yy, month, day, serial, check }) => {
        const datePart = century + pad(yy, 2) + pad(month, 2) + pad(day, 2);
        const lastFour = pad(serial, 3) + String(check);
        const ours = classifyPersonalNumber(datePart, lastFour);
        const theirs = Personnummer.valid(datePart + lastFour);
        expect(ours !== null).toBe(theirs);
        if (theirs) {
          const coordination = Personnummer.parse(datePart + lastFour).isCoordinationNumber();
          expect(ours).toBe(coordination ? 'samordningsnummer' : 'personnummer');
        }
      }),
      { numRuns: 20000 },
    );
  });
});

describe('findPersonalNumbers on 1 MB adversarial input', () => {
  const MB = 1 << 20;

  it('finds every one of many numbers in a long text', () => {
    const unit = '850709-9805 ';
    const count = Math.floor(MB / unit.length);
    const matches = findPersonalNumbers(unit.repeat(count));
    expect(matches).toHaveLength(count);
    expect(matches[count - 1]).toEqual({ kind: 'personnummer', index: (count - 1) * unit.length, length: 11 });
  });

  it('completes on near-misses, long digit runs and random digits and dashes', () => {
    const nearMiss = '850709-9804 '.repeat(Math.floor(MB / 12)); // wrong check digit everywhere
    const run = '8'.repeat(MB);
    const sepRun = '850709-'.repeat(Math.floor(MB / 7));
    const random = fc.sample(fc.constantFrom(...'0123456789-+ '), { numRuns: MB, seed: 42 }).join('');
    expect(findPersonalNumbers(nearMiss)).toEqual([]);
    expect(findPersonalNumbers(run)).toEqual([]);
    expect(findPersonalNumbers(sepRun)).toEqual([]);
    const found = findPersonalNumbers(random);
    sameSpans(found, random);
    for (const m of found) {
      const written = random.slice(m.index, m.index + m.length);
      // Compact or spaced date part, a gap of spaces and at most two separators, the last four (personal-numbers.ts).
      expect(written).toMatch(
        /^(?:\d{6}|\d{8}|\d{2}[ -]\d{2}[ -]\d{2}|\d{4}[ -]\d{2}[ -]\d{2})(?: *[-+]){0,2} *\d{4}$/,
      );
    }
  });
});
