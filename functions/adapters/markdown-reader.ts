import type { LineLayout, PageText } from '../core/records/types.ts';

/**
 * Protocols converted from PDF to Markdown (portals, scrapers and LLM pipelines publish them so): the markup is the
 * layout. A `#` heading or a line in `**bold**` is emphasised, as a bold line in the PDF was; the markup itself is not
 * protocol text and is removed, the way a PDF extractor renders glyphs rather than font commands. Pipe tables become
 * rows of cells three spaces apart (a column gap, as the PDF extractor writes it); YAML front matter, link targets and
 * images are dropped. A heading that holds plain text followed by a bold span ("## BEHANDLING **Nämndens beslut**")
 * was two lines the converter glued together and is split back. Lines are read one by one (linear).
 */
export function looksLikeMarkdown(text: string): boolean {
  if (text.startsWith('---\n') || text.startsWith('---\r\n')) return true;
  let hints = 0;
  for (const line of text.slice(0, 20_000).split('\n')) {
    if (/^#{1,6}\s/u.test(line) || /^\|.*\|\s*$/u.test(line) || /\*\*\S/u.test(line)) hints += 1;
    if (hints >= 3) return true;
  }
  return false;
}

interface Out {
  lines: string[];
  layout: LineLayout[];
}

export function markdownPages(text: string): PageText[] {
  const pages: PageText[] = [];
  text.split('\f').forEach((part, i) => {
    const out: Out = { lines: [], layout: [] };
    const rows = part.replace(/\r\n?/gu, '\n').split('\n');
    const start = i === 0 ? frontMatterEnd(rows) : 0;
    for (let k = start; k < rows.length; k += 1) {
      if (isTableRow(rows[k] as string)) {
        k = readTable(rows, k, out) - 1;
        continue;
      }
      readLine(rows[k] as string, out);
    }
    pages.push({ number: i + 1, text: out.lines.join('\n'), layout: out.layout });
  });
  if (pages.length > 1 && (pages[pages.length - 1]?.text ?? '').trim() === '') pages.pop();
  return pages;
}

/** Index of the first line after a YAML front matter block, 0 when there is none. */
function frontMatterEnd(rows: readonly string[]): number {
  if (rows[0]?.trim() !== '---') return 0;
  for (let k = 1; k < Math.min(rows.length, 200); k += 1) if (rows[k]?.trim() === '---') return k + 1;
  return 0;
}

const HEADING_RE = /^\s{0,3}(#{1,6})\s+/u;
const QUOTE_RE = /^\s{0,3}>\s?/u;
const TABLE_SEPARATOR_RE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
/** Plain text, then a bold span that ends the line: "BARN- OCH … BEHANDLING **Barn- och … beslut**". */
const GLUED_RE = /^([^*]*\S)\s+\*\*([^*]+)\*\*\s*$/u;

function readLine(raw: string, out: Out): void {
  let line = raw;
  while (QUOTE_RE.test(line)) line = line.replace(QUOTE_RE, '');
  const heading = HEADING_RE.exec(line);
  if (heading) line = line.slice(heading[0].length).replace(/\s+#+\s*$/u, '');
  if (TABLE_SEPARATOR_RE.test(line) && line.includes('-') && line.includes('|')) return;
  // A converter glues a line to the next: "## BEHANDLING **Nämndens beslut**", "BEHANDLING **Yrkanden**" (caps first).
  const glued = GLUED_RE.exec(line.trim());
  if (glued && (heading || !/\p{Ll}/u.test(glued[1] as string))) {
    push(out, glued[1] as string, true);
    push(out, `**${glued[2] as string}**`, true);
    return;
  }
  push(out, line, heading !== null);
}

/**
 * A pipe table as rows of cells in fixed columns (each as wide as its widest cell, three spaces apart), so that a
 * voteringslista keeps its X marks under the Ja / Nej / Avstår headers, as layout text from a PDF does. Returns the
 * index after the table.
 */
function readTable(rows: readonly string[], from: number, out: Out): number {
  let end = from;
  while (end < rows.length && isTableRow(rows[end] as string)) end += 1;
  const cells = rows
    .slice(from, end)
    .filter((r) => !(TABLE_SEPARATOR_RE.test(r) && r.includes('-')))
    .map((r) => splitCells(r).map((c) => inline(c)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.text.length)));
  for (const row of cells) {
    const last = row.reduce((n, c, j) => (c.text !== '' ? j : n), -1);
    const text = row
      .slice(0, last + 1)
      .map((c, j) => (j < last ? c.text.padEnd(widths[j] ?? 0) : c.text))
      .join('   ');
    const strong = row.reduce((n, c) => n + c.strong, 0);
    const visible = text.replace(/\s+/gu, '').length;
    out.lines.push(text.replace(/\s+$/u, ''));
    out.layout.push({
      x: 0,
      right: 0,
      size: 1,
      emphasis: visible > 0 ? Math.round(Math.min(1, strong / visible) * 1000) / 1000 : 0,
    });
  }
  return end;
}

function splitCells(line: string): string[] {
  const t = line.trim();
  return t
    .slice(1, t.endsWith('|') ? -1 : undefined)
    .split('|')
    .map((c) => c.trim());
}

function isTableRow(line: string): boolean {
  const t = line.trim();
  return t.startsWith('|') && t.endsWith('|') && t.length > 1;
}

/** The line without inline markup, and the share of its characters that were bold or in a heading. */
function push(out: Out, line: string, heading: boolean): void {
  const { text, strong } = inline(line);
  const visible = text.replace(/\s+/gu, '').length;
  const emphasis = heading ? 1 : visible > 0 ? Math.min(1, strong / visible) : 0;
  out.lines.push(text.replace(/\s+$/u, ''));
  out.layout.push({ x: 0, right: 0, size: heading ? 1.2 : 1, emphasis: Math.round(emphasis * 1000) / 1000 });
}

/**
 * Removes emphasis markers (**, __, *, _ around words), backslash escapes, links and images, counting the visible
 * characters inside ** or __. One pass over the characters.
 */
function inline(line: string): { text: string; strong: number } {
  let text = '';
  let strong = 0;
  let bold = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] as string;
    const next = line[i + 1];
    const run = markRun(line, i);
    if (run >= 3) {
      // "***", "___": a written redaction marker or a rule, not emphasis
      text += line.slice(i, i + run);
      i += run - 1;
    } else if (c === '\\' && next !== undefined && /[\\`*_{}[\]()#+\-.!|>]/u.test(next)) {
      text += next;
      if (bold && next.trim() !== '') strong += 1;
      i += 1;
    } else if ((c === '*' || c === '_') && next === c) {
      bold = !bold;
      i += 1;
    } else if ((c === '*' || c === '_') && isEmphasisMark(line, i)) {
      // a single * or _ opening or closing italics: markup, not text
    } else if (c === '!' && next === '[' && linkEnd(line, i + 1) > 0) {
      i = linkEnd(line, i + 1);
    } else if (c === '[') {
      const end = linkEnd(line, i);
      if (end > 0) {
        text += line.slice(i + 1, line.indexOf(']', i));
        i = end;
      } else text += c;
    } else {
      text += c;
      if (bold && c.trim() !== '') strong += 1;
    }
  }
  return { text, strong };
}

/** A single * or _ is markup when it touches a word on one side and space (or the line edge) on the other. */
function isEmphasisMark(line: string, i: number): boolean {
  const before = line[i - 1] ?? ' ';
  const after = line[i + 1] ?? ' ';
  const word = (s: string) => /[\p{L}\p{N}:.,!?)”"]/u.test(s);
  return (
    (before.trim() === '' && word(after)) || (word(before) && after.trim() === '') || before === '(' || after === ')'
  );
}

/** "[text](url)": the index of the closing ")" or -1. */
function linkEnd(line: string, open: number): number {
  const close = line.indexOf(']', open);
  if (close < 0 || line[close + 1] !== '(') return -1;
  const end = line.indexOf(')', close + 2);
  return end > 0 && end - close < 2000 ? end : -1;
}

/** How many of the same mark character (* or _) start at `i`. */
function markRun(line: string, i: number): number {
  const c = line[i];
  if (c !== '*' && c !== '_') return 0;
  let n = 1;
  while (line[i + n] === c) n += 1;
  return n;
}
