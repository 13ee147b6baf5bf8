import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  appealLastDay,
  appealLastDayIfKnown,
  InvalidIsoDateError,
  isNonWorkingDay,
  publicHolidays,
} from '../../functions/core/records/appeal-deadline.ts';
import { addDays, weekday } from '../../functions/core/text/swedish-dates.ts';

describe('appealLastDay (KL 13 kap. 5 §, lag 1930:173)', () => {
  // Vectors from DOMAIN-FACTS.md.
  it.each([
    ['2017-09-12', '2017-10-03'], // +21 is a Tuesday
    ['2024-12-03', '2024-12-27'], // julafton, juldagen, annandag jul → Friday
    ['2025-05-31', '2025-06-23'], // midsommardagen (Sat), Sunday → Monday
    ['2018-04-03', '2018-04-24'], // a Tuesday
  ])('notice %s → last day %s', (notice, last) => {
    expect(appealLastDay(notice)).toBe(last);
  });

  // Own vectors, each checked against a calendar.
  it.each([
    ['2018-04-09', '2018-04-30', 'Alingsås KF 2018-03-28: valborgsmässoafton is an ordinary weekday'],
    ['2025-03-28', '2025-04-22', 'långfredagen, påskafton (Sat), påskdagen, annandag påsk → Tuesday'],
    ['2025-03-27', '2025-04-17', 'skärtorsdagen is a working day'],
    ['2025-05-08', '2025-05-30', 'Kristi himmelsfärdsdag (Thu 29 May) → Friday'],
    ['2024-05-16', '2024-06-07', 'nationaldagen on a Thursday → Friday'],
    ['2025-05-19', '2025-06-09', 'annandag pingst is no allmän helgdag since 2005'],
    ['2024-12-10', '2025-01-02', 'nyårsafton (Tue), nyårsdagen → Thursday'],
    ['2025-12-03', '2025-12-29', 'julafton (Wed) through Sunday 28 Dec: a chain of five days'],
    ['2026-05-29', '2026-06-22', 'midsommarafton (Fri 19 Jun), midsommardagen, Sunday → Monday'],
    ['2025-12-16', '2026-01-07', 'trettondedag jul on a Tuesday, across the year boundary'],
    ['2026-04-10', '2026-05-04', '1 maj on a Friday, then the weekend → Monday'],
    ['2024-02-08', '2024-02-29', 'leap day is an ordinary Thursday'],
    ['2004-05-10', '2004-06-01', 'annandag pingst (Mon 31 May) was still a helgdag in 2004'],
  ])('notice %s → last day %s (%s)', (notice, last) => {
    expect(appealLastDay(notice)).toBe(last);
  });

  it('rejects strings that are not calendar dates with a named error', () => {
    expect(() => appealLastDay('2024-02-30')).toThrow(InvalidIsoDateError);
    expect(() => appealLastDay('9 april 2018')).toThrow(InvalidIsoDateError);
    expect(() => isNonWorkingDay('2024-13-01')).toThrow(InvalidIsoDateError);
  });

  it('appealLastDayIfKnown: the same day where it is computable, undefined where appealLastDay throws', () => {
    expect(appealLastDayIfKnown('2024-02-08')).toBe('2024-02-29');
    expect(appealLastDayIfKnown('2199-12-01')).toBe(appealLastDay('2199-12-01'));
    // 21 days after 20 December 2199 is in 2200, outside the calendar the helgdagar are computed for.
    expect(() => appealLastDay('2199-12-20')).toThrow(InvalidIsoDateError);
    expect(appealLastDayIfKnown('2199-12-20')).toBeUndefined();
    expect(appealLastDayIfKnown('2024-02-30')).toBeUndefined();
  });
});

describe('isNonWorkingDay', () => {
  it.each([
    ['2026-06-19', true], // midsommarafton (Friday)
    ['2026-12-24', true], // julafton (Thursday)
    ['2026-12-31', true], // nyårsafton (Thursday)
    ['2026-04-03', true], // långfredagen
    ['2026-05-14', true], // Kristi himmelsfärdsdag
    ['2026-06-06', true], // nationaldagen (Saturday anyway)
    ['2026-01-05', false], // trettondagsafton: not named in any of the laws
    ['2026-04-30', false], // valborgsmässoafton
    ['2026-10-30', false], // allhelgonaafton
    ['2026-06-01', false], // an ordinary Monday
  ])('%s → %s', (iso, expected) => {
    expect(isNonWorkingDay(iso)).toBe(expected);
  });
});

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus), independent of the library under test. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day in [from, to] with the given weekday (0 = Sunday). */
function firstWeekdayBetween(from: string, to: string, dow: number): string {
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) === dow) return d;
  throw new Error(`no weekday ${dow} between ${from} and ${to}`);
}

/** Lag (1989:253) om allmänna helgdagar 1 §, written out from the statute (Sundays aside). */
function statutoryHolidays(year: number): string[] {
  const easter = easterSunday(year);
  // A Set: two holidays can coincide (2008: Kristi himmelsfärdsdag on 1 May).
  const days = new Set([
    `${year}-01-01`, // nyårsdagen
    `${year}-01-06`, // trettondedag jul
    addDays(easter, -2), // långfredagen
    easter, // påskdagen
    addDays(easter, 1), // annandag påsk
    `${year}-05-01`, // första maj
    addDays(easter, 39), // Kristi himmelsfärdsdag: sjätte torsdagen efter påskdagen
    addDays(easter, 49), // pingstdagen: sjunde söndagen efter påskdagen
    // Nationaldagen replaced annandag pingst (the Monday after pingstdagen) as a helgdag from 2005.
    year >= 2005 ? `${year}-06-06` : addDays(easter, 50),
    firstWeekdayBetween(`${year}-06-20`, `${year}-06-26`, 6), // midsommardagen: lördagen 20–26 juni
    firstWeekdayBetween(`${year}-10-31`, `${year}-11-06`, 6), // alla helgons dag: lördagen 31 okt–6 nov
    `${year}-12-25`, // juldagen
    `${year}-12-26`, // annandag jul
  ]);
  return [...days].sort();
}

describe('the holiday calendar agrees with lag 1989:253 written out', () => {
  it('for every year 1990–2080', () => {
    for (let year = 1990; year <= 2080; year++) {
      expect([...publicHolidays(year)].sort(), String(year)).toEqual(statutoryHolidays(year));
    }
  });
});

describe('the holiday calendar agrees with the maintained date-holidays calendar', () => {
  it('for every year 1990–2100', () => {
    const calendar = new Holidays('SE');
    for (let year = 1990; year <= 2100; year++) {
      const reference = new Set(
        calendar
          .getHolidays(year)
          // date-holidays lists annandag pingst (rule "easter 50") only as an observance; it was a helgdag until 2004.
          .filter((h) => h.type === 'public' || (year <= 2004 && h.rule === 'easter 50'))
          .map((h) => h.date.slice(0, 10)),
      );
      expect([...publicHolidays(year)].sort(), String(year)).toEqual([...reference].sort());
    }
  });
});

describe('appealLastDay properties', () => {
  const noticeDates = fc.integer({ min: 0, max: 365 * 95 }).map((n) => addDays('1990-01-01', n));

  it('ends no earlier than notice + 21, on a working day, with only non-working days skipped', () => {
    fc.assert(
      fc.property(noticeDates, (notice) => {
        const last = appealLastDay(notice);
        const nominal = addDays(notice, 21);
        expect(last >= nominal).toBe(true);
        expect(isNonWorkingDay(last)).toBe(false);
        expect([0, 6]).not.toContain(weekday(last));
        for (let d = nominal; d < last; d = addDays(d, 1)) expect(isNonWorkingDay(d)).toBe(true);
        // Swedish runs of non-working days are short (longest: julafton–söndag or påsk); a week is a loose bound.
        expect(last <= addDays(nominal, 7)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
