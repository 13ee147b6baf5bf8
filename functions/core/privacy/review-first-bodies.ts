/**
 * Bodies whose every § waits for a person's review before it is published, because they decide on individuals:
 * social services under any name, care and support, the labour-market board that often handles ekonomiskt bistånd,
 * the guardianship board (föräldrabalken 19 kap.), and their individual committees. SKR's guidance for protocols on
 * the web: review the protocols of bodies that handle individual cases before publishing.
 *
 * Patterns are parts of names, matched by containment after folding case, å/ä/ö, dashes and spaces, so "social"
 * matches Socialnämnden, Sociala nämnden, Social- och omsorgsnämnden and Arbetsmarknads- och socialnämnden alike.
 * A deployment configures its own list (REVIEW_FIRST_BODIES, `--review-first`); the word `default` in that list
 * stands for this one, so "default,Myndighetsnämnden" adds a body and "Socialnämnden" alone replaces the list.
 */
export const DEFAULT_REVIEW_FIRST_BODIES: readonly string[] = [
  'social', // socialnämnd, sociala nämnden, social- och omsorgsnämnd, socialutskott, sociala myndighetsnämnden
  'omsorg', // vård- och omsorgsnämnd, omsorgsnämnd, äldreomsorg
  'funktionsstöd',
  'funktionshinderomsorg',
  'individ', // individutskott, individ- och familjeomsorgsnämnd, individärenden
  'familj', // familjenämnd, familjerättsnämnd
  'arbetsmarknad', // arbetsmarknadsnämnd (often ekonomiskt bistånd)
  'välfärd', // välfärdsnämnd
  'överförmyndar',
  'ifo',
];

/** The entry in a configured list that stands for {@link DEFAULT_REVIEW_FIRST_BODIES}. */
export const DEFAULT_ENTRY = 'default';

/** A configured list with `default` expanded and blank entries dropped. */
export function resolveReviewFirstBodies(configured: readonly string[] | undefined): string[] {
  if (configured === undefined) return [...DEFAULT_REVIEW_FIRST_BODIES];
  const out: string[] = [];
  for (const entry of configured) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    if (trimmed.toLowerCase() === DEFAULT_ENTRY) out.push(...DEFAULT_REVIEW_FIRST_BODIES);
    else out.push(trimmed);
  }
  return out;
}

/** True when `body` contains one of `patterns` (folded). Blank patterns are ignored. */
export function matchesReviewFirstBody(body: string, patterns: readonly string[]): boolean {
  const name = foldBodyName(body);
  return patterns.some((entry) => {
    const part = foldBodyName(entry);
    if (part.length === 0) return false;
    // Short patterns ("ifo") only as a whole word, so they do not match inside other words.
    if (part.length <= 3)
      return new RegExp(`(?<![a-z])${part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![a-z])`, 'u').test(name);
    return name.includes(part);
  });
}

/** Case, dashes, spacing and å/ä/ö folded, so "Socialnämnden" and a file-name "socialnamnden" compare equal. */
export function foldBodyName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åä]/gu, 'a')
    .replace(/ö/gu, 'o')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}
