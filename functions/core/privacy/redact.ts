/**
 * Masking what a reviewer names in a held § before it is released: every occurrence of each given text, in every
 * field of the § record, becomes a visible marker, and the § is marked redacted with the legal basis.
 *
 * A text is found however it was printed: case-insensitively, across line breaks and runs of white space (a name
 * wrapped over two lines, "Anna\nAndersson"), through soft hyphens and zero-width characters, and through a word
 * hyphenated at a line end ("Anders-\nson"). A text that is itself a personnummer masks that number in every written
 * form (personal-numbers.ts), since "850709-9805" and "850709 - 9805" are the same number.
 *
 * Pure. Patterns are sequences of fixed characters with bounded optional gaps: linear in the text.
 */
import type { Paragraph } from '../records/types.ts';
import { findPersonalNumberHits } from './personal-numbers.ts';

/** What a masked text is replaced with. */
export const REDACTION_MARK = '[uppgift borttagen]';

/** Longest text a reviewer may give (a paragraph of a name and an address is well below this). */
export const MAX_REDACTION_LENGTH = 500;

/** Fields that are identifiers or structure, never free text: not masked. */
const NOT_TEXT = new Set(['id', 'meetingId', 'number']);

export interface RedactionResult {
  paragraph: Paragraph;
  /** For each given text (same order), how many places it was masked in. */
  counts: number[];
}

/**
 * `paragraph` with every given text masked and `redacted: true`, plus `redactionBasis` when a basis is given.
 * Longer texts are masked first, so "Anna Andersson" is masked whole before "Anna" alone.
 */
export function redactParagraph(paragraph: Paragraph, texts: readonly string[], basis?: string): RedactionResult {
  const order = texts.map((text, i) => ({ text, i })).sort((a, b) => b.text.length - a.text.length);
  const counts = texts.map(() => 0);
  let current: unknown = paragraph;
  for (const { text, i } of order) {
    const masker = maskerFor(text);
    current = mapStrings(current, '', (value) => {
      const { masked, count } = masker(value);
      counts[i] = (counts[i] ?? 0) + count;
      return masked;
    });
  }
  const result = current as Paragraph;
  const trimmedBasis = basis?.trim();
  return {
    paragraph: { ...result, redacted: true, ...(trimmedBasis ? { redactionBasis: trimmedBasis } : {}) },
    counts,
  };
}

type Masker = (value: string) => { masked: string; count: number };

function maskerFor(text: string): Masker {
  const needle = text.trim();
  const numbers = findPersonalNumberHits(needle);
  const whole = numbers.length === 1 && numbers[0]!.length >= needle.replace(/\s+$/u, '').length - 1;
  if (whole) {
    const digits = numbers[0]!.digits;
    return (value) => {
      const hits = findPersonalNumberHits(value).filter((h) => h.digits === digits);
      return { masked: replaceSpans(value, hits), count: hits.length };
    };
  }
  const pattern = textPattern(needle);
  return (value) => {
    let count = 0;
    const masked = value.replace(pattern, () => {
      count += 1;
      return REDACTION_MARK;
    });
    return { masked, count };
  };
}

const INVISIBLE = '[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*';
/** Between two letters of a word: invisible characters, or a hyphen at a line end and the line break. */
const IN_WORD = `${INVISIBLE}(?:-[ \\t]*\\r?\\n[ \\t]*)?${INVISIBLE}`;
const SPACE = '[\\s\\u00a0\\u2000-\\u200b\\u202f\\u205f\\u3000\\u00ad]+';

/** A case-insensitive pattern for `needle` that tolerates how a PDF may have broken it. */
export function textPattern(needle: string): RegExp {
  const parts: string[] = [];
  let previousWasSpace = true;
  for (const ch of needle) {
    if (/\s/u.test(ch)) {
      if (!previousWasSpace) parts.push(SPACE);
      previousWasSpace = true;
      continue;
    }
    if (!previousWasSpace) parts.push(IN_WORD);
    parts.push(/[-‐‑‒–—]/u.test(ch) ? '[-\\u2010-\\u2015\\u2212]' : ch.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
    previousWasSpace = false;
  }
  return new RegExp(parts.join(''), 'giu');
}

function replaceSpans(value: string, spans: ReadonlyArray<{ index: number; length: number }>): string {
  let out = '';
  let from = 0;
  for (const { index, length } of spans) {
    out += value.slice(from, index) + REDACTION_MARK;
    from = index + length;
  }
  return out + value.slice(from);
}

function mapStrings(value: unknown, key: string, f: (s: string) => string): unknown {
  if (typeof value === 'string') return NOT_TEXT.has(key) ? value : f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, '', f));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, k, f)]));
  }
  return value;
}
