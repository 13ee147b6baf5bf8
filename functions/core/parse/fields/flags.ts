/**
 * Redaction, read from the verbatim § text and the layout of its lines: text removed under offentlighets- och
 * sekretesslagen (2009:400) is replaced by a note such as "Borttagen på grund av sekretess"; uploaders mask names with
 * written markers ("XX", "***", "[maskerat]") or with black boxes that leave holes in the PDF's glyph runs (the
 * extractor counts them as `gaps`). The removed text is never guessed.
 */
import type { Line } from '../lines.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

const REDACTED_RE =
  /(?:borttag(?:en|et|na)|struken|strukna|maskerad|maskerade|utelämnad|utelämnade|dold|dolda)\s(?:\p{L}+\s){0,3}(?:på\sgrund\sav|p\.g\.a\.?|enligt|med\sstöd\sav)\s(?:\p{L}+\s){0,2}sekretess|sekretessmarkerad|\[sekretess\]|uppgifter(?:na)?\s(?:omfattas\sav|är\sbelagda\smed)\ssekretess/iu;
/** Every secrecy wording contains "sekretess": a literal search (fast) decides before the wordings are tried. */
const SECRECY_WORD_RE = /sekretess/iu;
/** "[maskerat]", "[maskerad]", "[borttaget]", "[överstruket]", "(maskerat)". */
const BRACKET_MARKER_RE =
  /[[(](?:maskerat|maskerad|maskerade|borttaget|borttagen|överstruket|dolt|namn\sborttaget)[\])]/iu;
/** "XX" or "XXX" standing for a name or a number, "***" as a blanked-out word. */
const MASK_TOKEN_RE = /(?<![\p{L}\d*])(?:X{2,}|x{3,}|\*{3,})(?![\p{L}\d*])/u;
/** After "(": the starts of the bracketed markers, as written (lower case). */
const PAREN_HINTS = ['mask', 'bortt', 'överst', 'dolt', 'namn'];
/** Their first letters ("m", "b", "ö", "d", "n"): most "(" open a party ("(S)") or a number and are passed by one code. */
const PAREN_HINT_STARTS = new Set(PAREN_HINTS.map((w) => w.charCodeAt(0)));

/**
 * What every written marker needs: "[", "(mask…"/"(bortt…"/"(överst…"/"(dolt…"/"(namn…", "XX", "xxx" or "***". Literal
 * searches (much faster than one regex with these alternatives, which is tried at every position of the § text);
 * "(" is common, so only what follows each one is compared.
 */
function hasMaskHint(text: string): boolean {
  if (text.includes('[') || text.includes('XX') || text.includes('xxx') || text.includes('***')) return true;
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
    if (!PAREN_HINT_STARTS.has(text.charCodeAt(at + 1))) continue;
    for (const w of PAREN_HINTS) if (text.startsWith(w, at + 1)) return true;
  }
  return false;
}

export function isRedacted(text: string): boolean {
  return SECRECY_WORD_RE.test(text) && REDACTED_RE.test(collapseWhitespace(text));
}

/** Whether text was removed from the §, and why (for the warning). */
export function redactionOf(text: string, lines: readonly Line[]): { redacted: boolean; reason?: string } {
  if (isRedacted(text)) return { redacted: true, reason: 'text removed for secrecy (stated in the protocol)' };
  if (hasMaskHint(text) && (BRACKET_MARKER_RE.test(text) || MASK_TOKEN_RE.test(text))) {
    return { redacted: true, reason: 'text masked with a written marker ("XX", "***", "[maskerat]")' };
  }
  const holes = lines.reduce((n, l) => n + (l.layout?.gaps ?? 0), 0);
  if (holes > 0) return { redacted: true, reason: `${holes} hole(s) in the PDF's glyph runs where text was masked` };
  return { redacted: false };
}
