import type { Line } from './lines.ts';

/**
 * Removes page furniture: the lines a template prints on every page (body name, "Protokoll", the meeting date, the
 * page number, "Utdragsbestyrkande", "Justerandes sign" …). Found by repetition rather than per-municipality lists:
 * a line text that recurs in the top or bottom zone of most pages is furniture wherever it sits in that zone.
 * A small generic list covers texts that are furniture anywhere (signature boxes), and single-page texts whose
 * page headers survived as repeated blocks ("Protokoll nr 1" / "Sammanträdesdatum: 2024-01-10").
 */
const TOP_ZONE = 6;
const BOTTOM_ZONE = 3;
const MIN_PAGES = 3;

/** Furniture wherever it appears. */
const ALWAYS_FURNITURE = [
  /^Sida\s+\d{1,4}(?:\s*(?:av|\/)\s*\d{1,4}|\s*\(\d{1,4}\))?$/iu,
];
/** Furniture when the same text recurs (≥ 2 times) in a document. */
const REPEATED_FURNITURE = [
  /^Protokoll(?:\s+nr\.?\s*\d{1,4})?$/iu,
  /^Sammanträdesdatum:?(?:\s+\d{4}-\d{2}-\d{2})?$/iu,
  /^\d{4}-\d{2}-\d{2}$/u,
];
/** Meaningful statements that must never be taken for furniture even when they repeat on most pages. */
const NEVER_FURNITURE = /justerad|justerat|omedelbar|sekretess|^§|reserv/iu;
/** Signature-box words: a line made only of these ("Justerandes sign Justerandes sign Utdragsbestyrkande"). */
const SIGNATURE_WORDS = new Set([
  'justerandes', 'justerande', 'ordförandes', 'sekreterarens', 'sign', 'sign.', 'signatur', 'signaturer',
  'utdragsbestyrkande',
]);

function isSignatureBox(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/u);
  return words.length <= 12 && words.every((w) => SIGNATURE_WORDS.has(w)) && !words.every((w) => w.startsWith('sign'));
}

export function stripPageFurniture(lines: readonly Line[]): Line[] {
  const pages = groupByPage(lines);
  const positional = pages.size >= MIN_PAGES ? zoneRepeats(pages) : undefined;
  const counts = countTexts(lines);
  const removed = new Set<Line>();
  const headerLines = new Set<Line>();
  for (const [, pageLines] of pages) {
    const content = pageLines.filter((l) => l.text.trim() !== '');
    for (const l of content) {
      const t = l.text.trim();
      if (NEVER_FURNITURE.test(t)) continue;
      if (isSignatureBox(t) || ALWAYS_FURNITURE.some((re) => re.test(t))) removed.add(l);
      else if (
        ((counts.get(t) ?? 0) >= 2 && REPEATED_FURNITURE.some((re) => re.test(t))) ||
        (/protokoll\b/iu.test(t) && !/^protokolls/iu.test(t) && t.length <= 60 && (counts.get(t) ?? 0) >= 3)
      ) {
        removed.add(l);
        headerLines.add(l);
      }
    }
    if (positional) removeZones(content, positional, removed);
  }
  if (!positional) removeRepeatedBodyLines(lines, removed, headerLines, counts);
  return lines.filter((l) => !removed.has(l));
}

/**
 * Header and footer lines form a block at the very top and bottom of a page: zone furniture is removed only while
 * it is contiguous from the page edge, so the same text further in (a recipient "Kommunstyrelsen") stays.
 */
function removeZones(content: readonly Line[], zones: { top: Set<string>; bottom: Set<string> }, removed: Set<Line>): void {
  const isFurniture = (l: Line, set: Set<string>) =>
    removed.has(l) || (!NEVER_FURNITURE.test(l.text.trim()) && (set.has(l.text.trim()) || isPageNumber(l.text.trim(), l.page)));
  for (let i = 0; i < Math.min(TOP_ZONE, content.length); i += 1) {
    const l = content[i] as Line;
    if (!isFurniture(l, zones.top)) break;
    removed.add(l);
  }
  for (let i = content.length - 1; i >= Math.max(0, content.length - BOTTOM_ZONE); i -= 1) {
    const l = content[i] as Line;
    if (!isFurniture(l, zones.bottom)) break;
    removed.add(l);
  }
}

function isPageNumber(text: string, page: number): boolean {
  return /^\d{1,4}$/u.test(text) && Number(text) === page;
}

function groupByPage(lines: readonly Line[]): Map<number, Line[]> {
  const pages = new Map<number, Line[]>();
  for (const l of lines) {
    const list = pages.get(l.page);
    if (list) list.push(l);
    else pages.set(l.page, [l]);
  }
  return pages;
}

function countTexts(lines: readonly Line[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.text.trim();
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Texts found in the top (bottom) zone of at least half of the pages. */
function zoneRepeats(pages: Map<number, Line[]>): { top: Set<string>; bottom: Set<string> } {
  const top = new Map<string, number>();
  const bottom = new Map<string, number>();
  for (const [, pageLines] of pages) {
    const content = pageLines.map((l) => l.text.trim()).filter((t) => t !== '');
    for (const t of new Set(content.slice(0, TOP_ZONE))) top.set(t, (top.get(t) ?? 0) + 1);
    for (const t of new Set(content.slice(-BOTTOM_ZONE))) bottom.set(t, (bottom.get(t) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(pages.size / 2));
  const pick = (m: Map<string, number>): Set<string> =>
    new Set([...m].filter(([t, n]) => n >= need && !NEVER_FURNITURE.test(t)).map(([t]) => t));
  return { top: pick(top), bottom: pick(bottom) };
}

/**
 * A page header that survived inside running text (texts without page breaks) leaves the body name next to the
 * other header lines: "Kommunstyrelsen" … "Protokoll nr 1" / "Sammanträdesdatum: …". Such a short repeated line is
 * removed only where it stands up to four lines before a removed header line, so a recipient "Kommunstyrelsen" stays.
 */
function removeRepeatedBodyLines(
  lines: readonly Line[], removed: Set<Line>, headerLines: ReadonlySet<Line>, counts: Map<string, number>,
): void {
  // The body name heads the surviving header block: it stands before "Protokoll nr N", never after it.
  const nearRemoved = (i: number): boolean => {
    for (let d = 1; d <= 4; d += 1) {
      const other = lines[i + d];
      if (other && headerLines.has(other) && other.page === lines[i]?.page) return true;
    }
    return false;
  };
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (removed.has(l) || t.length === 0 || t.length > 40 || (counts.get(t) ?? 0) < 3) return;
    if (!/^[A-ZÅÄÖ][\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u.test(t) || NEVER_FURNITURE.test(t)) return;
    if (/(?:styrelse|nämnd|fullmäktige|utskott)\p{L}*$/iu.test(t) && nearRemoved(i)) removed.add(l);
  });
}
