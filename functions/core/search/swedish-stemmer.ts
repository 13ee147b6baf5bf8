/**
 * The Snowball stemmer for Swedish (M. F. Porter's algorithm as described at snowballstem.org), written here from the
 * algorithm's description. It removes inflectional endings so that "detaljplanen", "detaljplaner" and "detaljplan"
 * share one stem; it does not split compounds and it keeps å, ä and ö.
 *
 * The word is expected in lower case (as `foldText` gives it). Every step looks only inside R1, the part of the word
 * after the first consonant that follows a vowel, but never less than three letters from the start, so short words
 * keep their ending ("är", "bil").
 */
const VOWELS = 'aeiouyäåö';

/** A final -s is removed only after one of these letters (the s-ending letters of the algorithm). */
const S_ENDING = 'bcdfghjklmnoprtvy';

/** Step 1 (a): endings deleted when they lie in R1. Longest first so that the longest ending that fits is taken. */
const MAIN_SUFFIXES: readonly string[] = [
  'heterna',
  'hetens',
  'anden',
  'andes',
  'andet',
  'arens',
  'arnas',
  'ernas',
  'heten',
  'heter',
  'ornas',
  'ades',
  'ande',
  'arna',
  'arne',
  'aren',
  'aste',
  'erna',
  'erns',
  'orna',
  'ade',
  'are',
  'ast',
  'ens',
  'ern',
  'het',
  'ad',
  'ar',
  'as',
  'at',
  'en',
  'er',
  'es',
  'or',
  'a',
  'e',
].sort((a, b) => b.length - a.length);

/** Step 2: these consonant pairs at the end, in R1, lose their last letter ("friskt" → "frisk", "kallt" → "kall"). */
const CONSONANT_PAIRS: readonly string[] = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

/** Step 3: derivational endings in R1, longest first. */
const OTHER_SUFFIXES: readonly (readonly [string, string])[] = [
  ['fullt', 'full'],
  ['löst', 'lös'],
  ['lig', ''],
  ['els', ''],
  ['ig', ''],
];

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.includes(c);
}

/** Start of R1: after the first non-vowel that follows a vowel, but at least 3; the word's length if there is none. */
export function regionOne(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (isVowel(word[i - 1]) && !isVowel(word[i])) return Math.min(word.length, Math.max(3, i + 1));
  }
  return word.length;
}

/** The Swedish stem of one lower-case word. Words of one or two letters and words without R1 come back unchanged. */
export function stem(word: string): string {
  const r1 = regionOne(word);
  let w = mainSuffix(word, r1);
  w = consonantPair(w, r1);
  return otherSuffix(w, r1);
}

/** Whether `suffix` ends `w` and lies entirely in R1 (starts at or after r1). */
function endsInRegion(w: string, suffix: string, r1: number): boolean {
  return w.length - suffix.length >= r1 && w.endsWith(suffix);
}

function mainSuffix(w: string, r1: number): string {
  for (const suffix of MAIN_SUFFIXES) {
    if (endsInRegion(w, suffix, r1)) return w.slice(0, w.length - suffix.length);
  }
  // -s after a valid s-ending; the s must lie in R1, the letter before it need not.
  if (endsInRegion(w, 's', r1) && S_ENDING.includes(w[w.length - 2] ?? '')) return w.slice(0, -1);
  return w;
}

function consonantPair(w: string, r1: number): string {
  for (const pair of CONSONANT_PAIRS) if (endsInRegion(w, pair, r1)) return w.slice(0, -1);
  return w;
}

function otherSuffix(w: string, r1: number): string {
  for (const [suffix, replacement] of OTHER_SUFFIXES) {
    if (endsInRegion(w, suffix, r1)) return w.slice(0, w.length - suffix.length) + replacement;
  }
  return w;
}
