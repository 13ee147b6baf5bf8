import { foldedWords } from './fold.ts';
import { STOPWORDS } from './stopwords.ts';
import { stem } from './swedish-stemmer.ts';

/**
 * The search terms of a text, in order (duplicates kept): folded words (case, accents; å, ä and ö kept), stop words
 * left out, each reduced to its Swedish stem. The index and the query both go through here, so "detaljplanen" finds
 * "detaljplan" and "detaljplaner". Numbers are kept as they are.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of foldedWords(text)) {
    const term = termOf(word);
    if (term !== null) out.push(term);
  }
  return out;
}

/** The term of one folded word, or null for a stop word. */
export function termOf(folded: string): string | null {
  if (STOPWORDS.has(folded)) return null;
  return /\d/u.test(folded) ? folded : stem(folded);
}

export { stem };
