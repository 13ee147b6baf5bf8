/**
 * Names from the signature block ("Sekreterare", "Ordförande", "Justerande", each followed by a name, in the 2018
 * template after a dotted line) and from "Utses att justera". Names are kept as printed, without the party.
 */
import type { Piece } from './fields.ts';

/** Dotted signature lines: "......", "………". */
const LEADER_RE = /[.…_·]{3,}|…+/gu;
const PARENS_RE = /\s*\([^()]*\)/gu;
const WHITESPACE_RUN_RE = /\s+/gu;
const SECTION_REF_RE = /\s*§.*$/u;
const EDGE_PUNCTUATION_RE = /^[\s,;:]+|[\s,;:]+$/gu;
const NAME_SEPARATOR_RE = /\s*(?:,|;|&|\boch\b)\s*|(?<=\))\s+(?=\p{Lu})/u;

function clean(text: string): string {
  return text.replace(LEADER_RE, ' ').replace(WHITESPACE_RUN_RE, ' ').trim();
}

/** "Kristina Grapenholm (L)" → "Kristina Grapenholm"; § references dropped too. */
export function personName(text: string): string {
  return clean(text).replace(PARENS_RE, '').replace(SECTION_REF_RE, '').replace(EDGE_PUNCTUATION_RE, '').trim();
}

/** The first name after a signature label. */
export function signatureName(pieces: readonly Piece[]): string | undefined {
  for (const piece of pieces) {
    const name = personName(piece.text);
    if (name) return name;
  }
  return undefined;
}

/**
 * All names in a list field: one per line, or several on a line separated by ",", "och", "&", or by a closing
 * party parenthesis ("Leif Hansson (S) Anita Brodén (L)"). Names without any separator cannot be told apart and
 * stay one name.
 */
export function listNames(pieces: readonly Piece[]): string[] {
  // Each name once: a cover may name the justerare twice (under "Justerare" and again under "Underskrifter").
  return [
    ...new Set(
      pieces
        .flatMap((p) => clean(p.text).split(NAME_SEPARATOR_RE))
        .map(personName)
        .filter((n) => n !== ''),
    ),
  ];
}
