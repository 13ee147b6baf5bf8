import type { TemplateProfile } from '../records/types.ts';
import type { Line } from './lines.ts';
import { isWhitespaceCode } from '../text/whitespace.ts';
import { matchHeadingLine } from './heading-line.ts';
import { caseNumbersOnlyLine } from '../records/case-numbers.ts';

/**
 * Removes page furniture: the lines a template prints on every page (body name, "Protokoll", the meeting date, the
 * page number, "Utdragsbestyrkande", "Justerandes sign" …). Found by repetition rather than per-municipality lists:
 * a line text that recurs in the top or bottom zone of most pages is furniture wherever it sits in that zone.
 * A small generic list covers texts that are furniture anywhere (signature boxes), and single-page texts whose
 * page headers survived as repeated blocks ("Protokoll nr 1" / "Sammanträdesdatum: 2024-01-10").
 */
const TOP_ZONE = 6;
const BOTTOM_ZONE = 3;
const MIN_PAGES = 3;

/** Furniture wherever it appears. */
const ALWAYS_FURNITURE = [/^Sida\s+\d{1,4}(?:\s*(?:av|\/)\s*\d{1,4}|\s*\(\d{1,4}\))?$/iu];
/** E-signature margin text (often rotated): a reference with a UUID or hex transaction id, or the bare UUID. */
const SIGNATURE_REFERENCE_RE =
  /^(?:(?:Signature|Document|Dokument|Signatur|Transaction|Transaktion)(?:\s?(?:reference|referens|id|ID|nummer))?\s*:?\s*)?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/u;
/** Furniture when the same text recurs (≥ 2 times) in a document. */
const REPEATED_FURNITURE = [
  /^Protokoll(?:\s+nr\.?\s*\d{1,4})?$/iu,
  /^Sammanträdesdatum:?(?:\s+\d{4}-\d{2}-\d{2})?$/iu,
  /^\d{4}-\d{2}-\d{2}$/u,
];
/**
 * Alingsås prints "Paragrafen är justerad" on the pages of a § once it is signed: a stamp, furniture wherever it stands
 * (it is not omedelbar justering, see fields/immediate-justering.ts), although NEVER_FURNITURE guards "justerad".
 */
const JUSTERING_STAMP_RE = /^Paragrafen\s+är\s+justerad\.?$/iu;
/**
 * Meaningful statements that must never be taken for furniture even when they repeat on most pages ("Paragrafen
 * förklaras omedelbart justerad" under several §). "Protokollet har justerats digitalt" in every footer is furniture.
 */
const NEVER_FURNITURE = /omedelbar|sekretess|^§|reserv|paragrafen/iu;
/** Signature-box words: a line made only of these ("Justerandes sign Justerandes sign Utdragsbestyrkande"). */
const SIGNATURE_WORDS = new Set([
  'justerandes',
  'justerande',
  'ordförandes',
  'sekreterarens',
  'sign',
  'sign.',
  'signatur',
  'signaturer',
  'utdragsbestyrkande',
]);

const LONGEST_SIGNATURE_WORD = Math.max(...[...SIGNATURE_WORDS].map((w) => w.length));
/** The first two letters of the signature words ("ju", "or", "se", "si", "ut"), as char codes OR-ed with 0x20. */
const SIGNATURE_STARTS = new Set([...SIGNATURE_WORDS].map((w) => w.charCodeAt(0) * 0x10000 + w.charCodeAt(1)));

function isSignatureBox(text: string): boolean {
  // One lookup on the first two characters rules out almost every line (ASCII letters only: | 0x20 lower-cases them).
  if (!SIGNATURE_STARTS.has((text.charCodeAt(0) | 0x20) * 0x10000 + (text.charCodeAt(1) | 0x20))) return false;
  // The first word must be one of them before the line is split.
  let end = 0;
  while (end < text.length && end <= LONGEST_SIGNATURE_WORD && !isWhitespaceCode(text.charCodeAt(end))) end += 1;
  if (end > LONGEST_SIGNATURE_WORD || !SIGNATURE_WORDS.has(text.slice(0, end).toLowerCase())) return false;
  const words = text.toLowerCase().split(SPACES_RE);
  return words.length <= 12 && words.every((w) => SIGNATURE_WORDS.has(w)) && !words.every((w) => w.startsWith('sign'));
}

const SPACES_RE = /\s+/u;
const PROTOKOLL_WORD_RE = /protokoll\b/iu;
const PROTOKOLLS_START_RE = /^protokolls/iu;
const PAGE_NUMBER_RE = /^\d{1,4}$/u;
const BODY_LINE_SHAPE_RE = /^[A-ZÅÄÖ][\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u;
const BODY_WORD_END_RE = /(?:styrelse|nämnd|fullmäktige|utskott)\p{L}*$/iu;

/** What a line's text alone says about it; bits of `Doc.shape`. */
const ANYWHERE = 1;
const REPEATED = 2;
const PROTOKOLL = 4;
const BODY = 8;
const STAMP = 16;

/**
 * The document's lines seen once: trimmed texts, what each text looks like, and how often the texts that may be
 * repeated furniture occur. A text's count matters only when its shape allows removal, and every line with the same
 * text has the same shape, so only shaped texts are counted. Stages below work on line indices.
 */
interface Doc {
  lines: readonly Line[];
  texts: string[];
  shape: Uint8Array;
  counts: Map<string, number>;
  /** NEVER_FURNITURE per line, tested only for lines that would otherwise be removed: 0 not yet known, 1 no, 2 yes. */
  never: Uint8Array;
  removed: Uint8Array;
  header: Uint8Array;
  /** Shape keys of the zone lines, computed once (by line index). */
  keys: Array<string | undefined>;
}

function readDoc(lines: readonly Line[], texts: string[], bodyLines: boolean): Doc {
  const n = lines.length;
  const shape = new Uint8Array(n);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const t = texts[i] as string;
    if (t === '') continue;
    const s = shapeOf(t, bodyLines, lines[i] as Line);
    shape[i] = s;
    if (s & (REPEATED | PROTOKOLL | BODY)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const flags = () => new Uint8Array(n);
  return { lines, texts, shape, counts, never: flags(), removed: flags(), header: flags(), keys: [] };
}

function shapeOf(t: string, bodyLines: boolean, line: Line): number {
  if (line.layout?.rotated) return STAMP;
  if ((t.charCodeAt(0) | 0x20) === 0x70 && JUSTERING_STAMP_RE.test(t)) return STAMP;
  const c0 = t.charCodeAt(0);
  // "Forts § 16" / "§ 71 forts." start with F, §, a digit or a prefix: tried only when "orts" is in the line.
  if (
    t.length <= 60 &&
    (c0 === 0x46 ||
      c0 === 0x66 ||
      c0 === 0xa7 ||
      t.charCodeAt(1) === 0x20 ||
      t.charCodeAt(2) === 0x20 ||
      t.charCodeAt(3) === 0x20 ||
      (c0 >= 0x30 && c0 <= 0x39)) &&
    t.includes('orts') &&
    matchHeadingLine(t)?.continuation
  ) {
    return STAMP;
  }
  if (t.length >= 32 && t.length <= 90 && isReferenceStart(c0) && SIGNATURE_REFERENCE_RE.test(t)) return STAMP;
  if (isSignatureBox(t) || (startsWithS(t) && ALWAYS_FURNITURE.some((re) => re.test(t)))) return ANYWHERE;
  let s = 0;
  const c = t.charCodeAt(0);
  // REPEATED_FURNITURE starts with "Protokoll", "Sammanträdesdatum" (/iu: also "ſ") or a digit.
  const repeatable = (c | 0x20) === 0x70 || startsWithS(t) || (c >= 0x30 && c <= 0x39);
  if (repeatable && REPEATED_FURNITURE.some((re) => re.test(t))) s |= REPEATED;
  if (t.length <= 60 && PROTOKOLL_WORD_RE.test(t) && !PROTOKOLLS_START_RE.test(t)) s |= PROTOKOLL;
  if (bodyLines && t.length <= 40 && BODY_WORD_END_RE.test(t) && BODY_LINE_SHAPE_RE.test(t)) s |= BODY;
  return s;
}

/** A signature reference starts with a hex digit or its label (Signature, Document/Dokument, Transaction/Transaktion). */
function isReferenceStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x53 || c === 0x54;
}

/** "s", "S" or "ſ" (which /iu folds to "s"). */
function startsWithS(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c | 0x20) === 0x73 || c === 0x17f;
}

function isNever(doc: Doc, i: number): boolean {
  if (doc.never[i] === 0) doc.never[i] = NEVER_FURNITURE.test(doc.texts[i] as string) ? 2 : 1;
  return doc.never[i] === 2;
}

export function stripPageFurniture(lines: readonly Line[]): Line[] {
  return findPageFurniture(lines).kept;
}

/**
 * The lines without furniture, and the furniture shapes found (for the template). Shapes a body's other protocols
 * showed as furniture (`template.furniture`, in at least half of them) are furniture here too, even where this
 * protocol is too short to show the repetition itself.
 */
export function findPageFurniture(
  lines: readonly Line[],
  template?: TemplateProfile,
): { kept: Line[]; shapes: string[] } {
  const texts = lines.map((l) => l.text.trim());
  const pages = groupByPage(lines, texts);
  const positional = pages.length >= MIN_PAGES;
  const doc = readDoc(lines, texts, !positional);
  const found = positional ? zoneRepeats(doc, pages) : undefined;
  const prior = priorShapes(template);
  const zones = found || prior.size > 0 ? withPrior(found, prior) : undefined;
  for (const content of pages) {
    for (const i of content) {
      const s = doc.shape[i] as number;
      if (s === 0) continue;
      const count = s & ANYWHERE ? 0 : (doc.counts.get(doc.texts[i] as string) ?? 0);
      if (s & STAMP) doc.removed[i] = 1;
      else if (s & ANYWHERE) {
        if (!isNever(doc, i)) doc.removed[i] = 1;
      } else if (((s & REPEATED && count >= 2) || (s & PROTOKOLL && count >= 3)) && !isNever(doc, i)) {
        doc.removed[i] = 1;
        doc.header[i] = 1;
      }
    }
    if (zones) removeZones(doc, content, zones);
  }
  if (!found) removeRepeatedBodyLines(doc);
  const kept: Line[] = [];
  for (let i = 0; i < lines.length; i += 1) if (!doc.removed[i]) kept.push(lines[i] as Line);
  const shapes = found ? [...new Set([...found.top, ...found.bottom])].sort() : [];
  return { kept, shapes };
}

/** Furniture shapes of the body's template: those found in at least half of its protocols (and two). */
function priorShapes(template: TemplateProfile | undefined): Set<string> {
  if (!template || template.protocols < 2) return new Set();
  const need = Math.max(2, template.protocols / 2);
  return new Set(
    Object.entries(template.furniture)
      .filter(([, n]) => n >= need)
      .map(([shape]) => shape),
  );
}

function withPrior(
  found: { top: Set<string>; bottom: Set<string> } | undefined,
  prior: Set<string>,
): { top: Set<string>; bottom: Set<string> } {
  return { top: new Set([...(found?.top ?? []), ...prior]), bottom: new Set([...(found?.bottom ?? []), ...prior]) };
}

/**
 * Header and footer lines form a block at the very top and bottom of a page: zone furniture is removed only while
 * it is contiguous from the page edge, so the same text further in (a recipient "Kommunstyrelsen") stays. Lines are
 * compared by shape (digits as #), so "Protokoll  43 §  15.09.2022  Sida" and "Välfärdsnämnden  5" repeat although
 * their numbers change; a § heading or a case number never counts, whatever its shape.
 */
function removeZones(doc: Doc, content: readonly number[], zones: { top: Set<string>; bottom: Set<string> }): void {
  const isFurniture = (i: number, set: Set<string>) => {
    const t = doc.texts[i] as string;
    if (doc.removed[i] === 1) return true;
    if (!(set.has(keyOf(doc, i)) || isPageNumber(t, (doc.lines[i] as Line).page))) return false;
    return !isNever(doc, i) && !isContent(t);
  };
  for (let k = 0; k < Math.min(TOP_ZONE, content.length); k += 1) {
    const i = content[k] as number;
    if (!isFurniture(i, zones.top)) break;
    doc.removed[i] = 1;
  }
  for (let k = content.length - 1; k >= Math.max(0, content.length - BOTTOM_ZONE); k -= 1) {
    const i = content[k] as number;
    if (!isFurniture(i, zones.bottom)) break;
    doc.removed[i] = 1;
  }
}

/**
 * A line's shape: digit runs as "#", whitespace runs as one space (as `replace(/\d+/gu, '#').replace(/\s+/gu, ' ')`,
 * in one pass that copies the runs between them as slices). A text with no digit, no tab and no double space is its
 * own shape, as it always was (a lone other whitespace character stays).
 */
export function shapeKey(text: string): string {
  let plain = true;
  for (let i = 0; i < text.length && plain; i += 1) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c === 0x20 && text.charCodeAt(i + 1) === 0x20) || c === 0x09) plain = false;
  }
  if (plain) return text;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit && !isWhitespaceCode(c)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    if (digit) while (end < text.length && isDigitCode(text.charCodeAt(end))) end += 1;
    else while (end < text.length && isWhitespaceCode(text.charCodeAt(end))) end += 1;
    out += text.slice(from, i) + (digit ? '#' : ' ');
    from = end;
    i = end;
  }
  return out + text.slice(from);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The shape of line i, computed once. */
function keyOf(doc: Doc, i: number): string {
  let k = doc.keys[i];
  if (k === undefined) {
    k = shapeKey(doc.texts[i] as string);
    doc.keys[i] = k;
  }
  return k;
}

/** What must stay however often its shape recurs: a § heading, a case number. */
function isContent(text: string): boolean {
  const heading = matchHeadingLine(text);
  return (heading !== undefined && !heading.continuation) || caseNumbersOnlyLine(text) !== undefined;
}

function isPageNumber(text: string, page: number): boolean {
  return PAGE_NUMBER_RE.test(text) && Number(text) === page;
}

/** Indices of the non-blank lines of each page, pages in order of first appearance. */
function groupByPage(lines: readonly Line[], texts: readonly string[]): number[][] {
  const pages = new Map<number, number[]>();
  let page = Number.NaN;
  let list: number[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const p = (lines[i] as Line).page;
    if (p !== page) {
      page = p;
      const known = pages.get(p);
      if (known) list = known;
      else pages.set(p, (list = []));
    }
    if (texts[i] !== '') list.push(i);
  }
  return [...pages.values()];
}

/** Line shapes found in the top (bottom) zone of at least half of the pages. */
function zoneRepeats(doc: Doc, pages: readonly number[][]): { top: Set<string>; bottom: Set<string> } {
  const top = new Map<string, number>();
  const bottom = new Map<string, number>();
  for (const content of pages) {
    countZone(doc, content, 0, Math.min(TOP_ZONE, content.length), top);
    countZone(doc, content, Math.max(0, content.length - BOTTOM_ZONE), content.length, bottom);
  }
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const pick = (m: Map<string, number>): Set<string> =>
    new Set([...m].filter(([t, n]) => n >= need && !NEVER_FURNITURE.test(t)).map(([t]) => t));
  return { top: pick(top), bottom: pick(bottom) };
}

/** Counts each shape once per page among the lines content[from..to). */
function countZone(doc: Doc, content: readonly number[], from: number, to: number, counts: Map<string, number>): void {
  for (let k = from; k < to; k += 1) {
    const key = keyOf(doc, content[k] as number);
    let seen = false;
    for (let j = from; j < k && !seen; j += 1) seen = keyOf(doc, content[j] as number) === key;
    if (!seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

/**
 * A page header that survived inside running text (texts without page breaks) leaves the body name next to the
 * other header lines: "Kommunstyrelsen" … "Protokoll nr 1" / "Sammanträdesdatum: …". Such a short repeated line is
 * removed only where it stands up to four lines before a removed header line, so a recipient "Kommunstyrelsen" stays.
 */
function removeRepeatedBodyLines(doc: Doc): void {
  const { lines, texts, removed, header } = doc;
  // The body name heads the surviving header block: it stands before "Protokoll nr N", never after it.
  const nearRemoved = (i: number): boolean => {
    for (let d = 1; d <= 4 && i + d < lines.length; d += 1) {
      if (header[i + d] && lines[i + d]?.page === lines[i]?.page) return true;
    }
    return false;
  };
  texts.forEach((t, i) => {
    if (removed[i] || !((doc.shape[i] as number) & BODY) || (doc.counts.get(t) ?? 0) < 3 || isNever(doc, i)) return;
    if (nearRemoved(i)) removed[i] = 1;
  });
}
