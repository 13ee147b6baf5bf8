/**
 * Swedish-aware text folding for full-text search. Case is folded and diacritics are removed, except that å, ä and ö
 * are kept: in Swedish they are letters of their own (sorted after z), not accented a and o, so "får" (sheep) and
 * "far" (father) must stay different words. Danish/Norwegian æ and ø are folded to their Swedish twins ä and ö, which is
 * how Swedish dictionaries treat them.
 */
const FOLD: Readonly<Record<string, string>> = {
  à: 'a', á: 'a', â: 'a', ã: 'a', ā: 'a',
  ç: 'c', č: 'c',
  è: 'e', é: 'e', ê: 'e', ë: 'e', ē: 'e',
  ì: 'i', í: 'i', î: 'i', ï: 'i',
  ñ: 'n', ń: 'n',
  ò: 'o', ó: 'o', ô: 'o', õ: 'o',
  š: 's', ś: 's', ß: 'ss',
  ù: 'u', ú: 'u', û: 'u', ü: 'u',
  ý: 'y', ÿ: 'y',
  ž: 'z', ź: 'z', ż: 'z',
  æ: 'ä', ø: 'ö',
};

/** Anything outside ASCII that is not å/ä/ö may need folding; one linear pass over the string. */
const NEEDS_FOLD = /[^\u0000-\u007fåäö]/gu;
const COMBINING = /[\u0300-\u036f]/u;
/** A token: a run of letters and digits. Linear (no nested quantifiers). */
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Longer tokens are cut: nobody searches for 60-letter words, and it bounds the dictionary's memory. */
export const MAX_TOKEN_LENGTH = 40;

export function foldText(text: string): string {
  // Decomposed input ("a" + U+030A) is composed first, so "å" is one character whichever way it was written.
  const composed = COMBINING.test(text) ? text.normalize('NFC') : text;
  return composed.toLowerCase().replace(NEEDS_FOLD, (c) => FOLD[c] ?? c);
}

/**
 * Names the term function below. It is the one seam between text and the search index: the index builder
 * (text-index.ts) and the query parser (parseQuery) both call `tokenize`, and a published index file records the
 * TERMS_ID it was built with, so changing `tokenize` (a stemmer, other stopwords) must change TERMS_ID: the API then
 * ignores index files built with the old terms and the next publish writes a new one.
 */
export const TERMS_ID = 'fold-1';

/** The folded tokens of a text, in order (duplicates kept). Single letters are dropped; digits are kept. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(TOKEN)) {
    const token = m[0];
    if (token.length < 2 && !/\d/u.test(token)) continue;
    out.push(token.length > MAX_TOKEN_LENGTH ? token.slice(0, MAX_TOKEN_LENGTH) : token);
  }
  return out;
}

/**
 * The most frequent Swedish function words. They occur in nearly every § and so select nothing; leaving them out of
 * the index saves about a third of its postings. A query made only of them matches nothing.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'och', 'att', 'det', 'som', 'en', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett',
  'han', 'men', 'var', 'jag', 'sig', 'från', 'vi', 'så', 'kan', 'man', 'när', 'år', 'säger', 'hon', 'under', 'också',
  'efter', 'eller', 'nu', 'sin', 'där', 'vid', 'mot', 'ska', 'skall', 'skulle', 'hade', 'blir', 'bli', 'samt', 'vara',
  'detta', 'denna', 'dessa', 'än', 'där', 'genom', 'dels', 'ur', 'hos', 'sina', 'sitt', 'vilket', 'vilka', 'vilken',
  'även', 'se', 'ha', 'in', 'ut', 'upp', 'alla', 'då', 'dem', 'sedan', 'enligt',
]);

/** A search query: whole terms, and optionally a last term matched as a prefix ("förskol" finds "förskola"). */
export interface ParsedQuery {
  terms: string[];
  prefix?: string;
}

/**
 * Parses free text typed by a person. The last word is a prefix unless the query ends with a space (the person has
 * finished typing it); a prefix needs at least two characters, else it would match a large part of the dictionary.
 */
export function parseQuery(q: string): ParsedQuery {
  const tokens = tokenize(q);
  const endsWithWord = /[\p{L}\p{N}]$/u.test(q);
  const last = endsWithWord ? tokens.pop() : undefined;
  const terms = [...new Set(tokens.filter((t) => !STOPWORDS.has(t)))];
  if (last === undefined) return { terms };
  if (last.length < 2) return { terms: [...new Set([...terms, last])] };
  return { terms, prefix: last };
}
