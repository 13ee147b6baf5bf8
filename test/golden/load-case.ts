import { readFileSync } from 'node:fs';
import type { PageText } from '../../functions/core/records/types.ts';

/**
 * Reads a golden case's text. PDF cases are stored as the text the PDF extractor produced, with "=== page N"
 * marker lines between pages; plain-text cases (no markers) are one page.
 */
export function readCasePages(path: string): PageText[] {
  const raw = readFileSync(path, 'utf8');
  if (!/^=== page \d+$/mu.test(raw)) return [{ number: 1, text: raw }];
  const pages: PageText[] = [];
  let current: PageText | undefined;
  for (const line of raw.split('\n')) {
    const m = /^=== page (\d+)$/u.exec(line);
    if (m) {
      current = { number: Number(m[1]), text: '' };
      pages.push(current);
    } else if (current) current.text += current.text === '' ? line : `\n${line}`;
  }
  return pages;
}
