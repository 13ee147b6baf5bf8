import { foldedWords } from './fold.ts';
import { STOPWORDS } from './stopwords.ts';
import { stem } from './swedish-stemmer.ts';

/**
 * Names the term function below. It is the one seam between text and a search index: the index builder and the
 * query parser both call `tokenize`, and a published index file records the TERMS_ID it was built with, so a change
 * to `tokenize` (the stemmer, the stop words, the folding) must change TERMS_ID: API instances then ignore index
 * files built with the old terms, and the next publish writes a new one.
 */
export const TERMS_ID = 'sv-stem-1';

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
