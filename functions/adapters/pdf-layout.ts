/**
 * Rebuilds reading-order lines from positioned PDF text runs. PDF text is a bag of runs with coordinates; protocols
 * are laid out as label/value columns (cover page) and running text. We group runs into lines by baseline, order
 * them left to right, insert a space where there is a word gap and three spaces where there is a column gap, so the
 * parser can tell "Ej tjänstgörande   Irene Jonsson (S)" (two columns) from running text.
 *
 * pdf.js fills the space between two columns with a whitespace-only run as wide as the gap; measuring from that run
 * would make every column gap look like a word gap ("Plats och tid Alströmerteatern,"), so such runs are ignored and
 * the gap is measured between the visible runs on either side.
 *
 * The same pass measures each line's layout marks (types.ts `LineLayout`): where it stands, how large its type is
 * against the page's body text, how much of it is set in another font than the body (bold headings, decision
 * markers), and whether it is rotated margin text (e-signature stamps). Rotated runs never join horizontal lines:
 * they become lines of their own after the page's running text.
 */
import type { LineLayout } from '../core/records/types.ts';

export interface TextRun {
  str: string;
  x: number;
  /** Baseline, PDF units, growing upwards. */
  y: number;
  width: number;
  /** Font size (approximately the glyph height). */
  height: number;
  /** The font the run is set in (pdf.js loadedName); runs without one count as body text. */
  font?: string;
  /** The run is rotated (its text direction is not left to right on the page). */
  rotated?: boolean;
}

export interface LaidOutPage {
  lines: string[];
  layout: LineLayout[];
  /** Holes in running text (possible black-box redaction): the line they are on and where, in page units. */
  holes: Hole[];
}

export interface Hole {
  line: number;
  x0: number;
  x1: number;
  /** Baseline and font size of the line. */
  y: number;
  size: number;
}

/**
 * A gap wider than this many font sizes is a column gap. Measured on the Alingsås corpus (6 PDFs, 141 pages): gaps
 * after list bullets reach 1.34 em, the narrowest label/value gap on a cover page ("Paragrafer   §§32-40") is 1.58 em.
 */
const COLUMN_GAP_EM = 1.45;
/** A list marker is followed by a tab stop, often wider than a column gap; it still starts running text. */
const LIST_MARKER = /^(?:[-–—•·*▪◦]|\d{1,2}[.)]|[a-z][.)])$/u;
/** A gap wider than this many font sizes is a word gap. */
const WORD_GAP_EM = 0.12;
/** A hole in running text at least this wide (in font sizes) is counted as a gap where glyphs may be missing. */
const HOLE_EM = 2.5;

interface Row {
  y: number;
  height: number;
  runs: TextRun[];
}

/** Lines only (the layout marks dropped); kept for callers that need the text alone. */
export function layoutLines(runs: readonly TextRun[]): string[] {
  return layoutPage(runs, 0).lines;
}

/**
 * Lines and their layout marks. `pageWidth` 0 leaves x/right as raw PDF units. `documentFonts` (characters per font
 * over the whole document) steadies the choice of the body font on a page with little text, where a bold heading
 * may carry as many characters as the body.
 */
export function layoutPage(
  runs: readonly TextRun[],
  pageWidth: number,
  documentFonts?: ReadonlyMap<string, number>,
): LaidOutPage {
  const visible = runs.filter((r) => r.str.trim().length > 0);
  const flat = visible.filter((r) => !r.rotated);
  const body = bodyStyle(flat, documentFonts);
  const rows = groupRows(flat);
  rows.sort((a, b) => b.y - a.y);
  const lines: string[] = [];
  const layout: LineLayout[] = [];
  const holes: Hole[] = [];
  const width = pageWidth > 0 ? pageWidth : 1;
  for (const row of rows) {
    const built = rowText(row);
    if (built.text.trim().length === 0) continue;
    for (const h of built.holes) holes.push({ line: lines.length, x0: h[0], x1: h[1], y: row.y, size: row.height });
    lines.push(built.text);
    layout.push(marks(row, body, width));
  }
  for (const column of rotatedLines(visible.filter((r) => r.rotated))) {
    lines.push(column.text);
    layout.push({ ...column.layout, x: round(column.layout.x / width), right: round(column.layout.right / width) });
  }
  return { lines, layout, holes };
}

/**
 * The page's body text: the font and the size that carry the most characters. The font's count on the page is added
 * to its share of the document's characters scaled to the page, so one page of bold headings does not make bold the
 * body font, while a merged document whose pages each use their own fonts is judged page by page.
 */
function bodyStyle(
  runs: readonly TextRun[],
  documentFonts?: ReadonlyMap<string, number>,
): { font: string | undefined; size: number } {
  const fonts = new Map<string, number>();
  const sizes = new Map<number, number>();
  let chars = 0;
  for (const r of runs) {
    const n = r.str.length;
    chars += n;
    if (r.font !== undefined) fonts.set(r.font, (fonts.get(r.font) ?? 0) + n);
    const size = Math.round(r.height * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
  }
  if (documentFonts && documentFonts.size > 0) {
    let total = 0;
    for (const n of documentFonts.values()) total += n;
    for (const [font, n] of fonts) fonts.set(font, n + ((documentFonts.get(font) ?? 0) * chars) / total);
  }
  return { font: argmax(fonts), size: argmax(sizes) ?? 10 };
}

/** Characters per font over a document's pages (horizontal runs only). */
export function fontCounts(pages: ReadonlyArray<readonly TextRun[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const runs of pages) {
    for (const r of runs)
      if (r.font !== undefined && !r.rotated) out.set(r.font, (out.get(r.font) ?? 0) + r.str.length);
  }
  return out;
}

function argmax<K>(counts: Map<K, number>): K | undefined {
  let best: K | undefined;
  let most = -1;
  for (const [k, n] of counts) if (n > most) [best, most] = [k, n];
  return best;
}

function marks(row: Row, body: { font: string | undefined; size: number }, width: number): LineLayout {
  let left = Number.POSITIVE_INFINITY;
  let right = 0;
  let chars = 0;
  let apart = 0;
  let size = 0;
  for (const r of row.runs) {
    left = Math.min(left, r.x);
    right = Math.max(right, r.x + r.width);
    const n = r.str.trim().length;
    chars += n;
    if (body.font !== undefined && r.font !== undefined && r.font !== body.font) apart += n;
    size = Math.max(size, r.height);
  }
  const out: LineLayout = {
    x: round(left / width),
    right: round(right / width),
    size: round(body.size > 0 ? size / body.size : 1),
    emphasis: round(chars > 0 ? apart / chars : 0),
  };
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function groupRows(runs: readonly TextRun[]): Row[] {
  // Sort by baseline so each run only has to be compared with the current row: O(n log n).
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  let current: Row | undefined;
  for (const run of sorted) {
    const tolerance = Math.max(1.5, Math.min(run.height, current?.height ?? run.height) * 0.45);
    if (current && Math.abs(current.y - run.y) <= tolerance) {
      current.runs.push(run);
      current.height = Math.max(current.height, run.height);
    } else {
      current = { y: run.y, height: run.height, runs: [run] };
      rows.push(current);
    }
  }
  return rows;
}

function rowText(row: Row): { text: string; holes: Array<[number, number]> } {
  const runs = [...row.runs].sort((a, b) => a.x - b.x);
  let text = '';
  let end: number | undefined;
  const holes: Array<[number, number]> = [];
  for (const run of runs) {
    const em = run.height > 0 ? run.height : row.height || 10;
    if (end !== undefined) {
      const gap = run.x - end;
      if (gap > COLUMN_GAP_EM * em && !LIST_MARKER.test(text.trim())) {
        if (gap > HOLE_EM * em && isHole(text, run.str)) holes.push([end, run.x]);
        text = `${text.trimEnd()}   `;
      } else if (gap > WORD_GAP_EM * em && !text.endsWith(' ') && !run.str.startsWith(' ')) text += ' ';
    }
    text += run.str;
    end = Math.max(end ?? run.x, run.x + run.width);
  }
  return { text: text.replace(/\s+$/u, ''), holes };
}

/**
 * A wide gap is a hole in running text, not a column gap, when the sentence visibly goes on across it: the text before
 * ends in a lower-case letter or a comma (no label, no full stop) and the text after starts in lower case.
 */
function isHole(before: string, after: string): boolean {
  const b = before.trimEnd();
  const last = b[b.length - 1] ?? '';
  const first = after.trimStart()[0] ?? '';
  return /[\p{Ll},]/u.test(last) && /\p{Ll}/u.test(first) && /\p{L}{2,}\s\p{L}/u.test(b);
}

/**
 * Rotated runs (text turned 90° in a margin: "Signature reference: …", "Dokumentet är elektroniskt signerat") become
 * lines of their own, one per column of runs sharing an x position, read in the direction of the text.
 */
function rotatedLines(runs: readonly TextRun[]): Array<{ text: string; layout: LineLayout }> {
  const sorted = [...runs].sort((a, b) => a.x - b.x || a.y - b.y);
  const columns: TextRun[][] = [];
  for (const run of sorted) {
    const last = columns[columns.length - 1];
    const ref = last?.[0];
    if (last && ref && Math.abs(ref.x - run.x) <= Math.max(1.5, run.height * 0.45)) last.push(run);
    else columns.push([run]);
  }
  return columns.map((column) => {
    const ordered = [...column].sort((a, b) => a.y - b.y);
    const x = Math.min(...ordered.map((r) => r.x));
    return {
      text: ordered.map((r) => r.str.trim()).join(' '),
      layout: { x, right: x, size: 1, emphasis: 0, rotated: true },
    };
  });
}
