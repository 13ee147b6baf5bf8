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

/**
 * `<municipality>-<body>-<date>`. Names never carry digits, so digit words are dropped from the municipality and body
 * parts: whatever text a body name picked up (a file name, a personnummer typed after it), the id holds only the
 * words of the name, the date and, for a §, the number (issue 12: ids carry only what was recognised).
 */
export function meetingId(municipality: string, body: string, date: string): string {
  return [municipalityIdSlug(municipality), bodySlug(body), date || 'okant-datum'].join('-');
}

/** The municipality part of a meeting id, as the API and the published folders name the municipality. */
export function municipalityIdSlug(municipality: string): string {
  return nameSlug(municipalitySlug(municipality)) || 'okand';
}

/** The body part of a meeting id and of the record's folder. */
export function bodySlug(body: string): string {
  return nameSlug(slugify(body)) || 'okant-organ';
}

/** A slug without its words that contain a digit. */
export function nameSlug(slug: string): string {
  return slug
    .split('-')
    .filter((word) => word !== '' && !/\d/u.test(word))
    .join('-');
}

/** "28" → "<meeting>-28"; letters kept ("12 a" → "12a"). */
export function paragraphId(meeting: string, number: string): string {
  // A printed § number ("28", "12a") is its own slug: the folding is for anything else a caller passes.
  const slug = PLAIN_NUMBER_RE.test(number) ? number : slugify(number).replace(/-/gu, '');
  return `${meeting}-${slug || 'x'}`;
}

const PLAIN_NUMBER_RE = /^[0-9a-z]{1,80}$/u;

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

export function isValidId(id: string): boolean {
  return id.length <= 200 && ID_PATTERN.test(id);
}
