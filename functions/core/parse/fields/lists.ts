import type { DecisionItem } from '../../records/types.ts';
import { endsSentence, isBlank, listMarker, startsLower, squash, type ListMarker } from '../text-shape.ts';
import { isFurnitureLike } from '../furniture-words.ts';

/** Statements printed at the end of a § that are not part of any list (justering, secrecy note). */
const STATEMENT_RE =
  /^(?:Paragrafen\s+(?:är|förklaras|justeras)|Protokollet\s+(?:under\s+denna\s+paragraf\s+)?förklaras|Borttagen?\s+på\s+grund\s+av\s+sekretess)/iu;

export function isStatement(text: string): boolean {
  return STATEMENT_RE.test(text.trim());
}

/**
 * Recipients (Expedieras till / Protokollsutdrag skickas till): one per line as printed, bullets removed. The list
 * stops at what is no recipient: page furniture that was not recognised as such (a signature box, "Protokollet har
 * justerats digitalt", e-signature text, a rule) is left out and counted (`dropped`), so a warning can say so.
 */
export function recipientsFrom(text: string): { items: string[]; dropped: number } {
  let dropped = 0;
  const items: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (l === '' || isStatement(l)) continue;
    if (isFurnitureLike(l)) {
      dropped += 1;
      continue;
    }
    const m = listMarker(l);
    const item = m && m.kind === 'bullet' ? m.rest.trim() : l;
    if (item !== '') items.push(item);
  }
  return { items, dropped };
}

/**
 * Documents (Beslutsunderlag / Handlingar): one per bullet, wrapped lines joined; without bullets one per line,
 * a line that starts in lower case continuing the previous one.
 */
export function documentsFrom(text: string): { items: string[]; dropped: number } {
  const all = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !isStatement(l));
  const lines = all.filter((l) => !isFurnitureLike(l));
  const bulleted = lines.some((l) => listMarker(l)?.kind === 'bullet');
  const items: string[] = [];
  for (const line of lines) {
    const m = listMarker(line);
    const starts = bulleted ? m?.kind === 'bullet' : !(startsLower(line) && items.length > 0);
    if (starts || items.length === 0) items.push(m?.kind === 'bullet' ? m.rest.trim() : line);
    else items[items.length - 1] = `${items[items.length - 1]} ${line}`;
  }
  return { items: items.map(squash).filter((s) => s !== ''), dropped: all.length - lines.length };
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
  const lines = text.split('\n');
  const level = lines.map((l) => listMarker(l)).find((m) => m !== undefined)?.kind;
  if (!level) return [];
  const items: DecisionItem[] = [];
  let open: OpenItem | undefined;
  const close = (keepTail: boolean): void => {
    if (!open) return;
    const all = keepTail ? [...open.lines, ...open.tail] : open.lines;
    items.push({ label: open.marker.label, text: squash(all.join(' ')) });
    open = undefined;
  };
  for (const raw of lines) {
    const line = raw.trim();
    const m = listMarker(line);
    if (m && m.kind === level && !isStatement(line)) {
      close(open !== undefined && continues(open.marker, m));
      open = { marker: m, lines: [m.rest], tail: [] };
    } else if (open && !isStatement(line)) {
      const last = open.tail.length > 0 ? undefined : open.lines[open.lines.length - 1];
      if (
        open.tail.length > 0 ||
        isBlank(line) ||
        (last !== undefined && endsSentence(last) && !m && !startsLower(line) && !last.endsWith(':'))
      ) {
        if (!isBlank(line)) open.tail.push(line);
        else if (open.tail.length === 0) open.tail.push('');
      } else open.lines.push(line);
    }
  }
  close(false);
  return items.map((i) => ({ label: i.label, text: i.text })).filter((i) => i.text !== '');
}

function continues(previous: ListMarker, next: ListMarker): boolean {
  if (previous.kind === 'number' && next.kind === 'number') return Number(next.label) === Number(previous.label) + 1;
  if (previous.kind === 'letter' && next.kind === 'letter') {
    return next.label.toLowerCase().charCodeAt(0) === previous.label.toLowerCase().charCodeAt(0) + 1;
  }
  return true;
}
