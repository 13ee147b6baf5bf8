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

/** Fields that are identifiers or structure, never free text: not masked ("kind" is a section's type code). */
const NOT_TEXT = new Set(['id', 'meetingId', 'number', 'kind']);

/** The free-text strings of a §, in record order: what is masked, and what must not leak. */
export function freeTextOf(paragraph: Paragraph): string[] {
  return textLeaves(paragraph).map((l) => l.value);
}

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
  const leaves = textLeaves(paragraph);
  for (const { text, i } of order) {
    const find = finderFor(text);
    let count = 0;
    for (const leaf of leaves) {
      const spans = find(leaf.value);
      count += spans.length;
      leaf.value = replaceSpans(leaf.value, spans);
    }
    count += maskAcrossFields(leaves, find);
    counts[i] = count;
  }
  const result = rebuild(paragraph, leaves) as Paragraph;
  const trimmedBasis = basis?.trim();
  return {
    paragraph: { ...result, redacted: true, ...(trimmedBasis ? { redactionBasis: trimmedBasis } : {}) },
    counts,
  };
}

type Span = { index: number; length: number };
type Finder = (value: string) => Span[];

function finderFor(text: string): Finder {
  const needle = text.trim();
  const numbers = findPersonalNumberHits(needle);
  const whole = numbers.length === 1 && numbers[0]!.length >= needle.replace(/\s+$/u, '').length - 1;
  if (whole) {
    const digits = numbers[0]!.digits;
    return (value) => findPersonalNumberHits(value).filter((h) => h.digits === digits);
  }
  const pattern = textPattern(needle);
  return (value) => [...value.matchAll(pattern)].map((m) => ({ index: m.index ?? 0, length: m[0].length }));
}

/**
 * A text the parser split between two fields in a row ("Sökanden GUNNEL" became a section heading, "ÅKESSON har …"
 * its text): each pair of consecutive fields is searched as one text, and a match that spans the break is masked on
 * both sides.
 */
function maskAcrossFields(leaves: Leaf[], find: Finder): number {
  let count = 0;
  for (let k = 0; k + 1 < leaves.length; k += 1) {
    const a = leaves[k]!;
    const b = leaves[k + 1]!;
    const joined = `${a.value}\n${b.value}`;
    const crossing = find(joined).filter((m) => m.index < a.value.length && m.index + m.length > a.value.length + 1);
    const first = crossing[0];
    if (first === undefined) continue;
    const cut = first.index + first.length - a.value.length - 1;
    a.value = `${a.value.slice(0, first.index)}${REDACTION_MARK}`;
    b.value = `${REDACTION_MARK}${b.value.slice(cut)}`;
    count += 1;
  }
  return count;
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

function replaceSpans(value: string, spans: readonly Span[]): string {
  let out = '';
  let from = 0;
  for (const { index, length } of spans) {
    out += value.slice(from, index) + REDACTION_MARK;
    from = index + length;
  }
  return out + value.slice(from);
}

interface Leaf {
  path: Array<string | number>;
  value: string;
}

/** Every free-text string of the §, in record order (heading, title, sections …), with its path. */
function textLeaves(value: unknown, path: Array<string | number> = [], out: Leaf[] = []): Leaf[] {
  if (typeof value === 'string') {
    if (!NOT_TEXT.has(String(path[path.length - 1]))) out.push({ path, value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textLeaves(v, [...path, i], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) textLeaves(v, [...path, k], out);
  }
  return out;
}

/** A deep copy of `value` with the leaves' new strings in place. */
function rebuild(value: unknown, leaves: readonly Leaf[]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  for (const leaf of leaves) {
    let node = copy as Record<string | number, unknown>;
    for (const key of leaf.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[leaf.path[leaf.path.length - 1]!] = leaf.value;
  }
  return copy;
}
