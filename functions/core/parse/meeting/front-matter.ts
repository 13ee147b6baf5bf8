/**
 * The front matter of a protocol: everything before the first § heading (or the table of contents, whose lines
 * are § headings too). Page furniture (page numbers, repeated page headers, signature footers) is dropped here so
 * that the field reader sees only the cover page(s), including the 2018 template's ANSLAG/BEVIS block on page 3.
 */
import type { Line } from '../lines.ts';
import { isWhitespaceCode } from '../../text/whitespace.ts';
import { isLabelText } from './fields.ts';

/**
 * A line that starts a § (or a table-of-contents entry): "§ 94 …", "§94", "§ 27 ", "KF § 102 DNR: …",
 * "Ks 1 Dnr 2012-KS0123". "§§94-98" (a range) is not a heading.
 */
const HEADING_RES: readonly RegExp[] = [
  /^(?:[-•]\s+)?§(?!§)\s*\d/u,
  /^[A-ZÅÄÖ]{2,6}(?: [A-ZÅÄÖ]{2,5})? §(?!§)\s*\d/u,
  /^[A-ZÅÄÖ][a-zåäö]{0,3} \d{1,4} (?:Dnr|DNR|Diarienummer)\b/u,
  /^\d{1,4}[a-z]?\s?§(?!§)(?:\s+\p{Lu}|$)/u,
  /^Paragraf\s+\d{1,4}\b/u,
];

/** The heading forms in one alternation: one regex call answers for all of them. */
const HEADING_RE = new RegExp(HEADING_RES.map((re) => `(?:${re.source})`).join('|'), 'u');

export function isParagraphHeadingLine(text: string): boolean {
  // Every form prints "§", "Paragraf" first or " D" (Dnr, DNR, Diarienummer): other lines are ruled out unread.
  if (!text.includes('§') && !text.includes(' D') && !text.includes('Paragraf')) return false;
  return HEADING_RE.test(text.trimStart());
}

/** When no § heading is found, the cover is looked for on the first pages only. */
const MAX_FRONT_PAGES = 4;
/** The header zone (body, date) is at most this many non-blank lines at the very top. */
const MAX_HEADER_LINES = 12;

const FURNITURE_RE =
  /^(?:\d{1,4}|Utdragsbestyrkande|Justerandes sign.*|Justerandes signatur.*|Protokoll|PROTOKOLL|Sammanträdesprotokoll|SAMMANTRÄDESPROTOKOLL|Sida \d+(?: ?(?:\(|av )\d+\)?)?|[.…_·\s]{3,})$/u;
const DATE_ONLY_RE = /^(?:\d{4}-\d{2}-\d{2}|Sammanträdesdatum:? \d{4}-\d{2}-\d{2})$/u;

export interface FrontMatter {
  /** Index in `lines` of the first § heading (lines.length when there is none). */
  end: number;
  /** The trimmed text of each line before `end`, in order: every later reader of the front matter takes it from here. */
  trimmed: string[];
  /** The first non-blank lines before any label or heading: page number, body, "Protokoll", date. */
  header: Line[];
  /** Front-matter lines without furniture and without the header zone: what the field reader reads. */
  content: Line[];
  /** The trimmed text of each `content` line. */
  contentTexts: string[];
}

export function findFrontMatter(lines: readonly Line[]): FrontMatter {
  const headingAt = lines.findIndex((l) => isParagraphHeadingLine(l.text));
  const found = headingAt >= 0 ? headingAt : lines.findIndex((l) => l.page > MAX_FRONT_PAGES);
  const end = found >= 0 ? found : lines.length;
  // Each front line is trimmed once here; the header zone, the furniture test, the label test and the field reader
  // all read these texts.
  const trimmed: string[] = [];
  for (let i = 0; i < end; i += 1) trimmed.push((lines[i] as Line).text.trim());
  const header = headerZone(lines, trimmed);
  const headerTexts = new Set<string>();
  for (const l of header) headerTexts.add(l.text.trim());
  const content: Line[] = [];
  const contentTexts: string[] = [];
  keepContent(lines, trimmed, headerTexts, content, contentTexts);
  if (headingAt >= 0) dropHeadingPagePrelude(content, contentTexts, (lines[headingAt] as Line).page);
  return { end, trimmed, header, content, contentTexts };
}

function headerZone(lines: readonly Line[], trimmed: readonly string[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < trimmed.length; i += 1) {
    const t = trimmed[i] as string;
    // "Sammanträdesdatum 2024-01-10" is a label but also the page header's date line (Göteborg).
    if (isLabelText(t) && !DATE_ONLY_RE.test(t)) break;
    if (t === '') continue;
    out.push(lines[i] as Line);
    if (out.length >= MAX_HEADER_LINES) break;
  }
  return out;
}

/** FURNITURE_RE or DATE_ONLY_RE, in one call. */
const PLAIN_FURNITURE_RE = new RegExp(`(?:${FURNITURE_RE.source})|(?:${DATE_ONLY_RE.source})`, 'u');

function isPlainFurniture(text: string): boolean {
  return text === '' || (mayBeFurniture(text.charCodeAt(0)) && PLAIN_FURNITURE_RE.test(text));
}

/**
 * The first characters FURNITURE_RE and DATE_ONLY_RE can start with: a digit, U (Utdragsbestyrkande), J (Justerandes),
 * P (Protokoll), S (Sida, Sammanträdes…), a leader (. … _ ·) or whitespace. Most cover lines are ruled out by it.
 */
function mayBeFurniture(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    c === 0x55 ||
    c === 0x4a ||
    c === 0x50 ||
    c === 0x53 ||
    c === 0x2e ||
    c === 0x2026 ||
    c === 0x5f ||
    c === 0xb7 ||
    isWhitespaceCode(c)
  );
}

/**
 * The front lines the field reader reads (into `content`, their trimmed texts into `texts`): not plain furniture and
 * not in a repeated page header, the run of lines at the top of each page that are furniture or header texts (page
 * number, body, "Protokoll", date). A header text further down the page is content. One pass over the lines.
 */
function keepContent(
  lines: readonly Line[],
  trimmed: readonly string[],
  headerTexts: ReadonlySet<string>,
  content: Line[],
  texts: string[],
): void {
  let page = -1;
  let inHeader = false;
  for (let i = 0; i < trimmed.length; i += 1) {
    const line = lines[i] as Line;
    if (line.page !== page) {
      page = line.page;
      inHeader = true;
    }
    const t = trimmed[i] as string;
    const plain = isPlainFurniture(t);
    inHeader &&= plain || headerTexts.has(t);
    if (inHeader || plain) continue;
    content.push(line);
    texts.push(t);
  }
}

/**
 * On the page where the first § heading stands, text before it that follows no label is a table-of-contents title
 * printed above its "§ N" line (2018 and 2026 templates), not a continuation of the cover page. Removed in place.
 */
function dropHeadingPagePrelude(content: Line[], texts: string[], headingPage: number): void {
  for (let i = 0; i < content.length; i += 1) {
    if ((content[i] as Line).page === headingPage && isLabelText(texts[i] as string)) return;
  }
  let n = 0;
  for (let i = 0; i < content.length; i += 1) {
    if ((content[i] as Line).page === headingPage) continue;
    content[n] = content[i] as Line;
    texts[n] = texts[i] as string;
    n += 1;
  }
  content.length = n;
  texts.length = n;
}
