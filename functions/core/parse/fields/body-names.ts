/**
 * Recognising the name of a council body in running text ("Kommunstyrelsens arbetsutskott", "Barn- och
 * ungdomsnämnden", "Tekniska nämnden") and matching an abbreviation ("KSAU", "BUN AU", "TEN") against such a name.
 * Token scanning only (no regex over unbounded letter runs), so adversarial text stays linear.
 */
const ROOTS = ['nämnd', 'styrelse', 'fullmäktige', 'utskott', 'presidi', 'beredning', 'förbund', 'revision'];
const STOP = new Set(['och', 'i', 'för', 'av', 'till', 'med', 'om', 'på', 'den', 'det', 'har', 'som', 'att']);

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /[\p{L}]+-?/gu;

function hasRoot(word: string): boolean {
  const w = word.toLowerCase();
  return ROOTS.some((r) => w.includes(r));
}

/** The first body name in `text`, as [start, end) offsets, or undefined. */
export function firstBodyName(text: string): { start: number; end: number } | undefined {
  const toks = tokensToFirstBody(text);
  const t = toks.body;
  if (!t) return undefined;
  let start = t.start;
  let end = t.end;
  const before = toks.before;
  const before2 = toks.before2;
  if (before && before2 && before.text.toLowerCase() === 'och' && before2.text.endsWith('-')) start = before2.start;
  else if (before && isAdjective(before.text) && text.slice(before.end, t.start).trim() === '') start = before.start;
  const after = toks.after;
  if (after && hasRoot(after.text) && text.slice(t.end, after.start).trim() === '') end = after.end;
  return { start, end };
}

/** The first word holding a body root, the two words before it and the one after it (those a name is read from). */
interface BodyTokens {
  before2?: Token;
  before?: Token;
  body?: Token;
  after?: Token;
}

/**
 * The words (letter runs, with a trailing hyphen) around the first one holding a body root. A word holds a root only
 * if the lower-cased text does; when lower-casing kept every offset (no character changed length), the first root in
 * the text lies in the first word that holds one.
 */
function tokensToFirstBody(text: string): BodyTokens {
  const lower = text.toLowerCase();
  let at = Number.POSITIVE_INFINITY;
  for (const r of ROOTS) {
    const i = lower.indexOf(r);
    if (i >= 0 && i < at) at = i;
  }
  if (at === Number.POSITIVE_INFINITY) return {};
  if (lower.length !== text.length) return scanTokens(text, 0, (t) => hasRoot(t.text));
  // Only the two words before the body word are read: the scan starts a little before the root, and from the whole
  // text only when those few characters do not hold them (long words, or the text's start).
  if (at > LOOKBACK) {
    const near = scanTokens(text, at - LOOKBACK, (t) => t.end > at);
    if (near.before2 !== undefined) return near;
  }
  return scanTokens(text, 0, (t) => t.end > at);
}

/** How far before the root the scan for its words starts (three words of ordinary length fit). */
const LOOKBACK = 48;

/**
 * The words from `from` up to the one after the first body word (`isBody`). From an offset inside the text, the
 * first letter run found may be the cut-off end of a word, so it is never kept: the words after it are the text's
 * own (a letter run ends where it ends however far back the scan started).
 */
function scanTokens(text: string, from: number, isBody: (t: Token) => boolean): BodyTokens {
  const out: BodyTokens = {};
  let skip = from > 0;
  TOKEN_RE.lastIndex = from;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const token = { text: m[0], start: m.index, end: m.index + m[0].length };
    if (out.body) {
      out.after = token; // the word after the body word
      break;
    }
    if (skip) {
      skip = false;
      if (isBody(token)) return {}; // cut off: no words before it were seen
      continue;
    }
    if (isBody(token)) out.body = token;
    else {
      out.before2 = out.before;
      out.before = token;
    }
  }
  return out;
}

/** "Tekniska", "Göteborgsregionens": an attribute printed before a body noun. */
function isAdjective(word: string): boolean {
  const w = word.toLowerCase();
  return w.length >= 4 && !STOP.has(w) && /^\p{Lu}/u.test(word) && (w.endsWith('a') || w.endsWith('s'));
}

/** Splits compound words at the body roots: "kommunstyrelsens" → ["kommun", "styrelsens"]. */
function parts(name: string): string[] {
  const out: string[] = [];
  for (const word of name.toLowerCase().split(/[^\p{L}]+/u)) {
    if (!word || STOP.has(word)) continue;
    let rest = word;
    for (const root of ROOTS) {
      const at = rest.indexOf(root);
      if (at > 0) {
        out.push(rest.slice(0, at));
        rest = rest.slice(at);
        break;
      }
    }
    out.push(rest);
  }
  return out;
}

/**
 * True when `abbreviation` ("KSAU") can be read off `name` ("Kommunstyrelsens arbetsutskott"): its letters, in
 * order, start every part of the name and may take further letters from within a part ("TEN" = TEkniska Nämnden).
 */
export function abbreviates(abbreviation: string, name: string): boolean {
  const letters = abbreviation.toLowerCase().replace(/[^\p{L}]/gu, '');
  // A full name (more than 12 letters) abbreviates nothing: known before the name is split.
  if (letters.length === 0 || letters.length > 12) return false;
  const ps = parts(name);
  if (ps.length === 0 || ps.length > 12) return false;
  return lettersMatch(letters, ps, 0, 0);
}

/** letters[0..i) consumed, parts[0..j) fully used (each part starting with its own letter): can the rest match? */
function lettersMatch(letters: string, ps: readonly string[], i: number, j: number): boolean {
  if (j === ps.length) return i === letters.length;
  const part = ps[j] as string;
  if (letters[i] !== part[0]) return false;
  let k = i + 1;
  let pos = 1;
  if (lettersMatch(letters, ps, k, j + 1)) return true;
  while (k < letters.length) {
    const found = part.indexOf(letters[k] as string, pos);
    if (found < 0) return false;
    k += 1;
    pos = found + 1;
    if (lettersMatch(letters, ps, k, j + 1)) return true;
  }
  return false;
}
