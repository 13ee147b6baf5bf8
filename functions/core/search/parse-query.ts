import { foldedWords } from './fold.ts';
import { termOf } from './tokenize.ts';

/**
 * Query terms with a stem this long or longer also match as the first part of a compound ("förskola" finds
 * "förskolebyggnad", "bygglov" finds "bygglovsansökan"). Shorter stems would match too much ("bil" → "bilaga").
 */
export const COMPOUND_HEAD_LENGTH = 6;

/**
 * A search query as index terms. A document matches when it has every term in `terms` and, for every entry in
 * `prefixes`, some term that starts with it.
 */
export interface ParsedQuery {
  terms: string[];
  prefixes: string[];
}

/**
 * Parses free text typed by a person. Every word is stemmed like the index. The last word is also a prefix unless the
 * query ends with a space (the person has finished typing it): a prefix needs at least two characters, else it would
 * match a large part of the dictionary. A finished word whose stem is long matches as a compound's first part.
 */
export function parseQuery(q: string): ParsedQuery {
  const words = foldedWords(q);
  const endsWithWord = /[\p{L}\p{N}]$/u.test(q);
  const last = endsWithWord ? words.pop() : undefined;
  const terms = new Set<string>();
  const prefixes = new Set<string>();
  for (const word of words) {
    const term = termOf(word);
    if (term === null) continue;
    if (term.length >= COMPOUND_HEAD_LENGTH) prefixes.add(term);
    else terms.add(term);
  }
  if (last !== undefined) {
    // A half-typed word: its stem as a prefix ("detaljplanen" → "detaljplan", "förskol" stays "förskol").
    const term = /\d/u.test(last) ? last : (termOf(last) ?? last);
    if (term.length < 2) terms.add(term);
    else prefixes.add(term);
  }
  return { terms: [...terms], prefixes: [...prefixes].filter((p) => !terms.has(p)) };
}
