/**
 * Who met and when: the body (as printed in the page header), the meeting date and the municipality.
 */
import { makeLine, type Line } from '../lines.ts';
import { detectMunicipality, findMunicipality, MUNICIPALITIES } from '../../records/municipalities.ts';
import { findDate, ISO_DATE_RE, MONTH_PATTERN } from '../../text/swedish-dates.ts';
import { COLUMN_GAP_RE as COLUMN_GAP_SPLIT_RE } from './fields.ts';

/** The last word of a body's name: "Kommunstyrelsen", "Barn- och ungdomsnämnden", "Kommunfullmäktige" … */
const BODY_RE =
  /(?:nämnd|nämnden|styrelse|styrelsen|fullmäktige|utskott|utskottet|beredning|beredningen|revision|revisionen|revisorerna|direktion|direktionen|förbund|förbundet|råd|rådet|delegation|delegationen|presidium|presidiet)$/iu;
const NOT_BODY_RE = /^(?:\d{1,4}|Protokoll|PROTOKOLL|Sammanträdesprotokoll|SAMMANTRÄDESPROTOKOLL|Utdragsbestyrkande)$/u;
const MAX_BODY_LINES = 3;
const MAX_BODY_LENGTH = 80;

/** A line that is only a date, maybe after "Sammanträdesdatum"/"Datum" or a weekday: "2026-06-01", "1 juni 2026". */
const DATE_LINE_RE = new RegExp(
  String.raw`^(?:(?:Sammanträdesdatum|Sammanträdesdag|Mötesdatum|Datum|Sammanträdesprotokoll|Protokoll):?\s*)?(?:[A-Za-zåäö]{3,5}dag(?:en)?\s+)?(?:den\s+)?(\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:${MONTH_PATTERN})\.?\s+\d{4})$`,
  'iu',
);

/** The meeting date from the page header: the first line that is only a date. */
export function headerDate(header: readonly Line[]): { date: string; line: Line } | undefined {
  for (const line of header) {
    const m = DATE_LINE_RE.exec(line.text.trim());
    const date = m?.[1] ? findDate(m[1]) : undefined;
    if (date) return { date, line };
  }
  return undefined;
}

/** A date stated in a field value ("Sammanträdesdatum 2018-03-28"). */
export function dateIn(text: string): string | undefined {
  return ISO_DATE_RE.test(text) || /\d\s+[a-zåäö]+\.?\s+\d{4}|\d\.\d{1,2}\.\d{4}/iu.test(text)
    ? findDate(text)
    : undefined;
}

/** The words records/municipalities.ts detectMunicipality requires (it matches "<Name> kommun(s)", "<Name>s Stad"). */
const ORGANISATION_WORD_RE = /[Kk]ommun|KOMMUN|[Ss]tad|STAD|Region Gotland/u;

function isMunicipalityLine(text: string): boolean {
  // detectMunicipality finds nothing without an organisation word: the test rules most header lines out unread.
  // findMunicipality reads the whole text as a name, and no municipality's name (nor its slug) ends in a body word:
  // a body line ("Kommunstyrelsen", "ungdomsnämnden") is ruled out without folding it into a slug.
  return (
    (ORGANISATION_WORD_RE.test(text) && detectMunicipality(text) !== undefined) ||
    (!endsInBodyWord(text) && findMunicipality(text) !== undefined)
  );
}

/** The text ends in the last word of a body's name (BODY_RE). */
export function endsInBodyWord(text: string): boolean {
  return BODY_RE.test(text);
}

/**
 * The body as printed in the page header: consecutive header lines ending in a body word, joined
 * ("Barn- och" + "ungdomsnämnden" → "Barn- och ungdomsnämnden"). Page numbers, "Protokoll", dates and the
 * municipality's own name ("Göteborgs Stad") separate runs.
 */
export function headerBody(header: readonly Line[]): { body: string; line: Line } | undefined {
  const run: Line[] = [];
  // Each run is read as soon as it ends, in header order: the first that holds a body is the answer, and the lines
  // after it are never classified (the municipality test is the costly one).
  // "SAMHÄLLSBYGGNADSNÄMNDEN   SAMMANTRÄDESPROTOKOLL": each column of a header line is read on its own.
  for (const line of header) {
    if (!COLUMN_GAP_RE.test(line.text)) {
      const found = readHeaderColumn(line, run);
      if (found) return found;
      continue;
    }
    for (const column of columnsOf(line)) {
      const found = readHeaderColumn(column, run);
      if (found) return found;
    }
  }
  return bodyIn(run);
}

/** One column of the header: added to the run, or it ends the run (emptied), and the body the run held, if any. */
function readHeaderColumn(line: Line, run: Line[]): { body: string; line: Line } | undefined {
  const text = line.text.trim();
  const t = withoutMunicipality(text);
  if (t !== text && t !== '') {
    // "JÖNKÖPINGS KOMMUN Barn- och utbildningsnämnden": the body follows the municipality on one line.
    const found = bodyIn(run) ?? bodyIn([makeLine(t, line.page, line.line, line.layout)]);
    run.length = 0;
    return found;
  }
  if (NOT_BODY_RE.test(t) || DATE_LINE_RE.test(t) || isMunicipalityLine(t)) {
    const found = bodyIn(run);
    run.length = 0;
    return found;
  }
  run.push(line);
  return undefined;
}

/** The first body in a run of header lines: by start line, longest first ("Kommunstyrelsens" + "arbetsutskott"). */
function bodyIn(c: readonly Line[]): { body: string; line: Line } | undefined {
  for (let start = 0; start < c.length; start++) {
    for (let n = Math.min(MAX_BODY_LINES, c.length - start); n >= 1; n--) {
      const body = joinWrapped(c.slice(start, start + n).map((l) => l.text.trim()));
      const first = c[start];
      if (first && body.length <= MAX_BODY_LENGTH && BODY_RE.test(body)) return { body, line: first };
    }
  }
  return undefined;
}

const COLUMN_GAP_RE = /\S\s{3,}\S/u;

/** The columns of a header line with a column gap (COLUMN_GAP_RE). */
function columnsOf(line: Line): Line[] {
  return line.text
    .split(COLUMN_GAP_SPLIT_RE)
    .map((text) => makeLine(text.trim(), line.page, line.line, line.layout))
    .filter((l) => l.text !== '');
}

/** "JÖNKÖPINGS KOMMUN Barn- och …" → "Barn- och …"; lines that do not start with "<Name>s kommun" are returned as they are. */
function withoutMunicipality(text: string): string {
  // The prefix needs an organisation word (KOMMUN, kommun, STAD, stad): lines without one are returned unread.
  if (!ORGANISATION_WORD_RE.test(text)) return text;
  const m = MUNICIPALITY_PREFIX_RE.exec(text);
  return m && isMunicipalityLine(text.slice(0, m[0].length).trim()) ? text.slice(m[0].length) : text;
}

const MUNICIPALITY_PREFIX_RE =
  /^\p{Lu}[\p{L}-]{1,30}(?:\s\p{Lu}[\p{L}-]{1,30})?\s+(?:KOMMUN|[Kk]ommun|STAD|[Ss]tad)\s+(?=\p{Lu})/u;

const WORD_BREAK_RE = /\p{L}-$/u;
const LOWER_START_RE = /^\p{Ll}/u;

/** Joins wrapped header lines; a hyphen at a line end before a lower-case letter is a word break and goes away. */
export function joinWrapped(parts: readonly string[]): string {
  return parts.reduce((acc, part) => {
    if (acc === '') return part;
    if (WORD_BREAK_RE.test(acc) && LOWER_START_RE.test(part)) return acc.slice(0, -1) + part;
    return `${acc} ${part}`;
  }, '');
}

/**
 * The municipality named in the front matter: first as an organisation ("… Alingsås kommuns digitala
 * anslagstavla", "Göteborgs Stad"), else as the last part of a printed place ("Förvaringsplats för protokollet:
 * Rådhuset, Alingsås"), since the 2018 template names the municipality nowhere else.
 */
export function detectMunicipalityIn(lines: readonly Line[], places: readonly string[]): string | undefined {
  // detectMunicipality needs "kommun", "stad" or "Region Gotland" in the text: lines without one are skipped.
  // Each distinct text is read once (page headers repeat): a text that named no municipality names none again.
  const named = [...new Set(lines.filter((l) => ORGANISATION_WORD_RE.test(l.text)).map((l) => l.text))];
  const notice = named.filter((text) => /anslagstavla/iu.test(text));
  for (const text of notice) {
    const found = detectMunicipality(text);
    if (found) return found;
  }
  for (const text of named) {
    if (notice.includes(text)) continue;
    const found = detectMunicipality(text);
    if (found) return found;
  }
  for (const place of places) {
    const parts = place.split(/\s*,\s*/u).map((p) => p.replace(/[\s.]+$/u, ''));
    const found = parts.reverse().find((p) => MUNICIPALITIES.includes(p));
    if (found) return found;
  }
  return undefined;
}
