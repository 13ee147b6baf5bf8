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
/** The first four characters (lower-cased) of every wording above: one Set lookup rules out almost every line. */
const PREFIXES = new Set(['just', 'ordf', 'sekr', 'utdr', 'prot', 'rätt', 'doku', 'sign', 'docu', 'tran', 'sida']);
const RULE_CHARS = new Set(['_', '-', '–', '—', '=']);

export function isFurnitureLike(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 120) return false;
  const c = t.charCodeAt(0);
  const digit = c >= 0x30 && c <= 0x39;
  if (!digit && !RULE_CHARS.has(t[0] as string) && !PREFIXES.has(t.slice(0, 4).toLowerCase())) return false;
  return FURNITURE_LIKE_RE.test(t);
}
