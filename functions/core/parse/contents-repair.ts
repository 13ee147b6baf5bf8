import type { ParseWarning } from '../records/types.ts';
import type { BuiltParagraph } from './build-paragraph.ts';
import type { Line } from './lines.ts';
import type { Boundary } from './paragraph-boundaries.ts';
import { matchHeadingLine } from './heading-line.ts';
import type { TextLayerAssessment } from './text-layer-quality.ts';

/**
 * The table of contents as a second witness. Where the text layer is damaged, a § title may read "Mötestier 2022;
 * älfälrisälnäieä" while the contents, set in an intact font, print "Mötestider 2022; Välfärdsnämnden". When the two
 * are the same title damaged (similar letters, similar length) the contents' wording is taken, verbatim from the
 * source, with a warning. A title that really differs from its contents entry ("Lägesrapport från
 * välfärdsområdet" against "… från Österbottens välfärdsområde") is kept: only damage is repaired.
 */
const LEADER_RE = /\s*(?:\.{3,}|…{2,}|(?:\s\.){3,})\s*\d{1,4}$/u;
const MIN_SIMILARITY = 0.6;

export function repairTitlesFromContents(
  built: BuiltParagraph[],
  content: readonly Line[],
  boundaries: readonly Boundary[],
  textLayer: TextLayerAssessment,
  warnings: ParseWarning[],
): void {
  if (!textLayer.damaged || built.length === 0) return;
  const entries = contentsEntries(content, boundaries[0]?.start ?? content.length);
  if (entries.size === 0) return;
  for (const b of built) {
    const p = b.paragraph;
    const entry = entries.get(p.number);
    if (!entry || entry === p.title) continue;
    if (!sameTitleDamaged(p.title, entry)) continue;
    warnings.push({
      code: 'repaired-from-contents',
      paragraph: p.number,
      position: { page: p.pages[0], line: 0 },
      message: `§ ${p.number}: the title "${p.title}" is damaged in the text layer; the table of contents reads "${entry}"`,
    });
    p.title = entry;
  }
}

/** Contents entries before the first §: "47 § Mötestider 2022; Välfärdsnämnden ........ 15" → 47 → the title. */
function contentsEntries(content: readonly Line[], end: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < end; i += 1) {
    const t = (content[i] as Line).text.trim();
    if (!LEADER_RE.test(t)) continue;
    const m = matchHeadingLine(t.replace(LEADER_RE, ''));
    if (m && m.rest !== '' && !out.has(m.number)) out.set(m.number, m.rest);
  }
  return out;
}

function letters(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\d]/gu, '');
}

/** Similar letters in a similar number: 2·LCS / (|a| + |b|) over letters and digits, lengths within a third. */
export function sameTitleDamaged(title: string, entry: string): boolean {
  const a = letters(title);
  const b = letters(entry);
  if (a.length === 0 || b.length === 0 || a.length > 200 || b.length > 200) return false;
  if (Math.min(a.length, b.length) / Math.max(a.length, b.length) < 0.75) return false;
  return (2 * lcs(a, b)) / (a.length + b.length) >= MIN_SIMILARITY;
}

function lcs(a: string, b: string): number {
  // Two rows, reused: the previous row and the one being filled (lengths are at most 200).
  let row = new Array<number>(b.length + 1).fill(0);
  let next = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const ai = a.charCodeAt(i - 1);
    next[0] = 0;
    for (let j = 1; j <= b.length; j += 1) {
      next[j] =
        ai === b.charCodeAt(j - 1) ? (row[j - 1] as number) + 1 : Math.max(row[j] as number, next[j - 1] as number);
    }
    const done = row;
    row = next;
    next = done;
  }
  return row[b.length] as number;
}
