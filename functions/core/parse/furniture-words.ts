/**
 * Lines that are page furniture by their wording, wherever they stand: signature boxes ("Justerandes sign",
 * "Utdragsbestyrkande", "Protokollsutdrag intygas"), the e-signature notes portals stamp on every page ("Protokollet
 * har justerats digitalt", "Dokumentet har undertecknats elektroniskt", "Signature reference: <uuid>"), page counters
 * and rules. Page-furniture.ts removes what repeats; this catches what a list would otherwise swallow when it does not
 * repeat (a one-page extract, a text without page breaks).
 */
const FURNITURE_LIKE_RE = new RegExp(
  [
    String.raw`^(?:Justerandes?|Ordförandes|Sekreterarens)\s+sign(?:atur)?\.?(?:\s|$)`,
    String.raw`^Utdragsbestyrkande$`,
    String.raw`^(?:Justerande\s+)?Utdragsbestyrkande$`,
    String.raw`^(?:Protokollsutdrag|Utdragets\s+riktighet|Rätt\s+utdraget)\s+intygas`,
    String.raw`^Protokollet\s+(?:har\s+)?(?:justerats|signerats|undertecknats)\s+(?:digitalt|elektroniskt)`,
    String.raw`^(?:Dokumentet|Protokollet)\s+(?:har\s+)?(?:undertecknats|signerats|är\s+signerat)\s+(?:elektroniskt|digitalt)`,
    String.raw`^(?:Signature|Document|Signatur|Transaktion|Transaction)\s?(?:reference|referens|id|nummer)?\s*:?\s*[0-9A-Fa-f]{8}-`,
    String.raw`^Sida\s+\d{1,4}(?:\s*(?:av|/)\s*\d{1,4}|\s*\(\d{1,4}\))?$`,
    String.raw`^\d{1,4}\s?\(\d{1,4}\)$`,
    String.raw`^[_\-–—=]{3,}$`,
  ].join('|'),
  'iu',
);
const FIRST_CHARS = new Set(['j', 'o', 's', 'u', 'p', 'r', 'd', 't', '_', '-', '–', '—', '=', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export function isFurnitureLike(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 120 || !FIRST_CHARS.has((t[0] ?? '').toLowerCase())) return false;
  return FURNITURE_LIKE_RE.test(t);
}
