/** Small pure helpers of the index: key normalisation, date numbers, hashing, permalink bytes. */
import { normalizeCaseNumber } from '../../core/records/case-numbers.ts';

/** The bytes that precede a § id in its permalink: the JSON-escaped base URL and "/p/". */
export function permalinkPrefix(base: string): Buffer {
  return Buffer.from(`${JSON.stringify(base).slice(1, -1)}/p/`, 'utf8');
}

/** Case numbers compare after the parser's normalisation, so "dnr ks 2017/123" finds "KS 2017/123". */
export function caseKey(caseNumber: string): string {
  return normalizeCaseNumber(caseNumber);
}

/** "2024-02-05" → 20240205; anything else → 0. */
export function dateNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

export function isoDate(n: number): string {
  if (n === 0) return '';
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** FNV-1a over UTF-16 code units: fast, and only needs to spread keys (collisions are verified). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
