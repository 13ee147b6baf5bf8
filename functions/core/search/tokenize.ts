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

/**
 * Stems already computed. Council texts repeat a small vocabulary, so most words are looked up rather than stemmed;
 * the memo is bounded (cleared when full), so memory does not grow with the archive.
 */
const memo = new Map<string, string>();
const MEMO_SIZE = 100_000;

/** The term of one folded word, or null for a stop word. */
export function termOf(folded: string): string | null {
  if (STOPWORDS.has(folded)) return null;
  let term = memo.get(folded);
  if (term === undefined) {
    term = /\d/u.test(folded) ? folded : stem(folded);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(folded, term);
  }
  return term;
}

export { stem };
