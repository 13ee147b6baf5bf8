import { slugify } from './ids.ts';

/**
 * Common names of municipal bodies (organ), used only to turn a body written as a slug ("kommunstyrelsen",
 * "barn-och-ungdomsnamnden", e.g. from a file name) back into the name as it is printed. What a protocol itself
 * prints always wins over this table.
 */
const COMMON_BODIES = [
  'Kommunfullmäktige',
  'Kommunstyrelsen',
  'Kommunstyrelsens arbetsutskott',
  'Kommunstyrelsens personalutskott',
  'Barn- och ungdomsnämnden',
  'Barn- och utbildningsnämnden',
  'Utbildningsnämnden',
  'Kultur- och utbildningsnämnden',
  'Kultur- och fritidsnämnden',
  'Socialnämnden',
  'Socialnämndens individutskott',
  'Individutskottet',
  'Vård- och omsorgsnämnden',
  'Äldrenämnden',
  'Tekniska nämnden',
  'Byggnadsnämnden',
  'Bygg- och miljönämnden',
  'Miljö- och byggnadsnämnden',
  'Miljönämnden',
  'Samhällsbyggnadsnämnden',
  'Överförmyndarnämnden',
  'Valnämnden',
  'Revisionen',
  'Krisledningsnämnden',
];

const BY_SLUG: ReadonlyMap<string, string> = new Map(COMMON_BODIES.map((name) => [slugify(name), name]));

/** "kommunstyrelsen" → "Kommunstyrelsen"; an unknown lower-case slug gets a capital and spaces; other text is kept. */
export function bodyNameFromHint(hint: string): string {
  const text = hint.trim();
  const known = BY_SLUG.get(slugify(text));
  if (known && (text === text.toLowerCase() || text === slugify(text))) return known;
  if (text !== text.toLowerCase()) return text;
  const spaced = /^[a-z0-9-]+$/u.test(text) ? text.replace(/-/gu, ' ') : text;
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
