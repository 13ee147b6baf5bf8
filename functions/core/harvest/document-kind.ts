/**
 * What a document on a municipal portal is, from its title or file name alone: the full protocol, a part of one
 * ("Protokoll § 12", "omedelbar justering", "protokollsutdrag", "rättad §"), something else (kallelse,
 * kungörelse, anslagsbevis, närvaro, talarlista, omröstningsresultat …), or unknown when no keyword says (a file
 * named "KF 2024-02-05.pdf" is what its folder holds). Pure; shared by every portal connector so one
 * list of words decides for all of them (PORTALS.md, "Cross-cutting").
 *
 * The first keyword in the name decides the family ("Anslagsbevis protokoll KF" is an anslagsbevis, "KF 2024-02-05 -
 * Protokoll" a protocol), so word order in real titles does the work rather than a list of whole titles.
 */
export type DocumentKind = 'protocol' | 'partial-protocol' | 'other' | 'unknown';

export interface DocumentVariant {
  /** "GDPR-säkrat", "avidentifierad", "webbversion": personal data removed by the municipality for the web. */
  gdpr: boolean;
  /** "Rättat protokoll", "reviderad": a whole corrected protocol. */
  corrected: boolean;
  /** "med bilagor": the protocol and its attachments in one file. */
  attachments: boolean;
  /** "skannad", "inskannad": probably a scan without a text layer. */
  scanned: boolean;
  /** "ojusterat", "preliminärt", "utkast": not yet signed off. */
  preliminary: boolean;
}

export interface DocumentClass {
  kind: DocumentKind;
  variant: DocumentVariant;
}

const OTHER_WORDS = [
  'kallelse',
  'kungorelse',
  'anslagsbevis',
  'anslag',
  'narvaro',
  'narvarolista',
  'narvaroforteckning',
  'talarlista',
  'talare',
  'omrostning',
  'omrostningsresultat',
  'omrostningsbilaga',
  'rostningsbilaga',
  'rostningslista',
  'voteringslista',
  'tillkannagivande',
  'foredragningslista',
  'dagordning',
  'handlingar',
  'handling',
  'bilaga',
  'bilagor',
  'beslutsunderlag',
  'protokollsbilaga',
  'tjansteskrivelse',
  'delegationsbeslut',
  'motion',
];
const PARTIAL_WORDS = ['protokollsutdrag', 'utdrag', 'paragrafutdrag'];
const PROTOCOL_WORDS = ['protokoll', 'protokollet', 'protocol', 'minutes'];

/** Longer names are cut: a title is a line, and the patterns below stay cheap on whatever a portal sends. */
const MAX_NAME = 300;

/** Lower case, å/ä/ö folded, file extension and Meetings+'s dotless "…pdf-12345" suffix removed. */
function normalise(name: string): string {
  return name
    .slice(0, MAX_NAME)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åä]/gu, 'a')
    .replace(/ö/gu, 'o')
    .replace(/é/gu, 'e')
    .replace(/\.(?:pdf|docx?|rtf|txt|odt)$/u, '')
    .replace(/(?<=[a-z0-9])pdf(?:-\d+)?$/u, '');
}

function tokens(text: string): string[] {
  return text.split(/[^a-z0-9§]+/u).filter((t) => t !== '');
}

/** Levenshtein distance, stopping early once it exceeds `limit` (tokens are short; this is O(len²) at worst). */
export function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return false;
    prev = cur;
  }
  return prev[b.length]! <= limit;
}

type Family = 'protocol' | 'partial' | 'other' | undefined;

/** The family the token names, if any. "Protkoll" and "Protokol" (typos seen on SiteVision sites) are protocols. */
function familyOf(token: string): Family {
  if (PARTIAL_WORDS.includes(token)) return 'partial';
  if (OTHER_WORDS.includes(token)) return 'other';
  if (PROTOCOL_WORDS.includes(token)) return 'protocol';
  if (token.length >= 7 && token.length <= 11 && token.startsWith('pr') && editDistanceAtMost(token, 'protokoll', 1))
    return 'protocol';
  return undefined;
}

const SINGLE_PARAGRAPH = /§\s*\d+\s*[a-z]?(?!\s*[-–]\s*\d)(?!\d)/u;
const PARAGRAPH_RANGE = /§§|§\s*\d+\s*[-–]\s*\d+/u;
const PARTIAL_PHRASE =
  /omedelbar\w*\s+juster|omedelbart\s+justerad|justerad\s+omedelbart|rattad\s+§|rattelse\s+§|tillagg\s+§|§\s*\d+\s*\w*\s*tillagg|paragraf\s+\d+(?![\d\s]*[-–])/u;

/** The kind and variant of a document, from its name. */
export function classifyDocumentName(name: string): DocumentClass {
  const text = normalise(name);
  const variant: DocumentVariant = {
    gdpr: /gdpr|avidentifier|anonymiser|webbversion|publiceringsversion|personuppgifter borttagna/u.test(text),
    corrected: /rattat|rattad protokoll|korrigerat|reviderat|reviderad|ny version|uppdaterat/u.test(text),
    attachments: /\b(?:med|inkl\w*|samt)\s+bilagor/u.test(text),
    scanned: /skannad|scannad|inskannad|\bscan/u.test(text),
    preliminary: /ojusterat|ej justerat|preliminar|utkast/u.test(text),
  };
  const family = tokens(text)
    .map(familyOf)
    .find((f) => f !== undefined);
  if (family === undefined) return { kind: 'unknown', variant };
  if (family === 'other') return { kind: 'other', variant };
  if (family === 'partial' || PARTIAL_PHRASE.test(text)) return { kind: 'partial-protocol', variant };
  if (SINGLE_PARAGRAPH.test(text) && !PARAGRAPH_RANGE.test(text)) return { kind: 'partial-protocol', variant };
  return { kind: 'protocol', variant };
}

/**
 * Preference among several full protocols of one meeting. The GDPR-safe variant first: the municipality removed
 * personal data from it for the web, and republishing the other one would undo that (privacy first). Then a whole
 * corrected protocol over the original, a signed one over a preliminary, a text file over a scan, the protocol alone
 * over the one with all attachments (smaller, and the attachments are not Paragraf's to relicense).
 */
export function preference(variant: DocumentVariant): number {
  return (
    (variant.gdpr ? 8 : 0) +
    (variant.corrected ? 4 : 0) -
    (variant.attachments ? 2 : 0) -
    (variant.scanned ? 3 : 0) -
    (variant.preliminary ? 6 : 0)
  );
}

export interface NamedDocument {
  id: string;
  name: string;
}

export interface ProtocolChoice<T extends NamedDocument> {
  /** The full protocol to harvest, or null when the meeting has none (yet). */
  protocol: T | null;
  /** The other protocol documents of the meeting (partials, other variants), kept by id, never harvested as the protocol. */
  related: T[];
}

/** The full protocol among a meeting's documents (portal order breaks ties) and the related protocol documents. */
export function chooseProtocol<T extends NamedDocument>(documents: readonly T[]): ProtocolChoice<T> {
  const classified = documents.map((doc, order) => ({ doc, order, cls: classifyDocumentName(doc.name) }));
  const full = classified.filter((c) => c.cls.kind === 'protocol');
  full.sort((a, b) => preference(b.cls.variant) - preference(a.cls.variant) || a.order - b.order);
  const protocol = full[0]?.doc ?? null;
  const related = classified
    .filter((c) => (c.cls.kind === 'protocol' || c.cls.kind === 'partial-protocol') && c.doc !== protocol)
    .map((c) => c.doc);
  return { protocol, related };
}
