/**
 * Stable identifiers. An id is derived only from municipality, body, date and § number, so re-ingesting or
 * correcting a protocol keeps every permalink. Ids use [a-z0-9-] only and can never name a path outside the store.
 */
const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', è: 'e', ü: 'u', æ: 'ae', ø: 'o' };

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åäöéèüæø]/gu, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80);
}

/**
 * Habo and Håbo fold to the same slug; Håbo gets "haabo" (å written as "aa", as in older Swedish spelling) so the
 * two municipalities can never share an id. Every other municipality's slug is its folded name.
 */
const MUNICIPALITY_SLUG_OVERRIDES: Readonly<Record<string, string>> = { håbo: 'haabo' };

export function municipalitySlug(municipality: string): string {
  return MUNICIPALITY_SLUG_OVERRIDES[municipality.trim().toLowerCase()] ?? slugify(municipality);
}

export function meetingId(municipality: string, body: string, date: string): string {
  return [municipalitySlug(municipality) || 'okand', slugify(body) || 'okant-organ', date || 'okant-datum'].join('-');
}

/** "28" → "<meeting>-28"; letters kept ("12 a" → "12a"). */
export function paragraphId(meeting: string, number: string): string {
  return `${meeting}-${slugify(number).replace(/-/gu, '') || 'x'}`;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

export function isValidId(id: string): boolean {
  return id.length <= 200 && ID_PATTERN.test(id);
}
