import type { LineLayout, SectionKind } from '../records/types.ts';
import {
  knownHeadingKind,
  knownHeadingKindOfTrimmed,
  lowersToAt,
  nearHeadingKind,
  normalizeHeading,
  trimSpaced,
} from './section-headings.ts';
import { isCapitalCode, leadingIndent } from './text-shape.ts';

/**
 * Section markers beyond the fixed vocabulary of section-headings.ts, recognised by what every template's markers
 * share rather than by a list of bodies:
 *
 * - decision: a short line that is only a marker and carries a form of "beslut" — "Beslut", "Kommunstyrelsens
 *   beslut", "Välfärdsnämndens beslut:", "SAMHÄLLSPLANERINGSNÄMNDENS BESLUT", "Nämnden beslutar", "Kommunstyrelsen
 *   beslutade:", an all-caps "… BESLUTSFÖRSLAG TILL KOMMUNFULLMÄKTIGE" (the body decides to propose), or a "Beslut:"
 *   label with the decision on the same line;
 * - proposal: "Förslag:", "Ordförandes förslag:", "Stadsdirektör NN:s förslag:" (someone's proposal), "Förslag till
 *   <this body>" (the office's proposal to the body that decides), "Beslutsförslag";
 * - any known heading used as a label with its text on the same line ("Beredning: Kanslichef NN").
 *
 * A marker never contains a sentence: "Kommunstyrelsen beslutar att …" is decision text, not a marker. Layout helps
 * where the wording is damaged (an emphasised short line ending in a colon is a marker of unknown kind).
 */
export interface Marker {
  kind: SectionKind;
  /** The marker as printed (without the inline text). */
  heading: string;
  /** Text after "Label:" on the same line ('' when the marker stands alone). */
  rest: string;
  /** A decision marker naming a body in the genitive ("Stadsstyrelsens beslut"): that body, lower-cased. */
  body?: string;
  /** How the marker was recognised: the fixed vocabulary, the general wording rules, or layout alone. */
  basis: 'vocabulary' | 'wording' | 'layout';
}

export const MAX_MARKER_LENGTH = 90;
/** Every worded marker holds one of these: one test rules out almost every line. */
const MARKER_WORD_RE = /[bB]eslut|BESLUT|[fF]örslag|FÖRSLAG|EXPEDIER|SKICKAS/u;
/** Roots of body names: a genitive holding one of these names a body. */
const BODY_ROOT_RE =
  /(?:nämnd|styrelse|fullmäktige|utskott|råd|beredning|direktion|förbund|presidi|revision|delegation)/iu;
/** A body's name in the definite form ends so: "barn- och utbildningsnämnden", "kommunstyrelsen". */
const BODY_NAME_END_RE =
  /(?:nämnden|styrelsen|fullmäktige|utskottet|rådet|beredningen|direktionen|förbundet|presidiet|revisionen|delegationen)$/iu;
const GENITIVE_DECISION_RE = /^((?:[\p{L}-]+\s+){0,5}[\p{L}-]*[sS])\s+(beslut|BESLUT)$/u;
const BODY_DECIDES_RE = /^((?:[\p{L}-]+\s+){0,4}[\p{L}-]+)\s+(?:beslutar|beslutade|beslöt|BESLUTAR|BESLUTADE|BESLÖT)$/u;
const PERSON_PROPOSAL_RE = /^(\p{Lu}[^:]{0,120}[sS]|Förslag|FÖRSLAG)\s*(?:förslag|FÖRSLAG)?(?:\s+till\s+beslut)?$/u;
const PREPOSITION_START_RE = /^(?:Enligt|På|Med|I|Till|Efter|Om|Av|Från|Utifrån|Mot|Genom|Vid|Se|Ur)\s/u;
const PROPOSAL_TO_RE = /^Förslag\s+till\s+(.{3,80})$/iu;
const ALL_CAPS_RE = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;
/** A label is letters, spaces and hyphens ("Beslut", "Beslutet expedieras till", "Ordförandes förslag"). */
const LABEL_SHAPE_RE = /^\p{L}[\p{L} -]{1,50}$/u;

/**
 * A cheap test whether a line could be a worded marker at all (short, ending in a marker word or a colon, or in
 * capitals); for callers that only need a yes/no over many lines.
 */
export function couldBeMarker(text: string): boolean {
  return couldBeMarkerTrimmed(trimSpaced(text));
}

function couldBeMarkerTrimmed(t: string): boolean {
  if (t.length < 4 || t.length > MAX_MARKER_LENGTH || !startsCapital(t)) return false;
  return t.charCodeAt(t.length - 1) === 0x3a || mayBeWordedMarker(t);
}

function mayBeWordedMarker(t: string): boolean {
  let end = t.length;
  if (t.charCodeAt(end - 1) === 0x3a) end -= 1;
  while (end > 0 && t.charCodeAt(end - 1) === 0x20) end -= 1;
  const last = t.charCodeAt(end - 1) | 0x20;
  // beslut, beslöt (t), beslutar (r), beslutade (e), förslag (g) as the last word; capitals; "Förslag till <body>".
  if ((last === 0x74 || last === 0x72 || last === 0x65 || last === 0x67) && endsInMarkerWord(t, end)) return true;
  const c0 = t.charCodeAt(0);
  const c1 = t.charCodeAt(1);
  if (c1 >= 0x41 && c1 <= 0x5a) return true;
  return (c0 === 0x46 && t.startsWith('Förslag')) || (c0 === 0x42 && t.startsWith('Beslutsförslag'));
}

const MARKER_ENDINGS = ['beslut', 'beslutar', 'beslutade', 'beslöt', 'förslag'];

/**
 * The text ending at `end` ends in a marker word, also as the end of a compound ("Beslutsförslag"); compared in place,
 * case-insensitively, nothing copied. A gate only: the wording rules decide.
 */
export function endsInMarkerWord(t: string, end: number, from = 0): boolean {
  for (const word of MARKER_ENDINGS) {
    const start = end - word.length;
    if (start < from) continue;
    let same = true;
    for (let k = 0; k < word.length && same; k += 1)
      same =
        (t.charCodeAt(start + k) | 0x20) === word.charCodeAt(k) || (t[start + k] as string).toLowerCase() === word[k];
    if (same) return true;
  }
  return false;
}

function withoutTrailingColon(t: string): string {
  return t.endsWith(':') ? t.slice(0, -1).trimEnd() : t;
}

/** A-Z, Å Ä Ö É, or another upper-case letter. */
function startsCapital(t: string): boolean {
  return startsCapitalAt(t, 0);
}

function startsCapitalAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return UPPER_RE.test(t[i] as string);
}

const UPPER_RE = /^\p{Lu}/u;

/**
 * The marker a line is, or undefined. `body` is the meeting's body name (for "Förslag till <body>"). The fixed
 * vocabulary is tried first; the general rules only where a cheap look at the line allows a marker (short and
 * ending in a marker word or colon, a label with a colon early on, or emphasised by the layout).
 */
export function sectionMarker(text: string, layout?: LineLayout, body = ''): Marker | undefined {
  // The vocabulary, the cheap gate and the general rules all read the line trimmed the same way: trimmed once here.
  const t = trimSpaced(text);
  const known = knownHeadingKindOfTrimmed(t);
  if (known) return { kind: known, heading: text.trim(), rest: '', basis: 'vocabulary' };
  const emphasised = layout !== undefined && layout.emphasis >= 0.8;
  if (!emphasised && !couldBeMarkerTrimmed(t) && !colonEarly(text)) return undefined;
  return generalMarker(text, layout, body, t);
}

/** A colon within the first 53 characters, followed by a space: where an inline label can stand. */
function colonEarly(text: string): boolean {
  const at = text.indexOf(':');
  return at > 1 && at <= 60 && text.charCodeAt(at + 1) === 0x20;
}

/** The general rules for a line the vocabulary does not know; `t` is the line through trimSpaced. */
function generalMarker(text: string, layout: LineLayout | undefined, body: string, t: string): Marker | undefined {
  // Most lines start with a lower-case letter, a digit or a bullet and carry no emphasis: ruled out before any copy.
  const emphasised = layout !== undefined && layout.emphasis >= 0.8;
  if (!emphasised && !startsCapitalAt(text, leadingIndent(text))) return undefined;
  if (t.length === 0 || t.length > MAX_MARKER_LENGTH * 2) return undefined;
  // Every worded marker starts with a capital; a line starting otherwise can only be marked by its layout.
  if (startsCapital(t)) {
    // A worded marker ends in its marker word, starts with "Förslag"/"Beslutsförslag", or is in capitals: a few
    // character comparisons rule out running text before any regex reads the line.
    if (t.length <= MAX_MARKER_LENGTH && mayBeWordedMarker(t)) {
      const bare = withoutTrailingColon(t);
      const worded = wordedMarker(bare, body, bare.length < t.length);
      if (worded) return withHeading(worded, t);
    }
    const colon = t.indexOf(':');
    const inline = colon > 0 && colon <= 52 ? inlineLabel(t, body) : undefined;
    if (inline) return inline;
  }
  if (layout && emphasised) {
    const near = nearHeadingKind(t);
    if (near) return { kind: near, heading: t, rest: '', basis: 'layout' };
    if (isEmphasisedLabel(t, layout)) return { kind: 'other', heading: t, rest: '', basis: 'layout' };
  }
  return undefined;
}

/** A worded marker with its heading (built field by field: an object spread is slow on this path). */
function withHeading(worded: Omit<Marker, 'heading' | 'rest'>, heading: string): Marker {
  const m: Marker = { kind: worded.kind, heading, rest: '', basis: worded.basis };
  if (worded.body !== undefined) m.body = worded.body;
  return m;
}

/** "Välfärdsnämndens beslut", "Nämnden beslutar", "ORDFÖRANDES FÖRSLAG", "Förslag till barn- och utbildningsnämnden". */
function wordedMarker(t: string, body: string, colon: boolean): Omit<Marker, 'heading' | 'rest'> | undefined {
  const c = t.charCodeAt(0);
  if (c < 0x41 || (c >= 0x61 && c <= 0x7a) || !MARKER_WORD_RE.test(t)) return undefined;
  if (isCapitalCode(c) && isCapitalCode(t.charCodeAt(1)) && t.length >= 6 && ALL_CAPS_RE.test(t)) return capsMarker(t);
  // A marker ends in its marker word (or names the body it addresses): the ending decides which rule can apply.
  const ending = lastMarkerWord(t);
  if (ending === 'beslut') {
    const genitive = GENITIVE_DECISION_RE.exec(t);
    if (!genitive || !isBodyPhrase(genitive[1] ?? '')) return undefined;
    const named = genitive[1] ?? '';
    return BODY_ROOT_RE.test(named)
      ? { kind: 'decision', body: named.toLowerCase(), basis: 'wording' }
      : { kind: 'decision', basis: 'wording' };
  }
  if (ending === 'beslutar' || ending === 'beslutade' || ending === 'beslöt') {
    const decides = BODY_DECIDES_RE.exec(t);
    return decides && BODY_ROOT_RE.test(decides[1] ?? '') && isBodyPhrase(decides[1] ?? '')
      ? { kind: 'decision', basis: 'wording' }
      : undefined;
  }
  if (ending === 'beslutsförslag' && t.length === ending.length) return { kind: 'proposal', basis: 'wording' };
  if (c === 0x46 || c === 0x66) {
    const to = PROPOSAL_TO_RE.exec(t);
    if (to) return sameBody(to[1] ?? '', body) ? { kind: 'proposal', basis: 'wording' } : undefined;
  }
  if (ending !== 'förslag') return undefined;
  const words = spacesIn(t) + 1;
  if ((colon || words <= 3) && words <= 10 && !PREPOSITION_START_RE.test(t) && PERSON_PROPOSAL_RE.test(t)) {
    return { kind: 'proposal', basis: 'wording' };
  }
  return undefined;
}

/** How many spaces the text holds (t.split(' ').length - 1, without the array). */
function spacesIn(t: string): number {
  let n = 0;
  for (let i = t.indexOf(' '); i >= 0; i = t.indexOf(' ', i + 1)) n += 1;
  return n;
}

/** The words a marker can end in (lower case). */
const LAST_WORDS = ['beslut', 'beslutar', 'beslutade', 'beslöt', 'beslutsförslag', 'förslag'];

/** The text after the last space, lower-cased, when it is one of LAST_WORDS; '' otherwise (compared in place). */
function lastMarkerWord(t: string): string {
  const from = t.lastIndexOf(' ') + 1;
  for (const word of LAST_WORDS) if (t.length - from === word.length && lowersToAt(t, from, word)) return word;
  return '';
}

/**
 * The words of a body's name before "beslut"/"beslutar": capitalised words, "och", words ending in a hyphen ("Barn-")
 * and words holding a body root ("nämndens", "arbetsutskott"). A sentence ("Per Palm yrkar bifall till
 * kommunstyrelsens beslut") has other words and is no marker.
 */
function isBodyPhrase(phrase: string): boolean {
  const words = phrase.split(/\s+/u);
  return words.every((w) => /^\p{Lu}/u.test(w) || w === 'och' || w.endsWith('-') || BODY_ROOT_RE.test(w));
}

/** An all-caps marker: what it says decides its kind. */
function capsMarker(t: string): Omit<Marker, 'heading' | 'rest'> | undefined {
  if (/BESLUTSUNDERLAG/u.test(t)) return { kind: 'documents', basis: 'wording' };
  if (/BESLUTSGÅNG/u.test(t)) return { kind: 'procedure', basis: 'wording' };
  if (/^FÖRSLAG\b|\bFÖRSLAG$/u.test(t)) return { kind: 'proposal', basis: 'wording' };
  if (/BESLUT/u.test(t)) return { kind: 'decision', basis: 'wording' };
  if (/EXPEDIER|SKICKAS\sTILL/u.test(t)) return { kind: 'recipients', basis: 'wording' };
  return undefined;
}

/** "Förslag till barn- och utbildningsnämnden" addresses the meeting's own body. */
function sameBody(named: string, body: string): boolean {
  if (body === '') return named.split(/\s+/u).length <= 5 && BODY_NAME_END_RE.test(named.trim());
  return nameStem(named) === nameStem(body);
}

function nameStem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
    .replace(/(?:en|et|s|n)$/u, '');
}

/** "Beslut: Enligt förslag.", "Beredning: Kanslichef NN", "Beslutet expedieras till: Kommunstyrelsen". */
function inlineLabel(t: string, body: string): Marker | undefined {
  // The label is the text before the first colon, which a space and the text follow: read by hand, then judged by
  // the vocabulary (cheap) before the wording rules.
  const colon = t.indexOf(':');
  if (colon < 2 || colon > 52 || t.charCodeAt(colon + 1) !== 0x20) return undefined;
  const label = t.slice(0, colon).trim();
  const rest = t.slice(colon + 1).trim();
  if (rest === '' || !LABEL_SHAPE_RE.test(label)) return undefined;
  const kind =
    knownHeadingKind(label) ?? (mayBeWordedMarker(label) ? wordedMarker(label, body, true)?.kind : undefined);
  // "Bilaga: Överenskommelse …", "Information: …" inside running text are references, not parts of the §.
  if (!kind || kind === 'other') return undefined;
  return { kind, heading: `${label}:`, rest, basis: 'vocabulary' };
}

/**
 * Layout alone: a short emphasised line that ends in a colon and is not a sentence ("Vvllvrdsnvrndens beslut:" in a
 * damaged text layer still stands out as the template's bold marker).
 */
function isEmphasisedLabel(t: string, layout: LineLayout): boolean {
  // A colon at the end, or followed by a stray glyph the damaged layer left ("beslut:i").
  return (
    layout.emphasis >= 0.8 && t.length <= 80 && /:\p{L}?$/u.test(t) && t.split(' ').length <= 12 && !/[.!?]\s/u.test(t)
  );
}

export { normalizeHeading };
