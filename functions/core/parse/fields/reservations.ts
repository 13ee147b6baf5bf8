import type { Reservation, Section } from '../../records/types.ts';
import { formatPerson, parseNameList } from './names.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

/** "X (Y) och Z (W) reserverar sig mot beslutet …" (KL 4 kap. 27 §): the subject before "reserverar sig". */
const RESERVES_RE = /reserverar\s+sig/iu;
const UPPER_RE = /\p{Lu}/u;

/**
 * Reservations: every sentence that says someone "reserverar sig", from the Reservation section or, when the
 * template has none, from anywhere in the § text; a written reservation that follows such a sentence in a
 * Reservation section stays with it.
 */
export function reservationsFrom(sections: readonly Section[], fullText: string): Reservation[] {
  // Most § have no Reservation section: they are told apart without building a list of them.
  if (sections.some(isReservation)) return sections.filter(isReservation).flatMap((s) => fromBlock(s.text));
  // Whitespace runs stay whitespace when squashed, so a text without the phrase has no sentence with it.
  if (!RESERVES_RE.test(fullText)) return [];
  return sentences(fullText)
    .filter((s) => RESERVES_RE.test(s))
    .map(toReservation);
}

function isReservation(s: Section): boolean {
  return s.kind === 'reservation';
}

function fromBlock(text: string): Reservation[] {
  const out: Reservation[] = [];
  for (const sentence of sentences(text)) {
    if (RESERVES_RE.test(sentence) || out.length === 0) out.push(toReservation(sentence));
    else {
      const last = out[out.length - 1] as Reservation;
      last.text = `${last.text} ${sentence}`;
    }
  }
  return out.filter((r) => r.text !== '');
}

function toReservation(sentence: string): Reservation {
  const at = sentence.search(RESERVES_RE);
  const subject = at > 0 ? sentence.slice(0, at).trim() : '';
  const people = subject ? parseNameList(subject) : undefined;
  return { by: people ? people.map(formatPerson) : subject ? [subject] : [], text: sentence };
}

/** Sentences of squashed text: split after ". ! ?" followed by a capital letter. */
export function sentences(text: string): string[] {
  const flat = collapseWhitespace(text).trim();
  if (!flat) return [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < flat.length - 2; i += 1) {
    const c = flat.charCodeAt(i); // ". ! ?" then a space (codes: no one-character string per position)
    if (
      (c === 0x2e || c === 0x21 || c === 0x3f) &&
      flat.charCodeAt(i + 1) === 0x20 &&
      UPPER_RE.test(flat[i + 2] ?? '')
    ) {
      out.push(flat.slice(start, i + 1));
      start = i + 2;
    }
  }
  out.push(flat.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
