import { isWhitespaceCode } from '../text/whitespace.ts';

/**
 * Line shapes of the page zones (top and bottom lines of each page), for page-furniture.ts. A shape is the line with
 * its digit runs as "#" and its whitespace runs as one space, so "Sida 3 av 12" and "Sida 4 av 12" repeat. Each zone
 * line's shape is computed once and interned as a small number (its id): counting a shape once per page, comparing
 * the lines of one zone and asking whether a line's shape was found are then array reads, not string hashing.
 */
export interface ZoneShapes {
  /** Shape id (1-based) per line index; 0 where not computed. */
  ids: Int32Array;
  /** The shape of each id (at id - 1). */
  shapes: string[];
  intern: Map<string, number>;
}

export function zoneShapes(lineCount: number): ZoneShapes {
  return { ids: new Int32Array(lineCount), shapes: [], intern: new Map() };
}

/** The shape id of line i, whose text is `text`, interned on first use. */
export function shapeIdOf(z: ZoneShapes, i: number, text: string): number {
  let id = z.ids[i] as number;
  if (id === 0) {
    const key = shapeKey(text);
    id = z.intern.get(key) ?? 0;
    if (id === 0) {
      id = z.shapes.push(key);
      z.intern.set(key, id);
    }
    z.ids[i] = id;
  }
  return id;
}

/** How many lines at the top (bottom) of a page form its header (footer) zone. */
export const TOP_ZONE = 6;
export const BOTTOM_ZONE = 3;

/** Positions k of content[k] in the top zone of a page are [0, topEnd), in the bottom zone [bottomStart, length). */
export function topEnd(content: readonly number[]): number {
  return Math.min(TOP_ZONE, content.length);
}

export function bottomStart(content: readonly number[]): number {
  return Math.max(0, content.length - BOTTOM_ZONE);
}

/** Interns the shape of every zone line of every page (pages list line indices; texts by line index). */
export function internZones(z: ZoneShapes, pages: readonly (readonly number[])[], texts: readonly string[]): void {
  for (const content of pages) {
    for (let k = 0; k < topEnd(content); k += 1)
      shapeIdOf(z, content[k] as number, texts[content[k] as number] as string);
    for (let k = bottomStart(content); k < content.length; k += 1) {
      shapeIdOf(z, content[k] as number, texts[content[k] as number] as string);
    }
  }
}

/**
 * Ids of the shapes that stand in the top (bottom) zone of at least `need` pages, each counted once per page. Every
 * zone line must have its id already (internZones).
 */
export function repeatedShapes(
  z: ZoneShapes,
  pages: readonly (readonly number[])[],
  zone: 'top' | 'bottom',
  need: number,
): number[] {
  const size = z.shapes.length + 1;
  const counts = new Int32Array(size);
  // The page (1-based) on which each shape was last counted: a shape printed twice in one zone counts once.
  const lastPage = new Int32Array(size);
  const out: number[] = [];
  for (let p = 0; p < pages.length; p += 1) {
    const content = pages[p] as readonly number[];
    const from = zone === 'top' ? 0 : bottomStart(content);
    const to = zone === 'top' ? topEnd(content) : content.length;
    for (let k = from; k < to; k += 1) {
      const id = z.ids[content[k] as number] as number;
      if (lastPage[id] === p + 1) continue;
      lastPage[id] = p + 1;
      counts[id] = (counts[id] as number) + 1;
      if (counts[id] === need) out.push(id);
    }
  }
  return out;
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
