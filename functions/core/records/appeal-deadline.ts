/**
 * Last day to appeal a decision (laglighetsprövning).
 *
 * KL (2017:725) 13 kap. 5 §: the appeal must arrive within three weeks from the day the justering of the minutes was
 * announced on the digital anslagstavla. Lag (1930:173) om beräkning av lagstadgad tid: a period in weeks ends on the
 * same weekday, and when its last day is a Saturday, Sunday or other allmän helgdag, midsommarafton, julafton or
 * nyårsafton, the period instead ends on the next day that is none of these.
 *
 * Allmänna helgdagar (lag 1989:253) come from the maintained `date-holidays` calendar (type "public" for SE):
 * nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, 1 maj, Kristi himmelsfärdsdag, pingstdagen,
 * nationaldagen (from 2005; annandag pingst until 2004), midsommardagen, alla helgons dag, juldagen, annandag jul (and
 * every Sunday). The three aftnar are not helgdagar but lag 1930:173 names them, so they are added here explicitly.
 *
 * Everything is compared as calendar-date strings "YYYY-MM-DD": the library's `date` field is the local Swedish
 * calendar date, whereas its `start` instants would shift by the UTC offset.
 */
import Holidays from 'date-holidays';
import { addDays, isoDate, weekday } from '../text/swedish-dates.ts';

export class InvalidIsoDateError extends Error {
  override name = 'InvalidIsoDateError';
}

/** KL 13 kap. 5 §: "inom tre veckor". */
export const APPEAL_PERIOD_DAYS = 21;

/**
 * Annandag pingst was an allmän helgdag until 2004; from 2005 nationaldagen took its place. The library lists it
 * only as an observance, so it is added back for those years (its rule is "easter 50": the day after pingstdagen).
 */
const LAST_YEAR_WITH_WHIT_MONDAY = 2004;

let calendar: Holidays | undefined;
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** Allmänna helgdagar (lag 1989:253) of a year, as ISO date strings. Cached per year. */
export function publicHolidays(year: number): ReadonlySet<string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  calendar ??= new Holidays('SE');
  const days = new Set(
    calendar
      .getHolidays(year)
      .filter((h) => h.type === 'public' || (year <= LAST_YEAR_WITH_WHIT_MONDAY && h.rule === 'easter 50'))
      .map((h) => h.date.slice(0, 10)),
  );
  holidaysByYear.set(year, days);
  return days;
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

function requireIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  const valid = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!valid) throw new InvalidIsoDateError(`Not an ISO calendar date: ${JSON.stringify(iso)}`);
  return valid;
}
