import type { LineLayout, PageText } from '../core/records/types.ts';
import { decodeEntities } from '../core/text/html-entities.ts';

/**
 * Protocols converted to HTML (pdftohtml, Word "save as web page", portals that publish the protocol as a page): block
 * elements end lines, table cells are set three spaces apart (a column gap, as the PDF extractor writes it), headings
 * and <b>/<strong> mark emphasis, a CSS page break (or pdftohtml's page anchors) starts a new page. Scripts, styles
 * and comments are dropped and character references decoded. One pass over the markup (no regex backtracking over
 * the document), so it stays linear on hostile input.
 */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'title',
  'hr',
  'body',
  'html',
  'main',
  'nav',
  'aside',
  'figure',
]);
const CELL = new Set(['td', 'th']);
const STRONG = new Set(['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg']);
const PAGE_BREAK_RE = /page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page/iu;

interface State {
  pages: PageText[];
  lines: string[];
  layout: LineLayout[];
  line: string;
  strong: number;
  depthStrong: number;
  skip: string | undefined;
  cells: number;
  sawHeading: boolean;
}

export function htmlPages(html: string): PageText[] {
  const st: State = {
    pages: [],
    lines: [],
    layout: [],
    line: '',
    strong: 0,
    depthStrong: 0,
    skip: undefined,
    cells: 0,
    sawHeading: false,
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i && st.skip === undefined) text(st, decodeEntities(html.slice(i, textEnd)));
    if (lt < 0) break;
    i = tag(st, html, lt);
  }
  endLine(st);
  endPage(st);
  return st.pages.length > 0 ? st.pages : [{ number: 1, text: '', layout: [{ x: 0, right: 0, size: 1, emphasis: 0 }] }];
}

function text(st: State, chunk: string): void {
  const t = chunk.replace(/\s+/gu, ' ');
  if (t === ' ' && st.line === '') return;
  st.line += st.line === '' ? t.trimStart() : t;
  if (st.depthStrong > 0) st.strong += t.replace(/\s+/gu, '').length;
}

/** Reads the tag (or comment) starting at `lt`; returns the index after it. */
function tag(st: State, html: string, lt: number): number {
  if (html.startsWith('<!--', lt)) {
    const end = html.indexOf('-->', lt + 4);
    return end < 0 ? html.length : end + 3;
  }
  const gt = html.indexOf('>', lt + 1);
  if (gt < 0) return html.length;
  const body = html.slice(lt + 1, gt);
  const closing = body.startsWith('/');
  const name = /^\/?\s*([a-zA-Z][a-zA-Z0-9]*)/u.exec(body)?.[1]?.toLowerCase() ?? '';
  if (st.skip !== undefined) {
    if (closing && name === st.skip) st.skip = undefined;
    return gt + 1;
  }
  if (!closing && SKIP.has(name) && !body.endsWith('/')) {
    st.skip = name;
    return gt + 1;
  }
  if (!closing && PAGE_BREAK_RE.test(body)) {
    endLine(st);
    endPage(st);
  }
  if (BLOCK.has(name)) {
    endLine(st);
    if (name === 'hr' && !closing) pushLine(st, '____', 0);
  }
  if (CELL.has(name) && !closing) {
    if (st.cells > 0 && st.line.trim() !== '') st.line = `${st.line.trimEnd()}   `;
    st.cells += 1;
  }
  if (name === 'tr') st.cells = 0;
  if (STRONG.has(name)) st.depthStrong = Math.max(0, st.depthStrong + (closing ? -1 : 1));
  if (/^h[1-6]$/u.test(name) && !closing) st.sawHeading = true;
  return gt + 1;
}

function endLine(st: State): void {
  const t = st.line.trim();
  if (t !== '') {
    const visible = t.replace(/\s+/gu, '').length;
    pushLine(st, t, visible > 0 ? Math.min(1, st.strong / visible) : 0);
  }
  st.line = '';
  st.strong = 0;
  st.sawHeading = false;
}

function pushLine(st: State, t: string, emphasis: number): void {
  st.lines.push(t);
  st.layout.push({ x: 0, right: 0, size: st.sawHeading ? 1.2 : 1, emphasis: Math.round(emphasis * 1000) / 1000 });
}

function endPage(st: State): void {
  if (st.lines.length === 0 && st.pages.length > 0) return;
  // An empty page is one empty line, with its mark, so that marks and lines always line up.
  const layout = st.layout.length > 0 ? st.layout : [{ x: 0, right: 0, size: 1, emphasis: 0 }];
  st.pages.push({ number: st.pages.length + 1, text: st.lines.join('\n'), layout });
  st.lines = [];
  st.layout = [];
}

/** Starts like an HTML document (a protocol never starts with "<"). */
export function looksLikeHtml(start: string): boolean {
  if (!start.startsWith('<')) return false;
  return /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/iu.test(start.slice(0, 4096));
}
