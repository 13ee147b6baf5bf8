/**
 * HTML character references → text: the named ones Swedish protocols and municipal portals use, and every numeric
 * one that names a Unicode scalar value (surrogates and out-of-range numbers stay as written). One decoder for the
 * HTML protocol reader and the portal pages harvest reads.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sect: '§',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  aring: 'å',
  auml: 'ä',
  ouml: 'ö',
  Aring: 'Å',
  Auml: 'Ä',
  Ouml: 'Ö',
  eacute: 'é',
  Eacute: 'É',
  uuml: 'ü',
  Uuml: 'Ü',
  rdquo: '”',
  ldquo: '“',
  rsquo: '’',
  lsquo: '‘',
  laquo: '«',
  raquo: '»',
  shy: '\u00ad',
  bull: '•',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/gu, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}
