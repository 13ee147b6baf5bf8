/**
 * "Plats och tid": the place, the time ("kl. 14:00-17:20" → 14:00–17:20) and, in the right column, the printed
 * § range ("Paragrafer §§94-110").
 */
import type { DateSpan } from '../../records/types.ts';
import { MONTH_PATTERN } from '../../text/swedish-dates.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';
import type { Piece } from './fields.ts';

const CLOCK = String.raw`\d{1,2}[.:]\d{2}`;
const DASH = String.raw`\s*(?:[-–—]|till)\s*`;
/** "kl. 14:00-17:20", "kl 18.00–22.40", "klockan 9.00", "14.00-15.30, 15.45-17.20". */
const TIME_RE = new RegExp(
  String.raw`(?:\b(?:kl\.?|klockan)\s*)?\b${CLOCK}(?:${DASH}${CLOCK})?(?:\s*,\s*${CLOCK}${DASH}${CLOCK})*`,
  'iu',
);
const CLOCK_GLOBAL_RE = new RegExp(CLOCK, 'gu');
/** Dates inside the place text are not part of the place ("Stadshuset, måndagen den 5 februari 2024"). */
const DATE_PHRASE_RE = new RegExp(
  String.raw`(?:[A-Za-zåäö]{3,5}dag(?:en)?\s+)?(?:den\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:${MONTH_PATTERN})\.?\s+\d{4})`,
  'giu',
);
const HAS_DIGIT_RE = /\d/u;
/** "Ajourneringar framgår av resp. paragraf." is a note, not a place; it may wrap onto the next line. */
const ADJOURNMENT_RE = /\bAjournering/u;

export interface PlaceTime {
  place?: string;
  time?: DateSpan;
}

const CLOCK_TIME_RE = /^(\d{1,2})[.:](\d{2})$/u;

/** "14.00" → "14:00", "9.00" → "09:00"; undefined for impossible clock times. */
export function clockTime(text: string): string | undefined {
  const m = CLOCK_TIME_RE.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : undefined;
}

export function parseTime(raw: string): DateSpan | undefined {
  // An exec loop on the module regex: matchAll would clone it and build an iterator.
  const clocks: Array<string | undefined> = [];
  CLOCK_GLOBAL_RE.lastIndex = 0;
  for (let m = CLOCK_GLOBAL_RE.exec(raw); m; m = CLOCK_GLOBAL_RE.exec(raw)) clocks.push(clockTime(m[0]));
  const start = clocks[0];
  if (!start) return undefined;
  const end = clocks.length > 1 ? clocks.at(-1) : undefined;
  return { start, ...(end ? { end } : {}), raw: raw.trim() };
}

export function parsePlaceTime(pieces: readonly Piece[]): PlaceTime {
  const places: string[] = [];
  let time: DateSpan | undefined;
  let inNote = false;
  for (const piece of pieces) {
    let text = piece.text;
    // Every time holds a digit: text without one (most place lines) is ruled out before the case-folding regex.
    const t = time || !HAS_DIGIT_RE.test(text) ? null : TIME_RE.exec(text);
    if (t) {
      time = parseTime(t[0]);
      text = text.slice(0, t.index) + text.slice(t.index + t[0].length);
    }
    if (inNote && /^\p{Ll}/u.test(text.trim())) continue;
    inNote = false;
    const note = text.search(ADJOURNMENT_RE);
    if (note >= 0) {
      text = text.slice(0, note);
      inNote = true;
    }
    // Every date phrase holds a digit: text without one has none to remove.
    text = collapseWhitespace(HAS_DIGIT_RE.test(text) ? text.replace(DATE_PHRASE_RE, '') : text).trim();
    if (text) places.push(text);
  }
  const place = places.join(' ').replace(/^[\s,.;:]+|[\s,.;:]+$/gu, '');
  return { ...(place ? { place } : {}), ...(time ? { time } : {}) };
}

/** The "Paragrafer" value: "§§94-110" → 94..110, "§116" → 116..116, "120–135" → 120..135, as printed. */
export function parseParagraphRange(text: string): { from: string; to: string; raw: string } | undefined {
  // "§§94-110", "§56-§66", "39 – 49 §", "10§–19§", "§16 - §28".
  const m = /(?:§§?\s*)?(\d{1,4})(?:\s*§)?(?:\s*[-–—]\s*(?:§\s*)?(\d{1,4})(?:\s*§)?)?/u.exec(text);
  if (!m?.[1]) return undefined;
  return { from: m[1], to: m[2] ?? m[1], raw: m[0] };
}
