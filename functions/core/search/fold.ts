/**
 * Swedish-aware text folding for full-text search. Case is folded and diacritics are removed, except that å, ä and ö
 * are kept: in Swedish they are letters of their own (sorted after z), not accented a and o, so "får" (sheep) and
 * "far" (father) must stay different words. Danish/Norwegian æ and ø are folded to their Swedish twins ä and ö, which is
 * how Swedish dictionaries treat them.
 */
const FOLD: Readonly<Record<string, string>> = {
  à: 'a',
  á: 'a',
  â: 'a',
  ã: 'a',
  ā: 'a',
  ç: 'c',
  č: 'c',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ē: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ñ: 'n',
  ń: 'n',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  õ: 'o',
  š: 's',
  ś: 's',
  ß: 'ss',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ý: 'y',
  ÿ: 'y',
  ž: 'z',
  ź: 'z',
  ż: 'z',
  æ: 'ä',
  ø: 'ö',
};

/** Anything outside ASCII that is not å/ä/ö may need folding; one linear pass over the string. */
const NEEDS_FOLD = /[^\u0000-\u007fåäö]/gu;
const COMBINING = /[\u0300-\u036f]/u;
/** A token: a run of letters and digits. Linear (no nested quantifiers). */
const TOKEN = /[\p{L}\p{N}]+/gu;
/** A word in unfolded text: letters, digits and combining marks (a decomposed å is one word). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Longer tokens are cut: nobody searches for 60-letter words, and it bounds the dictionary's memory. */
export const MAX_TOKEN_LENGTH = 40;

export function foldText(text: string): string {
  // Decomposed input ("a" + U+030A) is composed first, so "å" is one character whichever way it was written.
  const composed = COMBINING.test(text) ? text.normalize('NFC') : text;
  return composed.toLowerCase().replace(NEEDS_FOLD, (c) => FOLD[c] ?? c);
}

/** A word of a text: its folded form and where it stands in the original (UTF-16 offsets, end exclusive). */
export interface Word {
  folded: string;
  start: number;
  end: number;
}

/**
 * The words of a text with their positions in the original, for highlighting. Folding never changes a word's length
 * except for composed characters (NFC) and "ß", so positions are found on the original string and each word is folded
 * on its own.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldText(m[0]);
    if (folded.length < 2 && !/\d/u.test(folded)) continue;
    out.push({ folded: folded.slice(0, MAX_TOKEN_LENGTH), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The folded words of a text, in order (duplicates kept). Single letters are dropped; digits are kept. */
export function foldedWords(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(TOKEN)) {
    const token = m[0];
    if (token.length < 2 && !/\d/u.test(token)) continue;
    out.push(token.length > MAX_TOKEN_LENGTH ? token.slice(0, MAX_TOKEN_LENGTH) : token);
  }
  return out;
}
