/**
 * Flags read from the verbatim § text.
 * Secrecy: text removed under offentlighets- och sekretesslagen (2009:400) is replaced by a note such as
 * "Borttagen på grund av sekretess". Omedelbar justering is not in KL; the council's arbetsordning allows it, and the
 * protocol says so ("Paragrafen förklaras omedelbart justerad", "Protokollet under denna paragraf förklaras
 * omedelbart justerat", or the stamp "Paragrafen är justerad").
 */
import { collapseWhitespace } from '../../text/whitespace.ts';

const REDACTED_RE =
  /(?:borttag(?:en|et|na)|struken|strukna|maskerad|maskerade|utelämnad|utelämnade|dold|dolda)\s(?:\p{L}+\s){0,3}(?:på\sgrund\sav|p\.g\.a\.?|enligt|med\sstöd\sav)\s(?:\p{L}+\s){0,2}sekretess|sekretessmarkerad|\[sekretess\]|uppgifter(?:na)?\s(?:omfattas\sav|är\sbelagda\smed)\ssekretess/iu;
/** Searched in the verbatim text: "\s+" between the words, so the text need not be collapsed first. */
const OMEDELBART_JUSTERAD_RE = /omedelbar(?:t\s+justera[dts]|\s+justering)/iu;
const STAMP_RE = /paragrafen\s+är\s+justerad/iu;

/** Every secrecy wording contains "sekretess": a literal search (fast) decides before the wordings are tried. */
const SECRECY_WORD_RE = /sekretess/iu;
const OMEDELBAR_WORD_RE = /omedelbar/iu;

export function isRedacted(text: string): boolean {
  return SECRECY_WORD_RE.test(text) && REDACTED_RE.test(collapseWhitespace(text));
}

export function isImmediatelyJusterad(text: string): boolean {
  return (OMEDELBAR_WORD_RE.test(text) && OMEDELBART_JUSTERAD_RE.test(text)) || STAMP_RE.test(text);
}
