/**
 * The running text the personal-number detector looks at: every way of writing a digit folded to ASCII, every
 * invisible character dropped, every kind of space, line break and dash folded to one spelling, with a map back to
 * the offsets of the original text so that a match can be masked where it was written.
 *
 * Why: a personnummer is the same number to a reader whether it is typed with full-width digits (１９８５…), Arabic-
 * Indic digits (١٩٨٥…), a soft hyphen or a zero-width space inside it, an em dash or two no-break spaces before the
 * last four, or broken over a line or a page. A detector that matches the bytes misses all of those; this one matches
 * what a person reads.
 *
 * Folding (each character of the original maps to at most one of the output):
 * - any Unicode decimal digit (general category Nd: full-width, Arabic-Indic, Devanagari, mathematical …) → 0–9;
 * - invisible format characters (soft hyphen, zero-width space/joiners, word joiner, BOM, bidi controls, CGJ,
 *   Mongolian vowel separator) → dropped;
 * - line breaks (LF, CR, FF, VT, NEL, U+2028/9) → "\n"; any other white space (NBSP, en/em/thin/hair spaces, narrow
 *   NBSP, ideographic space, blank fillers) → " ";
 * - dashes (Unicode Pd, minus sign and its look-alikes) → "-"; full-width and small plus → "+"; full-width full stop
 *   and solidus → "." and "/".
 * Everything else is kept as it is.
 */

export interface RunningText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the offset of the character it came from in the original; null when nothing
   * was folded (the text is the original). */
  origin: number[] | null;
  /** The original text. */
  source: string;
}

/** Characters that fold to something else: anything but printable ASCII, "\n" and Latin letters (å, ä, ö, é …). */
const NEEDS_FOLDING = /[^\x20-\x7e\n\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/u;

const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: invisible format characters matched one by one on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/u;
const LINE_BREAK = /[\n\r\f\v\u0085\u2028\u2029]/u;
const SPACE = /[\s\u2800]/u;
const DASH = /[\p{Pd}\u2212\u2043\u02d7\u2796\u2e3a\u2e3b\ufe63\uff0d]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const PLUS = new Set([0xff0b, 0xfe62, 0x2795]);
const FULL_STOP = new Set([0xff0e, 0xfe52]);
const SOLIDUS = new Set([0xff0f, 0x2044, 0x2215]);

export function runningText(source: string): RunningText {
  // Most text in a protocol needs no folding: then there is nothing to copy or map.
  if (!NEEDS_FOLDING.test(source)) return { text: source, origin: null, source };
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const folded = cp < 0x80 ? foldAscii(cp, source[i]!) : fold(cp, source.slice(i, i + width));
    if (folded !== '') {
      text += folded;
      for (let k = 0; k < folded.length; k++) origin.push(i);
    }
    i += width;
  }
  return { text, origin, source };
}

/** The original [start, end) of the folded range [from, to). */
export function originalSpan(running: RunningText, from: number, to: number): { start: number; end: number } {
  if (running.origin === null) return { start: from, end: to };
  const start = running.origin[from] ?? running.source.length;
  const lastOrigin = running.origin[to - 1] ?? start;
  const lastCp = running.source.codePointAt(lastOrigin) ?? 0;
  return { start, end: lastOrigin + (lastCp > 0xffff ? 2 : 1) };
}

function foldAscii(cp: number, ch: string): string {
  if (cp === 0x0a || cp === 0x0d || cp === 0x0c || cp === 0x0b) return '\n';
  if (cp === 0x09) return ' ';
  return ch;
}

function fold(cp: number, ch: string): string {
  if (INVISIBLE.test(ch)) return '';
  if (DECIMAL_DIGIT.test(ch)) return String(digitValue(cp));
  if (LINE_BREAK.test(ch)) return '\n';
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  if (PLUS.has(cp)) return '+';
  if (FULL_STOP.has(cp)) return '.';
  if (SOLIDUS.has(cp)) return '/';
  return ch;
}

const digitValues = new Map<number, number>();

/**
 * The value of a decimal digit. Unicode encodes every set of decimal digits (Nd) as ten consecutive code points
 * from zero to nine, and sets that touch (the mathematical digits) start on a zero too, so the value is the distance
 * from the start of the run of Nd code points, modulo ten.
 */
function digitValue(cp: number): number {
  const cached = digitValues.get(cp);
  if (cached !== undefined) return cached;
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  const value = (cp - start) % 10;
  digitValues.set(cp, value);
  return value;
}
