import type { Section, SectionKind } from '../../records/types.ts';
import { normalizeHeading } from '../section-headings.ts';
import { isStatement } from './lists.ts';

/**
 * Omedelbar justering: the § was justerad (signed off) at the meeting itself, so its decision can be acted on, and
 * appealed, before the rest of the protocol is signed. It is not in KL; the council's arbetsordning allows it, and the
 * protocol says so: "Paragrafen förklaras omedelbart justerad", "Protokollet under denna paragraf förklaras omedelbart
 * justerat", "Paragrafen justeras omedelbart", "Beslutet fattas med omedelbar justering".
 *
 * Not omedelbar justering: "Paragrafen är justerad", a stamp Alingsås prints on the § pages once a § is signed (removed
 * as page furniture), and the cover's "Protokollet är justerat". Only what was decided counts: the Beslut section and
 * a section of its own ("Justering", "Omedelbar justering", or text before any heading); in lists (Expedieras till,
 * Beslutsunderlag) only a statement line ("Paragrafen …", "Protokollet …"). The narrative, motions and proposals may
 * speak of omedelbar justering without it having been decided, and a sentence that negates or rejects it ("justeras
 * inte omedelbart", "yrkandet om omedelbar justering avslås") does not count.
 */
const WORDING_RE =
  /omedelbart\s+justera(?:de?|ts?|s)(?!\p{L})|justera(?:s|des)\s+omedelbart(?!\p{L})|omedelbar\s+justering(?:en)?(?!\p{L})/giu;
/** Every wording contains "omedelbar": a literal search rules out almost every text. */
const OMEDELBAR_RE = /omedelbar/iu;
/** "ska inte omedelbart justeras": a negation before the wording, in its sentence. */
const NEGATION_RE = /(?<!\p{L})(?:inte|ej|icke)(?!\p{L})/iu;
/** "Yrkandet om omedelbar justering avslås": a rejection anywhere in the sentence. */
const REJECTION_RE = /(?<!\p{L})(?:avslås|avslår|avslogs|avslag|avslaget)(?!\p{L})/iu;
/** How far a sentence is followed either way from the wording (bounds the work on text without full stops). */
const SENTENCE_WINDOW = 300;

const OWN_SECTION_HEADINGS = new Set(['', 'justering', 'omedelbar justering']);
const LIST_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(['recipients', 'documents']);

export function isImmediatelyJusterad(sections: readonly Section[]): boolean {
  // Only sections that can state what was decided are read (most of a § cannot: description, preparation, motions);
  // a list is split into its statement lines only when "omedelbar" is in it at all.
  return sections.some((s) => {
    if (s.kind === 'decision') return statesImmediateJustering(s.text);
    // A section of its own: its text is searched for "omedelbar" (rarely there) before its heading is normalised.
    if (s.kind === 'other')
      return (
        OMEDELBAR_RE.test(s.text) &&
        OWN_SECTION_HEADINGS.has(normalizeHeading(s.heading)) &&
        statesImmediateJustering(s.text)
      );
    if (LIST_KINDS.has(s.kind)) return OMEDELBAR_RE.test(s.text) && statesImmediateJustering(statementLines(s.text));
    return false;
  });
}

/** The statement lines of a list ("Paragrafen förklaras omedelbart justerad"): the only part of it that decides. */
function statementLines(text: string): string {
  return text.split('\n').filter(isStatement).join('\n');
}

/** True when the text holds one of the wordings in a sentence that does not negate it. */
export function statesImmediateJustering(text: string): boolean {
  if (!OMEDELBAR_RE.test(text)) return false;
  WORDING_RE.lastIndex = 0;
  for (let m = WORDING_RE.exec(text); m; m = WORDING_RE.exec(text)) {
    const end = m.index + m[0].length;
    const from = sentenceStart(text, m.index);
    const to = sentenceEnd(text, end);
    if (!NEGATION_RE.test(text.slice(from, m.index)) && !REJECTION_RE.test(text.slice(from, to))) return true;
  }
  return false;
}

/** After the last ". ! ?" before `start`, within the window. */
function sentenceStart(text: string, start: number): number {
  let from = start;
  while (from > 0 && start - from < SENTENCE_WINDOW && !endsSentenceAt(text, from - 1)) from -= 1;
  return from;
}

/** At the next ". ! ?" from `end`, within the window. */
function sentenceEnd(text: string, end: number): number {
  let to = end;
  while (to < text.length && to - end < SENTENCE_WINDOW && !endsSentenceAt(text, to)) to += 1;
  return to;
}

function endsSentenceAt(text: string, i: number): boolean {
  const c = text[i];
  return c === '.' || c === '!' || c === '?';
}
