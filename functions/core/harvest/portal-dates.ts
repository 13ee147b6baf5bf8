import { findDate, isoDate, MONTH_PATTERN, swedishMatchToIso } from '../text/swedish-dates.ts';

/**
 * Dates as portals write them in titles, link texts and file names: "Kommunfullmäktige 2024-02-05",
 * "240205-kf-protokoll.pdf", "Protokoll KF 240205 §§ 1-20.pdf", "5 februari 2024", "20240205". Pure.
 */
export function dateInName(name: string): string | undefined {
  const text = name.slice(0, 300);
  const full = findDate(text);
  if (full !== undefined) return full;
  // Six digits standing alone (not part of a case number such as 2024.563 or a longer digit run): YYMMDD, 20YY.
  for (const m of text.matchAll(/(?<!\d|\d\.)(\d{2})(\d{2})(\d{2})(?!\d|\.\d)/gu)) {
    const iso = isoDate(2000 + Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso !== undefined) return iso;
  }
  return undefined;
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:${MONTH_PATTERN})\.?\s+\d{4})`;
/**
 * A notice (anslag) date given with a label: "Anslagsdatum: 2024-02-12", "Anslaget 2024-02-12 – 2024-03-05",
 * "Datum för anslag 12 februari 2024", "Justeringen tillkännagiven 2024-02-12", "anslagsdatum: 2024-02-12" (a JSON
 * key flattened to text). The label must come just before the date (at most 40 characters between them), so a date
 * elsewhere on the page is never taken for it. The noun "Tillkännagivande" is no label: documents are named
 * "Tillkännagivande KF 2024-02-05" after the meeting, and a meeting date taken for the notice date would give a wrong
 * appeal deadline, which is worse than none.
 */
const NOTICE_RE = new RegExp(
  String.raw`(?:anslagsdatum|anslaget|anslagen|anslag(?:et)?\s+uppsatt|datum\s+för\s+anslag|anslagstavlan|tillkännagi(?:ven|vits|vet))[^\d\n]{0,40}?${DATE}`,
  'iu',
);

export function noticeDateIn(text: string): string | undefined {
  const m = NOTICE_RE.exec(text.slice(0, 20_000));
  if (!m) return undefined;
  const raw = m[1] ?? '';
  if (/^\d{4}-/u.test(raw)) return isoDate(Number(raw.slice(0, 4)), Number(raw.slice(5, 7)), Number(raw.slice(8, 10)));
  const sv = new RegExp(String.raw`(\d{1,2})\s+(${MONTH_PATTERN})\.?\s+(\d{4})`, 'iu').exec(raw);
  return sv ? swedishMatchToIso(sv) : undefined;
}

/** True when `date` (YYYY-MM-DD) lies in [from, to], both inclusive; ISO dates compare as strings. */
export function inRange(date: string, range: { from: string; to: string }): boolean {
  return date >= range.from && date <= range.to;
}
