import type { TemplateProfile } from '../records/types.ts';
import { flatTrim, type Line } from './lines.ts';
import { matchHeadingLine } from './heading-line.ts';
import { caseNumbersOnlyLine } from '../records/case-numbers.ts';
import { ANYWHERE, BODY, isBodyLine, lineKind, PROTOKOLL, REPEATED, STAMP } from './furniture-line-kind.ts';
import {
  bottomStart,
  internZones,
  repeatedShapes,
  shapeIdOf,
  shapeOf,
  topEnd,
  TOP_ZONE,
  BOTTOM_ZONE,
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

/**
 * Meaningful statements that must never be taken for furniture even when they repeat on most pages ("Paragrafen
 * förklaras omedelbart justerad" under several §). "Protokollet har justerats digitalt" in every footer is furniture.
 */
const NEVER_FURNITURE = /omedelbar|sekretess|^§|reserv|paragrafen/iu;

const PAGE_NUMBER_RE = /^\d{1,4}$/u;

/**
 * The document's lines seen once: trimmed texts, the non-blank lines of each page, what each text looks like, and how
 * often the texts that may be repeated furniture occur. A text's count matters only when its shape allows removal,
 * and every line with the same text has the same shape, so only shaped texts are counted. Stages below work on line
 * indices.
 */
interface Doc {
  lines: readonly Line[];
  texts: string[];
  /** Indices of the non-blank lines of each page, pages in order of first appearance. */
  pages: number[][];
  /** lineKind bits per line (0 for blank lines). */
  shape: Uint8Array;
  /** The lines whose shape is not 0, in order. */
  shaped: number[];
  counts: Map<string, number>;
  /** NEVER_FURNITURE per line, tested only for lines that would otherwise be removed: 0 not yet known, 1 no, 2 yes. */
  never: Uint8Array;
  removed: Uint8Array;
  header: Uint8Array;
  /** Shapes of the zone lines, computed once (by line index). */
  zone: ZoneShapes;
}

function readDoc(lines: readonly Line[]): Doc {
  const n = lines.length;
  // One buffer for the four byte arrays by line: a typed array over 64 bytes gets memory of its own outside the heap,
  // which costs more to allocate than a view on a shared one.
  const bytes = new Uint8Array(4 * n);
  const shape = bytes.subarray(0, n);
  const texts: string[] = [];
  const shaped: number[] = [];
  const counts = new Map<string, number>();
  const byPage = new Map<number, number[]>();
  let page = Number.NaN;
  let list: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const line = lines[i] as Line;
    const t = flatTrim(line.text);
    texts.push(t);
    if (line.page !== page) {
      page = line.page;
      const known = byPage.get(page);
      if (known) list = known;
      else byPage.set(page, (list = []));
    }
    if (t === '') continue;
    list.push(i);
    const s = lineKind(t, false, line);
    if (s === 0) continue;
    shape[i] = s;
    shaped.push(i);
    if (s & (REPEATED | PROTOKOLL)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const pages = [...byPage.values()];
  if (pages.length < MIN_PAGES) addBodyLines(texts, shape, counts);
  return {
    lines,
    texts,
    pages,
    shape,
    shaped,
    counts,
    never: bytes.subarray(n, 2 * n),
    removed: bytes.subarray(2 * n, 3 * n),
    header: bytes.subarray(3 * n),
    zone: zoneShapes(n, (TOP_ZONE + BOTTOM_ZONE) * pages.length),
  };
}

/**
 * BODY kinds (lineKind with `bodyLines`), asked only of a text without page breaks: a line lineKind did not decide
 * early (STAMP, ANYWHERE) gains the bit, and is counted unless its other bits counted it already.
 */
function addBodyLines(texts: readonly string[], shape: Uint8Array, counts: Map<string, number>): void {
  for (let i = 0; i < texts.length; i += 1) {
    const t = texts[i] as string;
    const s = shape[i] as number;
    if (t === '' || s & (STAMP | ANYWHERE) || !isBodyLine(t)) continue;
    shape[i] = s | BODY;
    if (!(s & (REPEATED | PROTOKOLL))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
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
  const doc = readDoc(lines);
  const pages = doc.pages;
  // Two pages are weaker evidence than three: there a zone counts only as a block of two lines or more (below).
  const found = pages.length >= 2 ? zoneRepeats(doc, pages) : undefined;
  const minRun = pages.length >= MIN_PAGES ? 1 : 2;
  const prior = priorShapes(template);
  // Each line's own verdict, then each page's zones (which read the verdicts of that page's lines only).
  for (const i of doc.shaped) {
    const s = doc.shape[i] as number;
    const count = s & ANYWHERE ? 0 : (doc.counts.get(doc.texts[i] as string) ?? 0);
    if (s & STAMP) doc.removed[i] = 1;
    else if (s & ANYWHERE) {
      if (!isNever(doc, i)) doc.removed[i] = 1;
    } else if (((s & REPEATED && count >= 2) || (s & PROTOKOLL && count >= 3)) && !isNever(doc, i)) {
      doc.removed[i] = 1;
      doc.header[i] = 1;
    }
  }
  if (found !== undefined || prior.size > 0)
    for (const content of pages) removeZones(doc, content, found, prior, minRun);
  if (pages.length < MIN_PAGES) removeRepeatedBodyLines(doc);
  const kept: Line[] = [];
  for (let i = 0; i < lines.length; i += 1) if (!doc.removed[i]) kept.push(lines[i] as Line);
  // What a template learns comes from three pages or more: two can share a line by chance.
  const shapes = found && minRun === 1 ? [...new Set([...found.top, ...found.bottom])].sort() : [];
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
function removeZones(
  doc: Doc,
  content: readonly number[],
  found: Zones | undefined,
  prior: Set<string>,
  minRun: number,
): void {
  const run: number[] = [];
  for (let k = 0; k < topEnd(content); k += 1) {
    const i = content[k] as number;
    if (!isZoneFurniture(doc, i, found?.topIds, prior)) break;
    run.push(i);
  }
  removeRun(doc, run, minRun, prior);
  run.length = 0;
  for (let k = content.length - 1; k >= bottomStart(content); k -= 1) {
    const i = content[k] as number;
    if (!isZoneFurniture(doc, i, found?.bottomIds, prior)) break;
    run.push(i);
  }
  removeRun(doc, run, minRun, prior);
}

/**
 * Removes a zone's run from the page edge when it holds at least `minRun` lines not removed already, or any line that
 * needs no repetition in this document: a shape the template knows, a page number.
 */
function removeRun(doc: Doc, run: readonly number[], minRun: number, prior: Set<string>): void {
  let fresh = 0;
  let known = false;
  for (const i of run) {
    if (doc.removed[i] === 1) continue;
    fresh += 1;
    if (minRun > 1 && !known) known = isKnownFurniture(doc, i, prior);
  }
  if (fresh < minRun && !known) return;
  for (const i of run) doc.removed[i] = 1;
}

function isKnownFurniture(doc: Doc, i: number, prior: Set<string>): boolean {
  return isPageNumber(doc.texts[i] as string, (doc.lines[i] as Line).page) || inZone(doc, i, undefined, prior);
}

/** Line `i` is furniture of a zone: removed already, or in the zone's set or a page number, and no content. */
function isZoneFurniture(doc: Doc, i: number, ids: Uint8Array | undefined, prior: Set<string>): boolean {
  const t = doc.texts[i] as string;
  if (doc.removed[i] === 1) return true;
  if (!(inZone(doc, i, ids, prior) || isPageNumber(t, (doc.lines[i] as Line).page))) return false;
  return !isNever(doc, i) && !isContent(t);
}

/** In the zone's set: a shape found on this document's pages (by id) or one the template knows (by text). */
function inZone(doc: Doc, i: number, ids: Uint8Array | undefined, prior: Set<string>): boolean {
  if (ids !== undefined && ids[doc.zone.ids[i] as number] === 1) return true;
  return prior.size > 0 && prior.has(shapeOf(doc.zone, shapeIdOf(doc.zone, i, doc.texts[i] as string)));
}

/** What must stay however often its shape recurs: a § heading, a case number. */
function isContent(text: string): boolean {
  const heading = matchHeadingLine(text);
  return (heading !== undefined && !heading.continuation) || caseNumbersOnlyLine(text) !== undefined;
}

function isPageNumber(text: string, page: number): boolean {
  return PAGE_NUMBER_RE.test(text) && Number(text) === page;
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
  const size = doc.zone.reps.length + 1;
  const both = new Uint8Array(2 * size);
  const topIds = both.subarray(0, size);
  const bottomIds = both.subarray(size);
  return {
    top: pickRepeated(doc, pages, need, 'top', topIds),
    bottom: pickRepeated(doc, pages, need, 'bottom', bottomIds),
    topIds,
    bottomIds,
  };
}

/** The shapes repeated in a zone on `need` pages, as texts and flagged in `ids`; never those that are content. */
function pickRepeated(
  doc: Doc,
  pages: readonly number[][],
  need: number,
  zone: 'top' | 'bottom',
  ids: Uint8Array,
): Set<string> {
  const out = new Set<string>();
  for (const id of repeatedShapes(doc.zone, pages, zone, need)) {
    const shape = shapeOf(doc.zone, id);
    if (NEVER_FURNITURE.test(shape)) continue;
    out.add(shape);
    ids[id] = 1;
  }
  return out;
}

/**
 * A page header that survived inside running text (texts without page breaks) leaves the body name next to the
 * other header lines: "Kommunstyrelsen" … "Protokoll nr 1" / "Sammanträdesdatum: …". Such a short repeated line is
 * removed only where it stands up to four lines before a removed header line, so a recipient "Kommunstyrelsen" stays.
 */
function removeRepeatedBodyLines(doc: Doc): void {
  const { lines, texts, removed, header } = doc;
  texts.forEach((t, i) => {
    if (removed[i] || !((doc.shape[i] as number) & BODY) || (doc.counts.get(t) ?? 0) < 3 || isNever(doc, i)) return;
    if (headerFollows(lines, header, i)) removed[i] = 1;
  });
}

/** The body name heads the surviving header block: it stands before "Protokoll nr N", never after it. */
function headerFollows(lines: readonly Line[], header: Doc['header'], i: number): boolean {
  for (let d = 1; d <= 4 && i + d < lines.length; d += 1) {
    if (header[i + d] && lines[i + d]?.page === lines[i]?.page) return true;
  }
  return false;
}
