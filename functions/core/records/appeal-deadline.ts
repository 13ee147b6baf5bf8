/**
 * Last day to appeal a decision (laglighetsprövning).
 *
 * KL (2017:725) 13 kap. 5 §: the appeal must arrive within three weeks from the day the justering of the minutes was
 * announced on the digital anslagstavla. Lag (1930:173) om beräkning av lagstadgad tid: a period in weeks ends on the
 * same weekday, and when its last day is a Saturday, Sunday or other allmän helgdag, midsommarafton, julafton or
 * nyårsafton, the period instead ends on the next day that is none of these.
 *
 * Allmänna helgdagar (lag 1989:253): nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, 1 maj,
 * Kristi himmelsfärdsdag, pingstdagen, nationaldagen (from 2005; annandag pingst until 2004), midsommardagen, alla
 * helgons dag, juldagen, annandag jul, and every Sunday. The movable feasts hang on Easter, which comes from the
 * maintained `date-easter` package (the same author's `date-holidays` is far too large for a Lambda bundle: 1.5 MB);
 * the statute's own rules place the rest. test/unit/appeal-deadline.test.ts cross-checks every year 1990–2100
 * against the full `date-holidays` calendar. The three aftnar are not helgdagar but lag 1930:173 names them, so they
 * are added here explicitly.
 *
 * Everything is compared as calendar-date strings "YYYY-MM-DD"; no time zone is involved.
 */
import { easter } from 'date-easter';
import { addDays, isoDate, weekday } from '../text/swedish-dates.ts';

export class InvalidIsoDateError extends Error {
  override name = 'InvalidIsoDateError';
}

/** KL 13 kap. 5 §: "inom tre veckor". */
export const APPEAL_PERIOD_DAYS = 21;

/** Lag 1989:253 as amended by SFS 2004:1320: nationaldagen replaced annandag pingst from 2005. */
const FIRST_YEAR_WITH_NATIONAL_DAY = 2005;

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** Allmänna helgdagar (lag 1989:253) of a year other than Sundays, as ISO date strings. Cached per year. */
export function publicHolidays(year: number): ReadonlySet<string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const e = easter(year);
  const easterDay = isoDate(e.year, e.month, e.day) ?? `${year}-04-01`;
  const fromEaster = (days: number): string => addDays(easterDay, days);
  const days = new Set<string>([
    `${year}-01-01`, // nyårsdagen
    `${year}-01-06`, // trettondedag jul
    fromEaster(-2), // långfredagen
    easterDay, // påskdagen
    fromEaster(1), // annandag påsk
    `${year}-05-01`, // första maj
    fromEaster(39), // Kristi himmelsfärdsdag
    fromEaster(49), // pingstdagen
    year >= FIRST_YEAR_WITH_NATIONAL_DAY ? `${year}-06-06` : fromEaster(50), // nationaldagen / annandag pingst
    saturdayBetween(`${year}-06-20`), // midsommardagen: the Saturday 20–26 June
    saturdayBetween(`${year}-10-31`), // alla helgons dag: the Saturday 31 October – 6 November
    `${year}-12-25`, // juldagen
    `${year}-12-26`, // annandag jul
  ]);
  holidaysByYear.set(year, days);
  return days;
}

/** The Saturday in the seven days starting at `first`. */
function saturdayBetween(first: string): string {
  return addDays(first, (6 - weekday(first) + 7) % 7);
}

/**
 * Lag 1930:173 2 §: midsommarafton, julafton and nyårsafton. Midsommarafton is the Friday before midsommardagen,
 * which lag 1989:253 puts on the Saturday 20–26 June; so it is the Friday 19–25 June.
 */
export function isEveNamedInLaw(iso: string): boolean {
  const monthDay = iso.slice(5);
  if (monthDay === '12-24' || monthDay === '12-31') return true;
  const day = Number(iso.slice(8, 10));
  return iso.slice(5, 7) === '06' && day >= 19 && day <= 25 && weekday(iso) === 5;
}

/** A day on which a period under lag 1930:173 cannot end: Saturday, Sunday, allmän helgdag or one of the aftnar. */
export function isNonWorkingDay(iso: string): boolean {
  const date = requireIsoDate(iso);
  const dow = weekday(date);
  if (dow === 0 || dow === 6) return true;
  return publicHolidays(Number(date.slice(0, 4))).has(date) || isEveNamedInLaw(date);
}

/** The last day an appeal may arrive, given the date the justering was announced (KL 13 kap. 5 §, lag 1930:173). */
export function appealLastDay(noticeDate: string): string {
  let day = addDays(requireIsoDate(noticeDate), APPEAL_PERIOD_DAYS);
  // At most a handful of consecutive non-working days exist (e.g. julafton–annandag jul + weekend); the bound only
  // guarantees termination.
  for (let i = 0; i < 30 && isNonWorkingDay(day); i++) day = addDays(day, 1);
  return day;
}

/**
 * appealLastDay for a notice date read from a document or a caller: undefined where it would throw, i.e. when the
 * period ends outside the calendar the helgdagar are computed for (1900–2199: a notice typed as "2199-12-20"). A
 * content problem is the parser's warning, never its exception.
 */
export function appealLastDayIfKnown(noticeDate: string): string | undefined {
  try {
    return appealLastDay(noticeDate);
  } catch (error) {
    if (error instanceof InvalidIsoDateError) return undefined;
    throw error;
  }
}

function requireIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  const valid = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!valid) throw new InvalidIsoDateError(`Not an ISO calendar date: ${JSON.stringify(iso)}`);
  return valid;
}
