/**
 * Swedish date phrases → ISO dates. Pure; no clock. Handles "2024-02-05", "20240205", "11 maj 2020",
 * "den 6 november 2024", "5 feb. 2024". Returns undefined for anything that is not a real calendar date.
 */
const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augusti: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export const MONTH_PATTERN =
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec';

/** Matches "11 maj 2020" / "6 november 2024" / "5 feb. 2024" (captures day, month word, year). */
export const SWEDISH_DATE_RE = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_PATTERN})\\.?\\s+(\\d{4})\\b`, 'iu');

/** Matches an ISO date 2024-02-05 (captures year, month, day). */
export const ISO_DATE_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/u;

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) return undefined;
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  // The year has four digits (1900–2199); month and day get their leading zero without padStart's string copies.
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** `String(n).padStart(2, '0')`: a zero before 0–9 (a number with a longer text, "1.5" or "NaN", gets none). */
function twoDigits(n: number): string {
  return n >= 0 && n < 10 && Number.isInteger(n) ? `0${n}` : `${n}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The first date found in `text`, as ISO, or undefined. */
export function findDate(text: string): string | undefined {
  const sv = SWEDISH_DATE_RE.exec(text);
  const iso = ISO_DATE_RE.exec(text);
  const fromSv = sv ? swedishMatchToIso(sv) : undefined;
  const fromIso = iso ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
  if (fromSv && fromIso) return (sv?.index ?? 0) <= (iso?.index ?? 0) ? fromSv : fromIso;
  return fromSv ?? fromIso ?? compactDate(text) ?? dottedDate(text);
}

/** "15.9.2022", "15.09.2022": day.month.year, as Finland-Swedish protocols write dates. */
const DOTTED_DATE_RE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])/u;

function dottedDate(text: string): string | undefined {
  const m = DOTTED_DATE_RE.exec(text);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

export function swedishMatchToIso(m: RegExpExecArray): string | undefined {
  const month = MONTHS[(m[2] ?? '').toLowerCase()];
  return month ? isoDate(Number(m[3]), month, Number(m[1])) : undefined;
}

function compactDate(text: string): string | undefined {
  const m = /\b(\d{4})(\d{2})(\d{2})\b/u.exec(text);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Adds days to an ISO date (UTC arithmetic, no time zone involved). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** The months as written in running text, January first. */
const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2026-04-20" → "20 april 2026", as dates are written in running text in Swedish protocols (findDate reads it back). */
export function swedishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}
