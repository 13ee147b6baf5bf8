/**
 * The front matter of a protocol: everything before the first § heading (or the table of contents, whose lines
 * are § headings too). Page furniture (page numbers, repeated page headers, signature footers) is dropped here so
 * that the field reader sees only the cover page(s), including the 2018 template's ANSLAG/BEVIS block on page 3.
 */
import type { Line } from '../lines.ts';
import { isWhitespaceCode } from '../../text/whitespace.ts';
import { isLabelLine } from './fields.ts';

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

export function isParagraphHeadingLine(text: string): boolean {
  // Every form prints "§", "Paragraf" first or " D" (Dnr, DNR, Diarienummer): other lines are ruled out unread.
  if (!text.includes('§') && !text.includes(' D') && !text.includes('Paragraf')) return false;
  const t = text.trimStart();
  return HEADING_RES.some((re) => re.test(t));
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
  /** The first non-blank lines before any label or heading: page number, body, "Protokoll", date. */
  header: Line[];
  /** Front-matter lines without furniture and without the header zone: what the field reader reads. */
  content: Line[];
}

export function findFrontMatter(lines: readonly Line[]): FrontMatter {
  const headingAt = lines.findIndex((l) => isParagraphHeadingLine(l.text));
  const end = headingAt >= 0 ? headingAt : lines.findIndex((l) => l.page > MAX_FRONT_PAGES);
  const front = lines.slice(0, end >= 0 ? end : lines.length);
  const header = headerZone(front);
  const headerTexts = new Set(header.map((l) => l.text.trim()));
  const leading = leadingHeaderLines(front, headerTexts);
  const kept = front.filter((l) => !leading.has(l) && !isPlainFurniture(l.text.trim()));
  const content = dropHeadingPagePrelude(kept, headingAt >= 0 ? lines[headingAt]?.page : undefined);
  return { end: end >= 0 ? end : lines.length, header, content };
}

function headerZone(front: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const l of front) {
    // "Sammanträdesdatum 2024-01-10" is a label but also the page header's date line (Göteborg).
    if (isLabelLine(l.text) && !DATE_ONLY_RE.test(l.text.trim())) break;
    if (l.text.trim() === '') continue;
    out.push(l);
    if (out.length >= MAX_HEADER_LINES) break;
  }
  return out;
}

function isPlainFurniture(text: string): boolean {
  return text === '' || (mayBeFurniture(text.charCodeAt(0)) && (FURNITURE_RE.test(text) || DATE_ONLY_RE.test(text)));
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
 * The repeated page header: at the top of each page, the run of lines that are furniture or header texts (page
 * number, body, "Protokoll", date). A header text further down the page is content. One pass over the lines.
 */
function leadingHeaderLines(front: readonly Line[], headerTexts: ReadonlySet<string>): Set<Line> {
  const out = new Set<Line>();
  let page = -1;
  let inHeader = false;
  for (const line of front) {
    if (line.page !== page) {
      page = line.page;
      inHeader = true;
    }
    const t = line.text.trim();
    inHeader &&= isPlainFurniture(t) || headerTexts.has(t);
    if (inHeader) out.add(line);
  }
  return out;
}

/**
 * On the page where the first § heading stands, text before it that follows no label is a table-of-contents title
 * printed above its "§ N" line (2018 and 2026 templates), not a continuation of the cover page.
 */
function dropHeadingPagePrelude(kept: readonly Line[], headingPage: number | undefined): Line[] {
  if (headingPage === undefined) return [...kept];
  const onPage = kept.filter((l) => l.page === headingPage);
  if (onPage.some((l) => isLabelLine(l.text))) return [...kept];
  return kept.filter((l) => l.page !== headingPage);
}
