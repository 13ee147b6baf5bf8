/**
 * Secrecy, read from the verbatim § text: text removed under offentlighets- och sekretesslagen (2009:400) is replaced
 * by a note such as "Borttagen på grund av sekretess".
 */
import { collapseWhitespace } from '../../text/whitespace.ts';

const REDACTED_RE =
  /(?:borttag(?:en|et|na)|struken|strukna|maskerad|maskerade|utelämnad|utelämnade|dold|dolda)\s(?:\p{L}+\s){0,3}(?:på\sgrund\sav|p\.g\.a\.?|enligt|med\sstöd\sav)\s(?:\p{L}+\s){0,2}sekretess|sekretessmarkerad|\[sekretess\]|uppgifter(?:na)?\s(?:omfattas\sav|är\sbelagda\smed)\ssekretess/iu;
/** Every secrecy wording contains "sekretess": a literal search (fast) decides before the wordings are tried. */
const SECRECY_WORD_RE = /sekretess/iu;

export function isRedacted(text: string): boolean {
  return SECRECY_WORD_RE.test(text) && REDACTED_RE.test(collapseWhitespace(text));
}
