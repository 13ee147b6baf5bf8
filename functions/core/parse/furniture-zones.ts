import { isWhitespaceCode } from '../text/whitespace.ts';

/**
 * Line shapes of the page zones (top and bottom lines of each page), for page-furniture.ts. A shape is the line with
 * its digit runs as "#" and its whitespace runs as one space, so "Sida 3 av 12" and "Sida 4 av 12" repeat. Each zone
 * line's shape is interned once as a small number (its id): counting a shape once per page, comparing the lines of one
 * zone and asking whether a line's shape was found are then array reads, not string hashing.
 *
 * Interning hashes the shape while reading the line once, without building it: an open-addressing table of numbers
 * maps the hash to the ids with that hash, and a hit is confirmed by comparing the two lines shape by shape (a hash
 * collision only costs a comparison, never a wrong id). A shape's text is built only for the few shapes asked for.
 */
export interface ZoneShapes {
  /** Shape id (1-based) per line index; 0 where not computed. */
  ids: Int32Array;
  /** The text of the first line of each id (at id - 1): its shape stands for the id's. */
  reps: string[];
  /** Each id's shape text once built (at id - 1), see shapeOf. */
  shapes: (string | undefined)[];
  /** Open-addressing table (size a power of two): the shape hash and the id per slot, id 0 for an empty slot. */
  hashes: Int32Array;
  slots: Int32Array;
}

export function zoneShapes(lineCount: number, zoneLines = 16): ZoneShapes {
  let size = 32;
  while (size < 2 * zoneLines) size *= 2;
  const t = table(size);
  return {
    ids: new Int32Array(lineCount),
    reps: [],
    shapes: [],
    hashes: t.hashes,
    slots: t.slots,
  };
}

/** The shape id of line i, whose text is `text`, interned on first use. */
export function shapeIdOf(z: ZoneShapes, i: number, text: string): number {
  let id = z.ids[i] as number;
  if (id !== 0) return id;
  const hash = shapeHash(text);
  const mask = z.slots.length - 1;
  let slot = hash & mask;
  for (let other = z.slots[slot] as number; other !== 0; other = z.slots[slot] as number) {
    if (z.hashes[slot] === hash && sameShape(text, z.reps[other - 1] as string, hash)) {
      z.ids[i] = other;
      return other;
    }
    slot = (slot + 1) & mask;
  }
  id = z.reps.push(text);
  z.hashes[slot] = hash;
  z.slots[slot] = id;
  z.ids[i] = id;
  if (2 * id > z.slots.length) grow(z);
  return id;
}

/** The shape of an id (shapeKey of its first line's text), built on first use. */
export function shapeOf(z: ZoneShapes, id: number): string {
  let shape = z.shapes[id - 1];
  if (shape === undefined) {
    shape = shapeKey(z.reps[id - 1] as string);
    z.shapes[id - 1] = shape;
  }
  return shape;
}

/** The hash and id arrays of a table of `size` slots, views on one buffer (one allocation, see page-furniture.ts). */
function table(size: number): { hashes: Int32Array; slots: Int32Array } {
  const both = new Int32Array(2 * size);
  return { hashes: both.subarray(0, size), slots: both.subarray(size) };
}

/** Doubles the table when it is half full, so a probe sequence stays short. */
function grow(z: ZoneShapes): void {
  const { hashes, slots } = z;
  const t = table(2 * slots.length);
  z.hashes = t.hashes;
  z.slots = t.slots;
  const mask = z.slots.length - 1;
  for (let k = 0; k < slots.length; k += 1) {
    if (slots[k] === 0) continue;
    let slot = (hashes[k] as number) & mask;
    while (z.slots[slot] !== 0) slot = (slot + 1) & mask;
    z.hashes[slot] = hashes[k] as number;
    z.slots[slot] = slots[k] as number;
  }
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
  const size = z.reps.length + 1;
  const both = new Int32Array(2 * size);
  const counts = both.subarray(0, size);
  // The page (1-based) on which each shape was last counted: a shape printed twice in one zone counts once.
  const lastPage = both.subarray(size);
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

/** Bit 29 of a shape hash: the shape is a plain text holding a whitespace character other than a lone space. */
const RAW = 1 << 29;
const HASH_BITS = RAW - 1;

/**
 * The hash of shapeKey(text), read from the text without building the shape. A plain text (shapeKey's: no digit, no
 * tab, no double space) is its own shape; when it holds other whitespace (a thin space) its shape is the only kind
 * with such a character, so it is hashed as is and marked RAW: only another RAW text can share its shape, and then
 * only by being equal. Any other text is hashed as its shape (digit runs "#", whitespace runs " ").
 */
export function shapeHash(text: string): number {
  let h = 0;
  let plain = true;
  let odd = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      plain = false;
      i += 1;
      while (i < n && isDigitCode(text.charCodeAt(i))) i += 1;
      h = Math.imul(h ^ 0x23, 0x01000193);
    } else if (isWhitespaceCode(c)) {
      let end = i + 1;
      while (end < n && isWhitespaceCode(text.charCodeAt(end))) end += 1;
      if (end - i > 1 || c !== 0x20) {
        odd = true;
        if (plain && hasTabOrDoubleSpace(text, i, end)) plain = false;
      }
      i = end;
      h = Math.imul(h ^ 0x20, 0x01000193);
    } else {
      i += 1;
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  if (!(plain && odd)) return h & HASH_BITS;
  h = 0;
  for (let i = 0; i < n; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h & HASH_BITS) | RAW;
}

function hasTabOrDoubleSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || (c === 0x20 && i + 1 < to && text.charCodeAt(i + 1) === 0x20)) return true;
  }
  return false;
}

/**
 * Whether two texts with the same shape hash have the same shape. RAW texts are their own shapes. Otherwise the shapes
 * are compared as they would be built, digit runs as "#" and whitespace runs as " " (a plain text without other
 * whitespace reads the same either way).
 */
function sameShape(a: string, b: string, hash: number): boolean {
  if (a === b) return true;
  if (hash & RAW) return false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = a.charCodeAt(i);
    const d = b.charCodeAt(j);
    const cd = isDigitCode(c);
    const cw = !cd && isWhitespaceCode(c);
    const dd = isDigitCode(d);
    const dw = !dd && isWhitespaceCode(d);
    // Shape characters: "#" for a digit run, " " for a whitespace run, else the character itself.
    if ((cd ? 0x23 : cw ? 0x20 : c) !== (dd ? 0x23 : dw ? 0x20 : d)) return false;
    i += 1;
    j += 1;
    if (cd) while (i < a.length && isDigitCode(a.charCodeAt(i))) i += 1;
    else if (cw) while (i < a.length && isWhitespaceCode(a.charCodeAt(i))) i += 1;
    if (dd) while (j < b.length && isDigitCode(b.charCodeAt(j))) j += 1;
    else if (dw) while (j < b.length && isWhitespaceCode(b.charCodeAt(j))) j += 1;
  }
  return i === a.length && j === b.length;
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
