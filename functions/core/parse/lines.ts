import type { PageText } from '../records/types.ts';

/** One line of source text with its position. The unit every parse stage works on. */
export interface Line {
  text: string;
  /** 1-based page number in the source. */
  page: number;
  /** 1-based line number within the page. */
  line: number;
}

/**
 * Pages → lines. Normalises line endings, non-breaking and odd spaces, soft hyphens and trailing space,
 * but keeps every line (blank ones too) so positions match the source.
 */
export function toLines(pages: readonly PageText[]): Line[] {
  const out: Line[] = [];
  for (const page of pages) {
    const rows = normalizeText(page.text).split('\n');
    rows.forEach((text, i) => out.push({ text, page: page.number, line: i + 1 }));
  }
  return out;
}

export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu, ' ')
    .replace(/[\u00ad\u200b\u200c\u200d\ufeff]/gu, '')
    .replace(/[ \t]+$/gmu, '');
}
