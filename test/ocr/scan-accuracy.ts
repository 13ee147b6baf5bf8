/**
 * How well the parse of a scan matches the golden of the original, on what a reader looks up first: the § numbers,
 * their case numbers (diarienummer) and titles. One field each per expected §; a § missing from the scan's parse
 * scores 0 on all three, and a § the scan's parse invents (a number the golden lacks) costs one field.
 */
import type { Protocol } from '../../functions/core/records/types.ts';

export interface GoldenParagraph {
  number: string;
  title: string;
  caseNumbers: Array<{ normalized: string }>;
}

export interface FieldScore {
  correct: number;
  total: number;
  misses: string[];
}

export function scoreScan(scan: Protocol, golden: readonly GoldenParagraph[]): FieldScore {
  const byNumber = new Map(scan.paragraphs.map((p) => [p.number, p]));
  const expected = new Set(golden.map((g) => g.number));
  let correct = 0;
  const misses: string[] = [];
  for (const g of golden) {
    const got = byNumber.get(g.number);
    if (!got) {
      misses.push(`§ ${g.number} missing`);
      continue;
    }
    correct++;
    const cases = (x: Array<{ normalized: string }>): string => x.map((c) => c.normalized).join(', ');
    if (cases(got.caseNumbers) === cases(g.caseNumbers)) correct++;
    else
      misses.push(
        `§ ${g.number} case numbers: ${JSON.stringify(cases(got.caseNumbers))} ≠ ${JSON.stringify(cases(g.caseNumbers))}`,
      );
    if (squash(got.title) === squash(g.title)) correct++;
    else misses.push(`§ ${g.number} title: ${JSON.stringify(got.title)} ≠ ${JSON.stringify(g.title)}`);
  }
  const invented = scan.paragraphs.filter((p) => !expected.has(p.number));
  for (const p of invented) misses.push(`§ ${p.number} invented`);
  return { correct, total: 3 * golden.length + invented.length, misses };
}

function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
