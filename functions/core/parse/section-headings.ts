import type { SectionKind } from '../records/types.ts';
import { collapseWhitespace, isWhitespaceCode } from '../text/whitespace.ts';

/**
 * The section headings of a § as Swedish protocols print them, each on a line of its own. Matching is on the whole
 * line (case-insensitive, trailing colon ignored), never on a prefix, so running text that starts with "Beslut om …"
 * is not taken for a heading. KL 5 kap. 67 § lists what a protocol records per ärende (yrkanden, propositionsordning,
 * omröstning, beslut, reservationer); the vocabulary follows it.
 */
const KNOWN: ReadonlyArray<readonly [SectionKind, readonly string[]]> = [
  [
    'description',
    ['ärendebeskrivning', 'sammanfattning', 'sammanfattning av ärendet', 'bakgrund', 'ärendet', 'ärende'],
  ],
  ['preparation', ['beredning', 'förvaltningens bedömning', 'bedömning', 'yttrande', 'utredning']],
  [
    'motions',
    [
      'yrkanden',
      'yrkande',
      'förslag till beslut på sammanträdet',
      'förslag på sammanträdet',
      'yrkanden på sammanträdet',
      'förslag till beslut under sammanträdet',
    ],
  ],
  [
    'procedure',
    ['propositionsordning', 'proposition', 'propositioner', 'beslutsgång', 'propositionsordning och beslutsgång'],
  ],
  ['vote', ['omröstning', 'omröstningar', 'votering', 'omröstningsresultat', 'voteringslista', 'voteringsresultat']],
  ['decision', ['beslut', 'beslutet', 'nämndens beslut', 'styrelsens beslut']],
  ['proposal', ['förslag till beslut', 'förvaltningens förslag till beslut', 'arbetsutskottets förslag till beslut']],
  ['reservation', ['reservation', 'reservationer']],
  ['special-statement', ['särskilt yttrande', 'särskilda yttranden']],
  ['minute-note', ['protokollsanteckning', 'protokollsanteckningar', 'anteckning', 'anteckningar']],
  ['disqualification', ['jäv', 'jävsanmälan', 'anmälan om jäv']],
  [
    'recipients',
    [
      'expedieras till',
      'expedieras',
      'expediering',
      'skickas till',
      'protokollsutdrag skickas till',
      'protokollsutdrag till',
      'beslutet skickas till',
      'beslutet expedieras till',
      'sändlista',
    ],
  ],
  ['documents', ['beslutsunderlag', 'handlingar', 'handling', 'underlag', 'underlag för beslut', 'bilagor']],
  [
    'other',
    [
      'anförande',
      'anföranden',
      'tidigare behandling',
      'justering',
      'omedelbar justering',
      'delegationsbeslut',
      'anmälningar',
      'meddelanden',
      'bilaga',
      'föredragning',
      'föredragningar',
      'fråga',
      'svar',
      'interpellation',
      'information',
      'ajournering',
      'överläggning',
      'överläggningar',
      'konsekvensbeskrivning',
      'ekonomiska konsekvenser',
      'barnperspektiv',
      'barnrättsperspektiv',
      'jämställdhetsperspektiv',
      'miljöperspektiv',
    ],
  ],
];

const LOOKUP = new Map<string, SectionKind>();
for (const [kind, names] of KNOWN) for (const name of names) LOOKUP.set(name, kind);
/** The vocabulary as normalised keys (lower case, single spaces, no colon) and their kinds. */
export const HEADING_VOCABULARY: ReadonlyMap<string, SectionKind> = LOOKUP;
/** The first words of the keys, by length: a line that normalises to a key starts with one of them. */
const FIRST_WORDS_BY_LENGTH: string[][] = [];
for (const key of LOOKUP.keys()) {
  const word = key.split(' ')[0] as string;
  const list = FIRST_WORDS_BY_LENGTH[word.length] ?? [];
  if (!list.includes(word)) list.push(word);
  FIRST_WORDS_BY_LENGTH[word.length] = list;
}
const UPPER_START_RE = /^\p{Lu}/u;
/** What normalizeHeading can take out of a key's spelling besides case: a colon, a tab, a run of spaces. */
export const NORMALISED_AWAY_RE = /[:\t]| {2}/;
const TRAILING_COLON_RE = /\s*:$/u;

/**
 * A heading printed with a typo ("Omrösningsresultat" for "Omröstningsresultat"): the kind of the one vocabulary entry
 * of eight letters or more within one edit, or undefined. Only for lines the layout marks as headings (the caller
 * decides), so running text is never bent into a heading.
 */
export function nearHeadingKind(text: string): SectionKind | undefined {
  if (text.length < 8 || text.length > 48) return undefined;
  const t = normalizeHeading(text);
  if (t.length < 8 || t.length > 40) return undefined;
  let found: SectionKind | undefined;
  for (const [key, kind] of NEAR_KEYS.get(t[0] ?? '') ?? []) {
    if (Math.abs(key.length - t.length) > 1) continue;
    if (withinOneEdit(key, t)) {
      if (found !== undefined && found !== kind) return undefined;
      found = kind;
    }
  }
  return found;
}

/** Vocabulary entries of eight letters or more, by first letter. */
const NEAR_KEYS = new Map<string, Array<[string, SectionKind]>>();
for (const [key, kind] of LOOKUP) {
  if (key.length < 8) continue;
  const list = NEAR_KEYS.get(key[0] ?? '') ?? [];
  list.push([key, kind]);
  NEAR_KEYS.set(key[0] ?? '', list);
}

function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function normalizeHeading(text: string): string {
  return collapseWhitespace(text.trim()).replace(TRAILING_COLON_RE, '').toLowerCase();
}

/** The kind of a known section heading, or undefined when the line is not one. */
export function knownHeadingKind(text: string): SectionKind | undefined {
  return knownHeadingKindOfTrimmed(trimSpaced(text));
}

/**
 * The line trimmed when it starts or ends with a space (layout text indents; a line that starts with a tab or another
 * space character is left as it is, and so is never a heading). Callers asking several questions of one line trim
 * once and use the *OfTrimmed forms.
 */
export function trimSpaced(text: string): string {
  return text.charCodeAt(0) === 0x20 || text.charCodeAt(text.length - 1) === 0x20 ? text.trim() : text;
}

/** knownHeadingKind of a line already passed through trimSpaced. */
export function knownHeadingKindOfTrimmed(t: string): SectionKind | undefined {
  // Headings are printed capitalised; "protokollsanteckning:" ending a wrapped sentence is not one.
  if (t.length === 0 || t.length > 60) return undefined;
  const c = t.charCodeAt(0);
  // ASCII outside A-Z is never an upper-case letter; other characters go to the Unicode test.
  if (c < 0x80 ? c < 0x41 || c > 0x5a : !UPPER_START_RE.test(t)) return undefined;
  // Keys have single spaces and no colon: a line that lower-cases to a key is already normalised. It is compared in
  // place with the keys of its length, nothing copied or lower-cased; most lines have no key of their length or
  // differ from each in the first letter, which rules them out sooner than a test of the first word could.
  const direct = sameLengthKey(t);
  if (direct !== undefined) return direct;
  // Only a line with a colon or a run of spaces can normalise to a key of another length (one native search), and
  // only when its first word (up to whitespace or a colon) lower-cases to a key's first word: read in place before
  // the line is copied and normalised.
  if (!NORMALISED_AWAY_RE.test(t) || !startsWithKeyWord(t, 0)) return undefined;
  return LOOKUP.get(normalizeHeading(t));
}

/**
 * The word of `t` at `from` (up to whitespace, a colon or the end) lower-cases to the first word of a key. Every line
 * that normalises to a key passes (normalising keeps the first word and lower-cases it), so this rules a line out
 * before any copy.
 */
export function startsWithKeyWord(t: string, from: number): boolean {
  const length = t.length;
  let end = from;
  while (end < length) {
    const c = t.charCodeAt(end);
    if (c === 0x3a || isWhitespaceCode(c)) break;
    end += 1;
  }
  const words = FIRST_WORDS_BY_LENGTH[end - from];
  if (words === undefined) return false;
  for (const word of words) if (lowersToAt(t, from, word)) return true;
  return false;
}

/** Vocabulary entries by length, indexed by it (every key is ASCII or å ä ö é: one UTF-16 unit per letter). */
const KEYS_BY_LENGTH: Array<Array<[string, SectionKind]> | undefined> = [];
for (const [key, kind] of LOOKUP) {
  const list = KEYS_BY_LENGTH[key.length] ?? [];
  list.push([key, kind]);
  KEYS_BY_LENGTH[key.length] = list;
}

/**
 * Every key's length and first letter, as length × 0x10000 + the letter's code: a line of that length that starts with
 * no such letter (in either case) lower-cases to no key.
 */
const KEY_STARTS = new Set<number>();
for (const key of LOOKUP.keys()) KEY_STARTS.add(key.length * 0x10000 + key.charCodeAt(0));

/**
 * Whether a line of `length` characters (trimmed, neither a colon nor a run of spaces in it) whose first character
 * has code `c` can lower-case to a key. A gate for callers that read a line in place: false only when
 * knownHeadingKindOfTrimmed of such a line is undefined. Capitals of ASCII and Latin-1 lower-case by +0x20; any
 * other character above ASCII is let through.
 */
export function mayBeKeyStart(length: number, c: number): boolean {
  if (c >= 0x80 && !(c >= 0xc0 && c <= 0xde && c !== 0xd7)) return true;
  const lower = (c >= 0x41 && c <= 0x5a) || c >= 0xc0 ? c + 0x20 : c;
  return KEY_STARTS.has(length * 0x10000 + lower);
}

/** The kind of the key `t` lower-cases to, compared in place with the keys of its length. */
function sameLengthKey(t: string): SectionKind | undefined {
  const keys = t.length < KEYS_BY_LENGTH.length ? KEYS_BY_LENGTH[t.length] : undefined;
  if (keys === undefined) return undefined;
  for (const [key, kind] of keys) if (lowersToAt(t, 0, key)) return kind;
  return undefined;
}

/**
 * Whether the characters of `t` from `from` on lower-case to `word` (lower case, every letter one UTF-16 unit),
 * compared letter by letter without copying: `t.slice(from, from + word.length).toLowerCase() === word` exactly when
 * every character lower-cases to the word's character at the same place, since no character of such a word is one that
 * a longer or shorter lower-casing could produce (İ → i + U+0307: the combining dot is in none). ASCII and Latin-1
 * capitals (À–Þ less ×) differ from their lower case by 0x20; any other character is lower-cased on its own.
 */
export function lowersToAt(t: string, from: number, word: string): boolean {
  if (from < 0 || from + word.length > t.length) return false;
  for (let k = 0; k < word.length; k += 1) {
    const c = t.charCodeAt(from + k);
    const want = word.charCodeAt(k);
    if (c === want) continue;
    if (c < 0x80 || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) {
      if ((c < 0x80 ? c >= 0x41 && c <= 0x5a : true) && c + 0x20 === want) continue;
      return false;
    }
    if ((t[from + k] as string).toLowerCase() !== word[k]) return false;
  }
  return true;
}

/** Kinds whose content is a list or formal statement: no unknown sub-headings are looked for inside them. */
export const LIST_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'recipients',
  'documents',
  'decision',
  'vote',
  'motions',
  'procedure',
  'reservation',
  'minute-note',
  'special-statement',
  'disqualification',
]);
