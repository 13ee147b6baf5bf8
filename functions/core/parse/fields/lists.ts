import type { DecisionItem } from '../../records/types.ts';
import { endsSentence, listMarker, startsLower, squash, type ListMarker } from '../text-shape.ts';
import { isFurnitureLike } from '../furniture-words.ts';

/** Statements printed at the end of a § that are not part of any list (justering, secrecy note). */
const STATEMENT_RE =
  /^(?:Paragrafen\s+(?:är|förklaras|justeras)|Protokollet\s+(?:under\s+denna\s+paragraf\s+)?förklaras|Borttagen?\s+på\s+grund\s+av\s+sekretess)/iu;

export function isStatement(text: string): boolean {
  // Every statement starts with "P" or "B" (either case, the only letters /iu folds to them): one character decides
  // for most lines before the regex runs.
  const t = text.trim();
  const c = t.charCodeAt(0) | 0x20;
  return (c === 0x70 || c === 0x62) && STATEMENT_RE.test(t);
}

/**
 * The lines of a list section that can be items, each trimmed and given its list marker once: blank lines and closing
 * statements are passed over; page furniture that was not recognised as such (a signature box, "Protokollet har
 * justerats digitalt", e-signature text, a rule) is left out and counted (`dropped`), so a warning can say so.
 */
function listLines(text: string): { lines: string[]; markers: Array<ListMarker | undefined>; dropped: number } {
  const lines: string[] = [];
  const markers: Array<ListMarker | undefined> = [];
  let dropped = 0;
  // Line by line as slices of the text (what split('\n') yields, without the array and its copies).
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const l = text.slice(start, end).trim();
    start = end + 1;
    if (l === '' || isStatement(l)) continue;
    if (isFurnitureLike(l)) {
      dropped += 1;
      continue;
    }
    lines.push(l);
    markers.push(listMarker(l));
  }
  return { lines, markers, dropped };
}

/** Recipients (Expedieras till / Protokollsutdrag skickas till): one per line as printed, bullets removed. */
export function recipientsFrom(text: string): { items: string[]; dropped: number } {
  const { lines, markers, dropped } = listLines(text);
  const items: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const m = markers[i];
    const item = m && m.kind === 'bullet' ? m.rest.trim() : (lines[i] as string);
    if (item !== '') items.push(item);
  }
  return { items, dropped };
}

/**
 * Documents (Beslutsunderlag / Handlingar): one per bullet, wrapped lines joined; without bullets one per line,
 * a line that starts in lower case continuing the previous one.
 */
export function documentsFrom(text: string): { items: string[]; dropped: number } {
  const { lines, markers, dropped } = listLines(text);
  const bulleted = markers.some((m) => m?.kind === 'bullet');
  const items: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const m = markers[i];
    const starts = bulleted ? m?.kind === 'bullet' : !(startsLower(line) && items.length > 0);
    if (starts || items.length === 0) items.push(m?.kind === 'bullet' ? m.rest.trim() : line);
    else items[items.length - 1] = `${items[items.length - 1]} ${line}`;
  }
  const out: string[] = [];
  for (const item of items) {
    const s = squash(item);
    if (s !== '') out.push(s);
  }
  return { items: out, dropped };
}

interface OpenItem {
  marker: ListMarker;
  lines: string[];
  /** Lines after a sentence ended and new text began: kept only if the same list goes on. */
  tail: string[];
}

/**
 * Decision items: numbered ("1.", "2)"), lettered ("a)"), bulleted ("•", "-") or att-satser. The first marker kind
 * met is the list's level; other markers below it are continuation. Text after an item that starts a new sentence
 * stays with the item only when the list continues (next number follows), so a lead-in to a second list
 * ("Kommunstyrelsen … föreslår att kommunfullmäktige beslutar:") is not glued to the last item of the first.
 */
export function decisionItemsFrom(text: string): DecisionItem[] {
  // The list's level is the kind of the first marker; the lines before it hold none, so reading starts there.
  let level: ListMarker['kind'] | undefined;
  const items: DecisionItem[] = [];
  let open: OpenItem | undefined;
  // Line by line as slices of the text (what split('\n') yields, without the array and its copies).
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).trim();
    start = end + 1;
    const m = listMarker(line);
    if (level === undefined) {
      if (m === undefined) continue;
      level = m.kind;
    }
    if (m && m.kind === level && !isStatement(line)) {
      if (open) closeItem(items, open, continues(open.marker, m));
      open = { marker: m, lines: [m.rest], tail: [] };
    } else if (open && !isStatement(line)) {
      const last = open.tail.length > 0 ? undefined : open.lines[open.lines.length - 1];
      if (
        open.tail.length > 0 ||
        line === '' ||
        (last !== undefined && endsSentence(last) && !m && !startsLower(line) && !last.endsWith(':'))
      ) {
        if (line !== '') open.tail.push(line);
        else if (open.tail.length === 0) open.tail.push('');
      } else open.lines.push(line);
    }
  }
  if (open) closeItem(items, open, false);
  return items.filter((i) => i.text !== '');
}

/** Adds the item `open` has gathered; its tail (text after a sentence end) only when the list went on after it. */
function closeItem(items: DecisionItem[], open: OpenItem, keepTail: boolean): void {
  const lines = open.lines.join(' ');
  const all = keepTail && open.tail.length > 0 ? `${lines} ${open.tail.join(' ')}` : lines;
  items.push({ label: open.marker.label, text: squash(all) });
}

function continues(previous: ListMarker, next: ListMarker): boolean {
  if (previous.kind === 'number' && next.kind === 'number') return Number(next.label) === Number(previous.label) + 1;
  if (previous.kind === 'letter' && next.kind === 'letter') {
    return next.label.toLowerCase().charCodeAt(0) === previous.label.toLowerCase().charCodeAt(0) + 1;
  }
  return true;
}
