/**
 * Flags read from the verbatim § text.
 * Secrecy: text removed under offentlighets- och sekretesslagen (2009:400) is replaced by a note such as
 * "Borttagen på grund av sekretess". Omedelbar justering is not in KL; the council's arbetsordning allows it, and the
 * protocol says so ("Paragrafen förklaras omedelbart justerad", "Protokollet under denna paragraf förklaras
 * omedelbart justerat", or the stamp "Paragrafen är justerad").
 */
const REDACTED_RE =
  /(?:borttag(?:en|et|na)|struken|strukna|maskerad|maskerade|utelämnad|utelämnade|dold|dolda)\s(?:\p{L}+\s){0,3}(?:på\sgrund\sav|p\.g\.a\.?|enligt|med\sstöd\sav)\s(?:\p{L}+\s){0,2}sekretess|sekretessmarkerad|\[sekretess\]|uppgifter(?:na)?\s(?:omfattas\sav|är\sbelagda\smed)\ssekretess/iu;
const JUSTERAD_RE =
  /omedelbart\sjusterad|omedelbart\sjusterat|omedelbar\sjustering|omedelbart\sjusteras|paragrafen\sär\sjusterad/iu;

export function isRedacted(text: string): boolean {
  return REDACTED_RE.test(text.replace(/\s+/gu, ' '));
}

export function isImmediatelyJusterad(text: string): boolean {
  return JUSTERAD_RE.test(text.replace(/\s+/gu, ' '));
}
