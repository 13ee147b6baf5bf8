import { municipalityOwnName } from '../../core/records/municipality-codes.ts';
import type { ParagraphSummary } from '../read-model/types.ts';
import { capitalised } from './html.ts';

/**
 * The "Citera" line: who decided, in which protocol, which §, on which page, and where it was retrieved.
 * "Alingsås kommun, Kommunstyrelsen, protokoll 2024-02-05, § 28 (s. 3). Hämtad från <permalink>"
 */
export function citation(p: ParagraphSummary, permalink: string): string {
  const [from, to] = p.pages;
  const pages = from > 0 ? (to > from ? ` (s. ${from}–${to})` : ` (s. ${from})`) : '';
  return `${municipalityOrganisation(p.municipalityName)}, ${capitalised(p.bodyName)}, protokoll ${p.meetingDate}, § ${p.number}${pages}. Hämtad från ${permalink}`;
}

/**
 * The municipality as it names itself: "Alingsås" → "Alingsås kommun", "Göteborg" → "Göteborgs Stad", "Gotland" →
 * "Region Gotland" (core/records/municipality-codes.ts). A name that is not one of the 290 and not already an
 * organisation gets the plain genitive.
 */
export function municipalityOrganisation(name: string): string {
  if (/\b(?:kommun|stad|region)$/iu.test(name)) return name;
  const own = municipalityOwnName(name);
  if (own !== name) return own;
  return `${/[sxz]$/iu.test(name) ? name : `${name}s`} kommun`;
}
