/**
 * Full-text search terms, shared by whoever builds or reads a search index: `tokenize(text)` gives a text's terms
 * (folded, stop words out, Swedish stems), `stem(word)` one word's stem, `parseQuery` a typed query, `highlight` where
 * a query's terms stand in a text. Pure: no I/O.
 */
export { foldText, foldedWords, words, type Word } from './fold.ts';
export { STOPWORDS } from './stopwords.ts';
export { stem, regionOne } from './swedish-stemmer.ts';
export { tokenize, termOf, TERMS_ID } from './tokenize.ts';
export { parseQuery, COMPOUND_HEAD_LENGTH, type ParsedQuery } from './parse-query.ts';
export { matchRanges, snippet, type Range, type Snippet } from './highlight.ts';
