import type { PageText } from '../records/types.ts';
import { type PageChars, scanPages } from './lines.ts';

/**
 * How far a document's text layer can be trusted, read from the text alone (pure, linear). A PDF whose fonts map some
 * glyphs to the wrong characters or to none (typically the ligatures fi, fl, ff, ft, ti, tt: "beslutfrhet",
 * "at justera", "tll", "Vvllvrdsnvrndens") still yields text, but wrong text: titles and markers are misspelt and
 * § may be missed. The OCR fallback (issue 17) uses the same signal to decide when to read the page images instead.
 *
 * Signals, each compared with what Swedish running text shows (measured on the corpus: intact protocols 18–28 ‰
 * ligature letter pairs, damaged KTweb protocols 8–15 ‰):
 * - ligature pairs: the share of letter pairs "tt", "ti", "tf", "fi", "ff", "fl", "ft" among the letters;
 * - "at" for "att": Swedish has no word "at", the commonest word "att" loses a letter when "tt" is a ligature;
 * - characters that are no text: U+FFFD, private-use code points (unmapped glyphs), control characters.
 * `score` is 0–1 (1 = trustworthy); `damaged` when it falls below 0.6. Too little text to judge scores 1.
 */
export interface TextLayerAssessment {
  damaged: boolean;
  score: number;
  reasons: string[];
  /** Per page (pages with too little text to judge score 1). */
  pages: Array<{ number: number; score: number; damaged: boolean }>;
}

const DAMAGED_BELOW = 0.6;
/** Letters needed before the ligature-pair rate says anything. */
const MIN_LETTERS = 2000;
const MIN_PAGE_LETTERS = 500;
/**
 * Ligature pairs per 1000 characters (letters, spaces, digits and punctuation alike, which is cheaper to count): at or
 * above INTACT is normal text, at or below BROKEN no ligature survived. Measured on the corpus: intact protocols
 * 13.3–22.4, the damaged KTweb protocols 5.8 and 10.5.
 */
const INTACT_PER_MILLE = 13;
const BROKEN_PER_MILLE = 4;

interface Counts {
  /** Characters (the name is kept from the letter count it approximates). */
  letters: number;
  ligatures: number;
  at: number;
  att: number;
  junk: number;
}

export function assessTextLayer(
  pages: readonly PageText[],
  chars: readonly PageChars[] = scanPages(pages),
): TextLayerAssessment {
  const total: Counts = { letters: 0, ligatures: 0, at: 0, att: 0, junk: 0 };
  const perPage = pages.map((p, i) => {
    const c = count(p.text, chars[i] === 'latin1' || chars[i] === 'wide');
    total.letters += c.letters;
    total.ligatures += c.ligatures;
    total.at += c.at;
    total.att += c.att;
    total.junk += c.junk;
    return { number: p.number, counts: c };
  });
  const reasons: string[] = [];
  const score = judge(total, MIN_LETTERS, reasons);
  const damaged = score < DAMAGED_BELOW;
  return {
    damaged,
    score,
    reasons,
    pages: perPage.map(({ number, counts }) => {
      const s = judge(counts, MIN_PAGE_LETTERS, []);
      // A page is damaged when the document is and the page itself shows it (the signals are noisy on one page).
      return { number, score: s, damaged: damaged && s < 0.8 };
    }),
  };
}

/** The assessment of text that is no PDF text layer: trustworthy as written. */
export function intactTextLayer(pages: readonly PageText[]): TextLayerAssessment {
  return {
    damaged: false,
    score: 1,
    reasons: [],
    pages: pages.map((p) => ({ number: p.number, score: 1, damaged: false })),
  };
}

function judge(c: Counts, minLetters: number, reasons: string[]): number {
  let score = 1;
  if (c.letters >= minLetters) {
    const perMille = (1000 * c.ligatures) / c.letters;
    const s = clamp((perMille - BROKEN_PER_MILLE) / (INTACT_PER_MILLE - BROKEN_PER_MILLE));
    if (s < 1)
      reasons.push(`few ligature letter pairs (tt, ti, fi, ft, fl, ff): ${perMille.toFixed(1)} per 1000 characters`);
    score = Math.min(score, s);
  }
  if (c.at + c.att >= 5 && c.at >= 2) {
    const share = c.at / (c.at + c.att);
    const s = clamp(1 - share * 1.5);
    if (s < 1) reasons.push(`"at" where Swedish writes "att" (${c.at} of ${c.at + c.att})`);
    score = Math.min(score, s);
  }
  if (c.letters > 0 && c.junk > 0) {
    const s = clamp(1 - (50 * c.junk) / c.letters);
    if (s < 1) reasons.push(`${c.junk} unmapped or replacement characters`);
    score = Math.min(score, s);
  }
  return Math.round(score * 100) / 100;
}

function clamp(n: number): number {
  return Math.min(1, Math.max(0, n));
}

/**
 * Counts, allocating nothing (a regex `match` would build an array of every ligature pair, and on a long document the
 * garbage grows faster than the text): characters, ligature pairs ("tt", "ti", "tf", "fi", "ff", "fl", "ft", any
 * case, not overlapping), the words "at"/"att" (the letters around are Latin or Swedish), and junk (U+FFFD,
 * private-use code points except the Symbol-font bullets U+F0A7 and U+F0B7, control characters other than tab,
 * newline, form feed and carriage return). Native scans counted by `test` on a global regex, which returns no match
 * object: a fifth cheaper than reading every character in JavaScript (see wordsAndPairs for the first); the junk scan
 * only when the page is not known to be plain (lines.ts scanPages).
 */
function count(text: string, plain: boolean): Counts {
  // A plain page (lines.ts: scanned for odd and junk characters at once, when its lines were made) holds no junk.
  const c: Counts = { letters: text.length, ligatures: 0, at: 0, att: 0, junk: plain ? 0 : matches(JUNK_RE, text) };
  wordsAndPairs(text, c);
  return c;
}

/** A letter for the at/att word rule: a–z, å ä ö é, either case. */
const WORD_LETTER = 'a-zA-ZåäöéÅÄÖÉ';
/**
 * Ligature pairs and the words "at"/"att" in one scan. Each ligature pair starts with t or f and each word with a, so
 * at any position at most one alternative can match, and neither consumes a character where the other would start a
 * match: the scan finds the same pairs and words as one scan for each. (The flag `i` is spelled out as [tT] etc.: with
 * it the word-letter classes would also take the characters that case-fold to a letter, ſ and K. Without `u` every
 * class here reads the same, since none holds an astral or a surrogate code point.)
 */
const PAIR_OR_WORD_RE = new RegExp(
  `[tT][tTiIfF]|[fF][iIfFlLtT]|(?<![${WORD_LETTER}])[aA][tT][tT]?(?![${WORD_LETTER}])`,
  'g',
);
const JUNK_RE = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd\ue000-\uf0a6\uf0a8-\uf0b6\uf0b8-\uf8ff]/g;

/**
 * Adds the ligature pairs and the at/att words to `c`. A match is told by its last characters (lastIndex after `test`):
 * "…a" + "t" is the word "at"; any other is a ligature pair. The word "att" ends in the pair "tt", which a scan for pairs
 * alone counts as well (the "a" before it is in no pair), so it counts as a pair and, when the a before it starts the
 * word (no word letter on either side), as "att"; when the word rule fails at that a, the pair was matched alone.
 */
function wordsAndPairs(text: string, c: Counts): void {
  const re = PAIR_OR_WORD_RE;
  re.lastIndex = 0;
  while (re.test(text)) {
    const end = re.lastIndex;
    if (isA(text.charCodeAt(end - 2))) {
      c.at += 1;
      continue;
    }
    c.ligatures += 1;
    if (
      isA(text.charCodeAt(end - 3)) &&
      (text.charCodeAt(end - 2) | 0x20) === 0x74 &&
      (text.charCodeAt(end - 1) | 0x20) === 0x74 &&
      !isWordLetter(text.charCodeAt(end - 4)) &&
      !isWordLetter(text.charCodeAt(end))
    ) {
      c.att += 1;
    }
  }
}

/** "a" or "A" (NaN, before the start, is neither). */
function isA(code: number): boolean {
  return (code | 0x20) === 0x61;
}

/** A character of WORD_LETTER (NaN, outside the text, is none). */
function isWordLetter(code: number): boolean {
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  return lower === 0xe5 || lower === 0xe4 || lower === 0xf6 || lower === 0xe9;
}

/** How many non-overlapping matches `re` (global) finds in `text`. */
function matches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(text)) n += 1;
  return n;
}

/** The name the OCR trigger (functions/adapters/ocr/ocr-plan.ts) was written against. */
export type TextLayerQuality = TextLayerAssessment;
