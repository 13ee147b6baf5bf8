// TEMPORARY stand-in for functions/core/records/case-numbers.ts (owned by another engineer); deleted when it lands.
import type { CaseNumber } from '../../records/types.ts';

const LABEL = /^(?:Ärendenummer|Diarienummer|Dnr\.?:?|DNR:?)\s*/iu;
const CASE = /^((?:Ärendenummer|Diarienummer|Dnr\.?:?|DNR:?)\s*)?([A-ZÅÄÖ]{2,6}[.-]\d{4}[.-]\d{1,6}(?::-?\d+)?|\d{4}\.\d{1,4}(?:\s[A-ZÅÄÖ]{2,6})?|\d{1,6}\/\d{4}|\d{4}-[A-ZÅÄÖ]{2,6}\S*)(?=\s|$)/u;

export function normalizeCaseNumber(raw: string): string {
  return raw.replace(LABEL, '').trim().replace(/\s+/gu, ' ').replace(/[‐‑–—]/gu, '-').toUpperCase();
}

export function extractCaseNumbersFromHeading(rest: string): { caseNumbers: CaseNumber[]; titleRest: string } {
  const m = CASE.exec(rest.trim());
  if (!m) return { caseNumbers: [], titleRest: rest.trim() };
  const raw = m[0].trim();
  return { caseNumbers: [{ raw, normalized: normalizeCaseNumber(raw) }], titleRest: rest.trim().slice(m[0].length).trim() };
}
