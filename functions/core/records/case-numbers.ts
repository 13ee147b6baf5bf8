/**
 * Case numbers (diarienummer) on § heading lines. Every municipality has its own series: Alingsås "2023.563 KS",
 * Göteborg "SLK-2024-00067", others "KS 2017/123", "KU.2017.3", "00322/2026", "2012-KS0123". They are recognised by
 * shape; a label ("Dnr", "Diarienummer", "Ärendenummer") allows a looser shape, since the label says what follows.
 * All regexes are anchored and free of nested quantifiers (linear on adversarial input).
 */
import type { CaseNumber } from './types.ts';

const LABEL = String.raw`(?:Diarienummer|Diarienr|Dnr|Ärendenummer|Ärendenr|Ärende nr)`;
const LABEL_RE = new RegExp(String.raw`^${LABEL}\.?\s*:?\s*`, 'iu');
const CODE = String.raw`(?: [A-ZÅÄÖ]{1,6}(?![\p{L}\d-]))?`;
const DASH = String.raw`[-‐‑‒–—−]`;
const DASH_GLOBAL_RE = new RegExp(DASH, 'gu');
/** Dashes other than "-" (the ones DASH_GLOBAL_RE changes). */
const OTHER_DASH_RE = /[‐‑‒–—−]/u;
const HAS_SPACE_RE = /\s/u;
const SPACES_RE = /\s+/gu;
const SPACE_AROUND_SEPARATOR_RE = / ?([-/]) ?/gu;
/** Where SPACES_RE and SPACE_AROUND_SEPARATOR_RE change something: a run or a non-space whitespace, a spaced "-" "/". */
const SPACE_RUN_RE = /\s\s|[^\S ]/u;
const SPACE_BY_SEPARATOR_RE = / [-/]|[-/] /u;
const EDGE_RE = /^[\s,;:.]+|[\s,;:.]+$/gu;

/** Shapes that are case numbers even without a label (upper-case series codes only, so titles are not eaten). */
const STRICT_SHAPES = [
  String.raw`\d{4}\.\d{1,6}${CODE}`, // 2023.563 KS
  String.raw`[A-ZÅÄÖ]{1,6}${DASH}\d{4}${DASH}\d{1,7}`, // SLK-2024-00067
  String.raw`\d{4}${DASH}[A-ZÅÄÖ]{1,6}\d{1,7}`, // 2012-KS0123
  String.raw`[A-ZÅÄÖ]{1,6}[ .]?\d{4}[./]\d{1,7}(?:[./]\d{1,7})?`, // KS 2017/123, KU.2017.3
  String.raw`\d{1,6}/\d{2,6}`, // 00322/2026
  String.raw`(?:[A-ZÅÄÖ]{1,6} )?[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}/\d{4}:\d{1,7}`, // KS KF/2022:7, Bun/2015:97, KS/2015:87
  String.raw`[A-ZÅÄÖ]{2,6}(?:/\d{1,6}(?:\.\d{1,6}){0,5}){2,4}`, // NKBY/497/12.03.01/2022 (KTweb)
];
const END = String.raw`(?![\p{L}\d./-])`;
const STRICT_RE = new RegExp(String.raw`^(?:${STRICT_SHAPES.join('|')})${END}`, 'u');
/** After a label: any token with a digit ("ku.2017.3"), then an upper-case series code. Linear: no class overlap. */
const LABELLED_TOKEN_RE = /^(?:\p{L}[\p{L}./-]*\d|\d)[\p{L}\d./-]*/u;
const CODE_RE = new RegExp(`^${CODE}`, 'u');
const SEPARATOR_RE = /^\s*(?:,|;|&|och\s)\s*/u;
/** Göteborg's sub-case suffix, part of the case number: "SLK-2023-00025:26", "SLK-2024-00008:-1". */
const SUFFIX_RE = /^:-?\d{1,6}(?=\s|$)/u;
const TRAILING_LABEL_RE = new RegExp(String.raw`(?:^|[\s(,;–-])(?=${LABEL}\b)`, 'giu');
/** What every LABEL starts with, case-folded as LABEL is (/iu): no match here, no TRAILING_LABEL_RE match. */
const LABEL_WORD_RE = /d(?:nr|iarie)|ärende/iu;

/** "Dnr: ku.2017.3" → "KU.2017.3": label removed, upper-case, whitespace collapsed, dashes unified. */
export function normalizeCaseNumber(raw: string): string {
  // Each step runs only where it can change something (they are no-ops otherwise); this runs for every heading.
  let s = raw.trim();
  if (mayStartWithLabel(s)) {
    const label = LABEL_RE.exec(s);
    if (label) s = s.slice(label[0].length);
  }
  if (OTHER_DASH_RE.test(s)) s = s.replace(DASH_GLOBAL_RE, '-');
  if (HAS_SPACE_RE.test(s)) {
    if (SPACE_RUN_RE.test(s)) s = s.replace(SPACES_RE, ' ');
    if (SPACE_BY_SEPARATOR_RE.test(s)) s = s.replace(SPACE_AROUND_SEPARATOR_RE, '$1');
  }
  if (isEdgeCode(s.charCodeAt(0)) || isEdgeCode(s.charCodeAt(s.length - 1))) s = s.replace(EDGE_RE, '');
  return s.toUpperCase();
}

/** Every LABEL starts with "D" or "Ä" in either case (/iu folds no other character to them). */
function mayStartWithLabel(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c | 0x20) === 0x64 || c === 0xe4 || c === 0xc4;
}

/** The characters EDGE_RE strips: whitespace (\s), ",", ";", ":", "." (NaN, an empty string's, is none). */
function isEdgeCode(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || isSpaceCode(c);
}

/**
 * `\s` for one UTF-16 unit: ASCII by range, beyond it by the regex itself (text/whitespace.ts has a quicker test,
 * but the API bundles this module, and its 500 KB budget has no room for that one).
 */
function isSpaceCode(c: number): boolean {
  if (c <= 0x7f) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c > 0x7f && HAS_SPACE_RE.test(String.fromCharCode(c));
}

/**
 * Splits the text after "§ N" on a heading line into case numbers and the title text that follows on the same line.
 * "2023.563 KS" → one case number, empty title; "Redovisning av delegationsbeslut" → none, the whole text is title.
 * A labelled case number at the end of the line ("Budget 2025 (Dnr KS 2024/12)") is split off as well.
 */
export function extractCaseNumbersFromHeading(rest: string): { caseNumbers: CaseNumber[]; titleRest: string } {
  // A case number in a column of its own ("KF § 56      KS KF/2022:7", "SBN § 38   Dnr 2024/1"): right-hand columns
  // on a heading line hold case numbers, whatever their series looks like.
  if (COLUMN_GAP_RE.test(rest)) {
    const columns = rest
      .split(COLUMN_GAP_SPLIT_RE)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const found = columns.map(columnCaseNumber);
    if (found.some((f) => f !== undefined)) {
      return {
        caseNumbers: found.filter((f): f is CaseNumber => f !== undefined),
        titleRest: columns.filter((_, i) => found[i] === undefined).join(' '),
      };
    }
  }
  return inlineCaseNumbers(rest);
}

const COLUMN_GAP_RE = /\S\s{3,}\S/u;
const COLUMN_GAP_SPLIT_RE = /\s{3,}/u;
/** An identifier: no spaces but between a series code and the number, a digit, and a separator. */
const IDENTIFIER_RE = /^(?:[\p{Lu}]{1,6}\s)?[\p{L}\d]{1,12}(?:[/:.\-–][\p{L}\d]{1,12}){1,5}$/u;
const HAS_DIGIT_RE = /\d/u;
/** Dates are not case numbers: 2024-01-10, 15.09.2022, 1.2.2023. */
const DATE_SHAPE_RE = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$/u;

/** A whole column that is one case number: a known shape, or (in a column of its own) any identifier. */
function columnCaseNumber(column: string): CaseNumber | undefined {
  const read = readCaseNumbers(column, 0);
  if (read.caseNumbers.length === 1 && read.end === column.length) return read.caseNumbers[0];
  if (column.length <= 40 && IDENTIFIER_RE.test(column) && HAS_DIGIT_RE.test(column) && !DATE_SHAPE_RE.test(column)) {
    return { raw: column, normalized: normalizeCaseNumber(column) };
  }
  return undefined;
}

/**
 * A line that holds nothing but case numbers (a KTweb errand tag above the heading, "Bun/2015:97   041" under the
 * title): the numbers, or undefined. A short archive code in a column after them ("041", "1.2.3") is not part of the
 * number and is ignored.
 */
export function caseNumbersOnlyLine(text: string): CaseNumber[] | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > 80 || !mayStartCaseNumber(t.charCodeAt(0)) || !HAS_DIGIT_RE.test(t))
    return undefined;
  // split with a regex builds a new regex per call: a line without a column gap is its one column.
  const columns = COLUMN_GAP_SPLIT_RE.test(t) ? t.split(COLUMN_GAP_SPLIT_RE) : [t];
  const first = columns[0] ?? '';
  if (columns.length > 2 || (columns.length === 2 && !ARCHIVE_CODE_RE.test(columns[1] ?? ''))) return undefined;
  const read = readCaseNumbers(first, 0);
  if (read.caseNumbers.length > 0 && read.end === first.length) return read.caseNumbers;
  return undefined;
}

const ARCHIVE_CODE_RE = /^\d{1,4}(?:\.\d{1,4}){0,3}$/u;

/**
 * What a case number's first character can be: a digit or A-Z, Å, Ä, Ö (every STRICT_SHAPES form, which has no /i),
 * or the first letter of a label (D, Ä in either case, see mayStartWithLabel). Other lines hold no case number first.
 */
function mayStartCaseNumber(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0xc5 ||
    c === 0xc4 ||
    c === 0xd6 ||
    c === 0x64 ||
    c === 0xe4
  );
}

function inlineCaseNumbers(rest: string): { caseNumbers: CaseNumber[]; titleRest: string } {
  const leading = readCaseNumbers(rest, 0);
  if (leading.caseNumbers.length > 0) {
    return { caseNumbers: leading.caseNumbers, titleRest: rest.slice(leading.end).trim() };
  }
  // matchAll clones its regex on every call (a microsecond each): most titles hold no label word, which one test of
  // the label's wording under the same flags rules out first.
  if (!LABEL_WORD_RE.test(rest)) return { caseNumbers: [], titleRest: rest.trim() };
  for (const m of rest.matchAll(TRAILING_LABEL_RE)) {
    const start = m.index + m[0].length;
    const found = readCaseNumbers(rest, start);
    if (found.caseNumbers.length > 0 && /^[\s).]*$/u.test(rest.slice(found.end))) {
      const title = rest
        .slice(0, start)
        .replace(/[\s(,;–-]+$/u, '')
        .trim();
      return { caseNumbers: found.caseNumbers, titleRest: title };
    }
  }
  return { caseNumbers: [], titleRest: rest.trim() };
}

/** Reads one or more case numbers starting at `from` (after whitespace); returns them and where reading stopped. */
function readCaseNumbers(text: string, from: number): { caseNumbers: CaseNumber[]; end: number } {
  const caseNumbers: CaseNumber[] = [];
  let pos = from;
  for (;;) {
    let start = pos;
    while (start < text.length && isSpaceCode(text.charCodeAt(start))) start += 1;
    const one = readOne(text.slice(start));
    if (!one) break;
    caseNumbers.push({ raw: one, normalized: normalizeCaseNumber(one) });
    pos = start + one.length;
    const sep = SEPARATOR_RE.exec(text.slice(pos));
    if (!sep || !readOne(text.slice(pos + sep[0].length))) break;
    pos += sep[0].length;
  }
  return { caseNumbers, end: caseNumbers.length > 0 ? pos : from };
}

/** One case number at the start of `text`, with its label and sub-case suffix when there are, exactly as printed. */
function readOne(text: string): string | undefined {
  const one = readNumber(text);
  return one === undefined ? undefined : one + (SUFFIX_RE.exec(text.slice(one.length))?.[0] ?? '');
}

function readNumber(text: string): string | undefined {
  const label = mayStartWithLabel(text) ? LABEL_RE.exec(text) : null;
  if (label) {
    const rest = text.slice(label[0].length);
    const strict = STRICT_RE.exec(rest)?.[0];
    if (strict) return label[0] + strict;
    const token = LABELLED_TOKEN_RE.exec(rest)?.[0];
    return token ? label[0] + token + (CODE_RE.exec(rest.slice(token.length))?.[0] ?? '') : undefined;
  }
  return STRICT_RE.exec(text)?.[0];
}
