/** Small predicates on the shape of a line, shared by the parse stages. All regexes are anchored and linear. */

/** Bullet glyphs: •, ▪, the Symbol-font bullet U+F0B7 that PDFs from Word leave behind, dashes and "o". */
const BULLET_RE = /^(?:[•▪●◦‣∙\uf0b7\uf0a7]|[-–—](?=\s|\p{Lu})|o(?=\s))\s*/u;
const NUMBERED_RE = /^(\d{1,2})[.)](?=\s)\s*/u;
const LETTERED_RE = /^([a-zA-Z])[.)/](?=\s)\s*/u;
const ATT_RE = /^att(?=\s)\s*/u;

export interface ListMarker {
  /** "1", "a", "•", "-", "att" as printed (without the trailing dot or bracket). */
  label: string;
  kind: 'number' | 'letter' | 'bullet' | 'att';
  /** The text after the marker. */
  rest: string;
}

export function listMarker(text: string): ListMarker | undefined {
  const t = text.trim();
  let m = NUMBERED_RE.exec(t);
  if (m) return { label: m[1] ?? '', kind: 'number', rest: t.slice(m[0].length) };
  m = LETTERED_RE.exec(t);
  if (m) return { label: m[1] ?? '', kind: 'letter', rest: t.slice(m[0].length) };
  m = BULLET_RE.exec(t);
  if (m) return { label: m[0].trim() || '•', kind: 'bullet', rest: t.slice(m[0].length) };
  m = ATT_RE.exec(t);
  if (m) return { label: 'att', kind: 'att', rest: t.slice(m[0].length) };
  return undefined;
}

export function isListItem(text: string): boolean {
  return listMarker(text) !== undefined;
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Ends a sentence (or a lead-in): ". ! ? :" possibly followed by a closing quote or bracket. */
export function endsSentence(text: string): boolean {
  return /[.!?:]["”’)]?$/u.test(text.trim());
}

export function startsUpper(text: string): boolean {
  return /^\p{Lu}/u.test(text.trim());
}

export function startsLower(text: string): boolean {
  return /^[\p{Ll}0-9(]/u.test(text.trim());
}

/** Words that cannot end a heading or a title line that is complete: a line ending in one of them wraps. */
const DANGLING = new Set([
  'och', 'i', 'för', 'med', 'om', 'av', 'till', 'samt', 'på', 'mot', 'att', 'som', 'från', 'vid', 'inom', 'under',
  'efter', 'är', 'en', 'ett', 'den', 'det', 'de', 'eller', 'genom', 'gällande', 'avseende', 'angående', 'inför', 'mellan',
]);

export function endsDangling(text: string): boolean {
  const t = text.trim();
  if (/[-–,]$/u.test(t)) return true;
  const last = /(\p{L}+)$/u.exec(t)?.[1]?.toLowerCase();
  return last !== undefined && DANGLING.has(last);
}

export function firstWordLength(text: string): number {
  return /^\S*/u.exec(text.trim())?.[0].length ?? 0;
}

/** Collapses all whitespace runs to one space. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
