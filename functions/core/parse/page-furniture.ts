import type { TemplateProfile } from '../records/types.ts';
import { flatTrim, type Line } from './lines.ts';
import { isWhitespaceCode } from '../text/whitespace.ts';
import { matchHeadingLine } from './heading-line.ts';
import { caseNumbersOnlyLine } from '../records/case-numbers.ts';
import {
  bottomStart,
  internZones,
  repeatedShapes,
  shapeIdOf,
  topEnd,
  zoneShapes,
  type ZoneShapes,
} from './furniture-zones.ts';

/**
 * Removes page furniture: the lines a template prints on every page (body name, "Protokoll", the meeting date, the
 * page number, "Utdragsbestyrkande", "Justerandes sign" …). Found by repetition rather than per-municipality lists:
 * a line text that recurs in the top or bottom zone of most pages is furniture wherever it sits in that zone.
 * A small generic list covers texts that are furniture anywhere (signature boxes), and single-page texts whose
 * page headers survived as repeated blocks ("Protokoll nr 1" / "Sammanträdesdatum: 2024-01-10").
 */
const MIN_PAGES = 3;

/** Furniture wherever it appears: a page counter ("Sida 3", "Sida 3 av 12", "Sida 3/12", "Sida 3 (12)"). */
const PAGE_COUNTER_RE = /^Sida\s+\d{1,4}(?:\s*(?:av|\/)\s*\d{1,4}|\s*\(\d{1,4}\))?$/iu;
/** E-signature margin text (often rotated): a reference with a UUID or hex transaction id, or the bare UUID. */
const SIGNATURE_REFERENCE_RE =
  /^(?:(?:Signature|Document|Dokument|Signatur|Transaction|Transaktion)(?:\s?(?:reference|referens|id|ID|nummer))?\s*:?\s*)?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/u;
/**
 * Furniture when the same text recurs (≥ 2 times) in a document: "Protokoll", "Protokoll nr 3", "Sammanträdesdatum",
 * "Sammanträdesdatum: 2024-01-10", a bare date. Each starts with its own character, so a line tries at most one.
 */
const REPEATED_PROTOKOLL_RE = /^Protokoll(?:\s+nr\.?\s*\d{1,4})?$/iu;
const REPEATED_MEETING_DATE_RE = /^Sammanträdesdatum:?(?:\s+\d{4}-\d{2}-\d{2})?$/iu;
const REPEATED_DATE_RE = /^\d{4}-\d{2}-\d{2}$/u;
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
/**
 * The first two letters of the signature words ("ju", "or", "se", "si", "ut"): a table indexed by the two char codes
 * (OR-ed with 0x20) when both lie in 0x60–0x7f, where every word starts.
 */
const SIGNATURE_STARTS = new Uint8Array(32 * 32);
for (const w of SIGNATURE_WORDS) SIGNATURE_STARTS[(w.charCodeAt(0) - 0x60) * 32 + w.charCodeAt(1) - 0x60] = 1;

function isSignatureStart(a: number, b: number): boolean {
  return a >= 0x60 && a < 0x80 && b >= 0x60 && b < 0x80 && SIGNATURE_STARTS[(a - 0x60) * 32 + b - 0x60] === 1;
}

function isSignatureBox(text: string): boolean {
  // The first two characters rule out almost every line (ASCII letters only: | 0x20 lower-cases them).
  if (!isSignatureStart(text.charCodeAt(0) | 0x20, text.charCodeAt(1) | 0x20)) return false;
  // The first word must be one of them before the line is split.
  let end = 0;
  while (end < text.length && end <= LONGEST_SIGNATURE_WORD && !isWhitespaceCode(text.charCodeAt(end))) end += 1;
  if (end > LONGEST_SIGNATURE_WORD || !SIGNATURE_WORDS.has(text.slice(0, end).toLowerCase())) return false;
  // Then every word (at most 12), read in place rather than split: not all of them "sign…" ("Sign Sign" is no box).
  const lower = text.toLowerCase();
  let words = 0;
  let allSign = true;
  for (let at = 0; at < lower.length; ) {
    let end = at;
    while (end < lower.length && !isWhitespaceCode(lower.charCodeAt(end))) end += 1;
    const word = lower.slice(at, end);
    words += 1;
    if (words > 12 || !SIGNATURE_WORDS.has(word)) return false;
    if (!word.startsWith('sign')) allSign = false;
    at = end;
    while (at < lower.length && isWhitespaceCode(lower.charCodeAt(at))) at += 1;
  }
  return !allSign;
}

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
  /** Shapes of the zone lines, computed once (by line index). */
  zone: ZoneShapes;
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
  return { lines, texts, shape, counts, never: flags(), removed: flags(), header: flags(), zone: zoneShapes(n) };
}

function shapeOf(t: string, bodyLines: boolean, line: Line): number {
  if (line.layout?.rotated) return STAMP;
  const n = t.length;
  const c0 = t.charCodeAt(0);
  const last = t.charCodeAt(n - 1);
  // Each test below first checks what its regex needs at the ends of the line (a first letter, a length, a last
  // character): most lines are decided without running a regex. /iu folds "ſ" to "s" and "K" (Kelvin) to "k".
  if ((c0 | 0x20) === 0x70 && n >= 22 && ((last | 0x20) === 0x64 || last === 0x2e) && JUSTERING_STAMP_RE.test(t)) {
    return STAMP;
  }
  // "Forts § 16" / "§ 71 forts." start with F, §, a digit or a prefix: tried only when "orts" is in the line.
  if (
    n <= 60 &&
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
  // A signature reference ends in "-" and twelve hex digits.
  if (n >= 32 && n <= 90 && t.charCodeAt(n - 13) === 0x2d && isReferenceStart(c0) && SIGNATURE_REFERENCE_RE.test(t)) {
    return STAMP;
  }
  if (isSignatureBox(t)) return ANYWHERE;
  const s0 = startsWithS(t);
  const digitEnd = last >= 0x30 && last <= 0x39;
  if (s0 && (digitEnd || last === 0x29) && PAGE_COUNTER_RE.test(t)) return ANYWHERE;
  let s = 0;
  if (isRepeatedFurniture(t, c0, s0, last, digitEnd)) s |= REPEATED;
  if (n <= 60 && PROTOKOLL_WORD_RE.test(t) && !PROTOKOLLS_START_RE.test(t)) s |= PROTOKOLL;
  if (bodyLines && n <= 40 && isUpperStart(c0) && BODY_WORD_END_RE.test(t) && BODY_LINE_SHAPE_RE.test(t)) s |= BODY;
  return s;
}

/** REPEATED_*_RE, the one that can match by the first character: "Protokoll …" ends in "l" or a digit, a date in one. */
function isRepeatedFurniture(t: string, c0: number, s0: boolean, last: number, digitEnd: boolean): boolean {
  if ((c0 | 0x20) === 0x70) return ((last | 0x20) === 0x6c || digitEnd) && REPEATED_PROTOKOLL_RE.test(t);
  if (s0) return ((last | 0x20) === 0x6d || last === 0x3a || digitEnd) && REPEATED_MEETING_DATE_RE.test(t);
  return t.length === 10 && c0 >= 0x30 && c0 <= 0x39 && REPEATED_DATE_RE.test(t);
}

/** A-Z, Å, Ä, Ö: the first character BODY_LINE_SHAPE_RE allows. */
function isUpperStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0xc5 || c === 0xc4 || c === 0xd6;
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
  const texts = lines.map((l) => flatTrim(l.text));
  const pages = groupByPage(lines, texts);
  const positional = pages.length >= MIN_PAGES;
  const doc = readDoc(lines, texts, !positional);
  const found = positional ? zoneRepeats(doc, pages) : undefined;
  const prior = priorShapes(template);
  const zones = found !== undefined || prior.size > 0;
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
    if (zones) removeZones(doc, content, found, prior);
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

/**
 * Header and footer lines form a block at the very top and bottom of a page: zone furniture is removed only while
 * it is contiguous from the page edge, so the same text further in (a recipient "Kommunstyrelsen") stays. Lines are
 * compared by shape (digits as #), so "Protokoll  43 §  15.09.2022  Sida" and "Välfärdsnämnden  5" repeat although
 * their numbers change; a § heading or a case number never counts, whatever its shape.
 */
function removeZones(doc: Doc, content: readonly number[], found: Zones | undefined, prior: Set<string>): void {
  // In the zone's set: a shape found on this document's pages (by id) or one the template knows (by text).
  const inZone = (i: number, ids: Uint8Array | undefined): boolean => {
    if (ids !== undefined && ids[doc.zone.ids[i] as number] === 1) return true;
    return prior.size > 0 && prior.has(doc.zone.shapes[shapeIdOf(doc.zone, i, doc.texts[i] as string) - 1] as string);
  };
  const isFurniture = (i: number, ids: Uint8Array | undefined) => {
    const t = doc.texts[i] as string;
    if (doc.removed[i] === 1) return true;
    if (!(inZone(i, ids) || isPageNumber(t, (doc.lines[i] as Line).page))) return false;
    return !isNever(doc, i) && !isContent(t);
  };
  for (let k = 0; k < topEnd(content); k += 1) {
    const i = content[k] as number;
    if (!isFurniture(i, found?.topIds)) break;
    doc.removed[i] = 1;
  }
  for (let k = content.length - 1; k >= bottomStart(content); k -= 1) {
    const i = content[k] as number;
    if (!isFurniture(i, found?.bottomIds)) break;
    doc.removed[i] = 1;
  }
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

/** Line shapes found in the top (bottom) zone of at least half of the pages: as text and as flags by shape id. */
interface Zones {
  top: Set<string>;
  bottom: Set<string>;
  topIds: Uint8Array;
  bottomIds: Uint8Array;
}

function zoneRepeats(doc: Doc, pages: readonly number[][]): Zones {
  internZones(doc.zone, pages, doc.texts);
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const size = doc.zone.shapes.length + 1;
  const pick = (zone: 'top' | 'bottom', ids: Uint8Array): Set<string> => {
    const out = new Set<string>();
    for (const id of repeatedShapes(doc.zone, pages, zone, need)) {
      const shape = doc.zone.shapes[id - 1] as string;
      if (NEVER_FURNITURE.test(shape)) continue;
      out.add(shape);
      ids[id] = 1;
    }
    return out;
  };
  const topIds = new Uint8Array(size);
  const bottomIds = new Uint8Array(size);
  return { top: pick('top', topIds), bottom: pick('bottom', bottomIds), topIds, bottomIds };
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
