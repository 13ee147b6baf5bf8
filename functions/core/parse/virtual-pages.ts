import { hasOuterWhitespace } from '../text/whitespace.ts';
import { makeLine, type Line } from './lines.ts';

/**
 * Protocols converted to text or Markdown often lose their page breaks but keep what every page printed: the page
 * counter ("4 (20)", "Sida 4 av 20", "4/20") in the repeated page header. Where such counters rise by one with the same
 * total, each one marks a new page, so the text can be cut back into its printed pages: § records then cite the
 * printed page, and page furniture is found by repetition across pages as in a PDF. The page starts at the header
 * block the counter belongs to: the lines just above it whose texts recur throughout the document.
 * Runs only on single-page input; one pass plus a count of short lines (linear).
 */
const COUNTER_RES: readonly RegExp[] = [
  /^(\d{1,4})\s?\((\d{1,4})\)$/u,
  /^Sida\s+(\d{1,4})\s*(?:av|\/|\()\s*(\d{1,4})\)?$/iu,
  /^(\d{1,4})\s?\/\s?(\d{1,4})$/u,
  /^(\d{1,4})\s+av\s+(\d{1,4})$/iu,
];
const MIN_COUNTERS = 3;
/** The signature footer ends the page before: the header block starts after it. */
const FOOTER_RE = /^(?:Justerandes|Justerande|Utdragsbestyrkande|Ordförandes)\b/iu;
const MAX_HEADER_ABOVE = 4;
/** Longer lines are never counted as recurring header lines. */
const MAX_REPEATED = 80;
/** What a page header of a protocol says: "Protokoll", "SAMMANTRÄDESPROTOKOLL", "Protokollsutdrag". */
const PROTOKOLL_RE = /protokoll/iu;

export function inferPages(lines: readonly Line[]): readonly Line[] {
  // Nothing to re-cut (most input): the lines themselves, not a copy.
  if (lines.length === 0 || lines[lines.length - 1]?.page !== lines[0]?.page) return lines;
  const counters = findCounters(lines);
  const starts = counters.length >= MIN_COUNTERS ? pageStarts(lines, counters) : repeatedOpening(lines);
  if (starts.length === 0) return lines;
  const out: Line[] = [];
  let k = 0;
  let page = starts[0]?.page ?? 1;
  let first = 0;
  for (let i = 0; i < lines.length; i += 1) {
    if (k < starts.length && i === starts[k]?.index) {
      page = starts[k]?.page ?? page;
      first = i;
      k += 1;
    }
    const l = lines[i] as Line;
    // Before the first start the page is the one before it (the cover page carries no counter in some templates).
    const number = k === 0 ? Math.max(1, page - 1) : page;
    out.push(makeLine(l.text, number, k === 0 ? l.line : i - first + 1, l.layout));
  }
  return out;
}

interface Counter {
  index: number;
  page: number;
  total: number;
}

/** The longest run of counters with one total whose page numbers rise by one. */
function findCounters(lines: readonly Line[]): Counter[] {
  const byTotal = new Map<number, Counter[]>();
  for (let i = 0; i < lines.length; i += 1) {
    const raw = (lines[i] as Line).text;
    // Counters are short: most lines are ruled out by their length before anything is allocated.
    if (raw.length === 0 || raw.length > 40) continue;
    const t = raw.trim();
    if (t.length === 0 || t.length > 16) continue;
    const c = t.charCodeAt(0);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x53 || c === 0x73)) continue;
    for (const re of COUNTER_RES) {
      const m = re.exec(t);
      if (!m) continue;
      const page = Number(m[1]);
      const total = Number(m[2]);
      if (page >= 1 && page <= total) {
        const list = byTotal.get(total) ?? [];
        list.push({ index: i, page, total });
        byTotal.set(total, list);
      }
      break;
    }
  }
  let best: Counter[] = [];
  for (const list of byTotal.values()) {
    const rising = list.filter((c, j) => j === 0 || c.page === (list[j - 1] as Counter).page + 1);
    if (rising.length > best.length) best = rising;
  }
  return best;
}

/** Each counter's page starts at the top of its header block: the recurring lines directly above it. */
function pageStarts(lines: readonly Line[], counters: readonly Counter[]): Array<{ index: number; page: number }> {
  const counts = recurrences(lines, counters);
  const floor = Math.max(2, Math.floor(counters.length / 2));
  return counters.map((c, j) => {
    const previous = j > 0 ? (counters[j - 1] as Counter).index : -1;
    let start = c.index;
    let seen = 0;
    for (let i = c.index - 1; i > previous && seen < MAX_HEADER_ABOVE; i -= 1) {
      const t = (lines[i] as Line).text.trim();
      if (t === '') continue;
      if ((counts.get(t) ?? 0) < floor || FOOTER_RE.test(t)) break;
      start = i;
      seen += 1;
    }
    return { index: start, page: c.page };
  });
}

/**
 * How often each text that pageStarts may ask about (the first MAX_HEADER_ABOVE non-blank lines above a counter,
 * trimmed, of at most MAX_REPEATED characters) occurs as a whole trimmed line. Only those few texts are counted, and
 * a line is looked up only when its length is one of theirs: most lines are ruled out without hashing their text.
 */
function recurrences(lines: readonly Line[], counters: readonly Counter[]): Map<string, number> {
  const counts = new Map<string, number>();
  const lengths: boolean[] = [];
  for (const [j, c] of counters.entries()) {
    const previous = j > 0 ? (counters[j - 1] as Counter).index : -1;
    let seen = 0;
    for (let i = c.index - 1; i > previous && seen < MAX_HEADER_ABOVE; i -= 1) {
      const t = (lines[i] as Line).text.trim();
      if (t === '') continue;
      seen += 1;
      if (t.length > MAX_REPEATED) continue;
      counts.set(t, 0);
      lengths[t.length] = true;
    }
  }
  for (const l of lines) {
    const t = l.text.trim();
    if (lengths[t.length] !== true) continue;
    const n = counts.get(t);
    if (n !== undefined) counts.set(t, n + 1);
  }
  return counts;
}

/**
 * Without counters, the other mark every page printed: the page header the text opens with ("SAMMANTRÄDESPROTOKOLL" /
 * "Kommunstyrelsen" / "Sammanträdesdatum 2024-03-12"). Where a block of its first two to four lines recurs line for line
 * further down, a new page starts there; a single recurring line proves nothing (a body name recurs as a recipient),
 * and a block that does not say "protokoll" may be content the text happens to open with (a list of documents).
 * None when no such block recurs. Linear: each line is compared with the block's first line, and only a match reads on.
 */
function repeatedOpening(lines: readonly Line[]): Array<{ index: number; page: number }> {
  const block: string[] = [];
  let after = 0;
  for (; after < lines.length && block.length < MAX_HEADER_ABOVE; after += 1) {
    const t = (lines[after] as Line).text.trim();
    if (t === '') continue;
    if (t.length > MAX_REPEATED || t.includes('§')) break;
    block.push(t);
  }
  const starts: Array<{ index: number; page: number }> = [];
  if (block.length < 2 || !block.some((t) => PROTOKOLL_RE.test(t))) return starts;
  for (let i = after; i < lines.length; i += 1) {
    const text = (lines[i] as Line).text;
    // Most lines differ from the block's first one without being trimmed (line ends are trimmed already).
    if (text !== block[0] && !(hasOuterWhitespace(text) && text.trim() === block[0])) continue;
    let matched = 1;
    let j = i + 1;
    for (; j < lines.length && matched < block.length; j += 1) {
      const t = (lines[j] as Line).text.trim();
      if (t === '') continue;
      if (t !== block[matched]) break;
      matched += 1;
    }
    if (matched < 2) continue;
    // The text's opening is page 1 (inferPages numbers the lines before the first start one page lower).
    starts.push({ index: i, page: starts.length + 2 });
    i = j - 1;
  }
  return starts;
}
