import { collapseWhitespace } from '../../text/whitespace.ts';
/**
 * Lists of people as protocols print them: "Axel Josefson (M), Hampus Magnusson (M) och tjänstgörande ersättaren
 * Johannes Hulter (S)". Role words in lower case before a name are dropped. When an item does not read as a name
 * with a party, the whole list is returned as one entry, verbatim.
 */
export interface PersonRef {
  name: string;
  party?: string;
}

const ITEM_RE = /^(?:\p{Ll}+\s){0,3}(\p{Lu}[^\s(),]{0,40}(?:\s[^\s(),]{1,40}){0,5})\s?\(([^()]{1,12})\)$/u;

export function parseNameList(text: string): PersonRef[] | undefined {
  const flat = collapseWhitespace(text).trim();
  if (flat.length === 0 || flat.length > 2000) return undefined;
  const items = flat
    .split(/,\s|\soch\s/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const people: PersonRef[] = [];
  for (const item of items) {
    const m = ITEM_RE.exec(item);
    if (!m) return undefined;
    people.push({ name: m[1] ?? '', party: m[2] ?? '' });
  }
  return people;
}

export function formatPerson(p: PersonRef): string {
  return p.party ? `${p.name} (${p.party})` : p.name;
}
