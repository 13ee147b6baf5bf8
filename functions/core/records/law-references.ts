/**
 * Citations of Swedish statutes in decision texts: "4 kap. 1 § SoL", "9 kap. 31 § plan- och bygglagen",
 * "KL 13 kap. 5 §", "6 kap. 8 § kommunallagen (2017:725)", "2 § LSS". Each becomes a structured reference — the law,
 * its SFS number, chapter and section — that pages link to the statute. Pure; linear regular expressions.
 */
export interface LawReference {
  /** The citation as written. */
  raw: string;
  /** Where it stands in the text [start, end). */
  start: number;
  end: number;
  /** The law's short name as Paragraf knows it ("KL", "SoL", "PBL"), or the SFS number for an unknown law. */
  law: string;
  /** SFS number, e.g. "2017:725". */
  sfs: string;
  chapter?: number;
  section: string;
}

/** Names and abbreviations → [short name, SFS number]. Lower case; longer names are matched before their prefixes. */
const LAWS: ReadonlyArray<readonly [string, string, string]> = [
  ['kommunallagen', 'KL', '2017:725'],
  ['kl', 'KL', '2017:725'],
  ['socialtjänstlagen', 'SoL', '2001:453'],
  ['sol', 'SoL', '2001:453'],
  ['plan- och bygglagen', 'PBL', '2010:900'],
  ['pbl', 'PBL', '2010:900'],
  ['lss', 'LSS', '1993:387'],
  ['lagen om stöd och service till vissa funktionshindrade', 'LSS', '1993:387'],
  ['offentlighets- och sekretesslagen', 'OSL', '2009:400'],
  ['osl', 'OSL', '2009:400'],
  ['förvaltningslagen', 'FL', '2017:900'],
  ['fl', 'FL', '2017:900'],
  ['skollagen', 'Skollagen', '2010:800'],
  ['miljöbalken', 'MB', '1998:808'],
  ['mb', 'MB', '1998:808'],
  ['lagen om offentlig upphandling', 'LOU', '2016:1145'],
  ['lou', 'LOU', '2016:1145'],
  ['alkohollagen', 'Alkohollagen', '2010:1622'],
  ['hälso- och sjukvårdslagen', 'HSL', '2017:30'],
  ['hsl', 'HSL', '2017:30'],
  ['lvu', 'LVU', '1990:52'],
  ['lvm', 'LVM', '1988:870'],
  ['ordningslagen', 'Ordningslagen', '1993:1617'],
  ['lagen om kommunal bokföring och redovisning', 'LKBR', '2018:597'],
  ['lkbr', 'LKBR', '2018:597'],
  ['diskrimineringslagen', 'Diskrimineringslagen', '2008:567'],
  ['jordabalken', 'JB', '1970:994'],
]
  .map(([name, short, sfs]) => [name!, short!, sfs!] as const)
  .sort((a, b) => b[0].length - a[0].length);

const NAMES = LAWS.map(([n]) => n.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');
/** "13 kap. 5 §", "5 §", "5 a §", "13 kap 5-6 §§": chapter optional. */
const PLACE = String.raw`(?:(\d{1,2}) ?kap\.? ?)?(\d{1,3}(?: ?[a-z])?)(?: ?[-–] ?\d{1,3})? ?§§?`;
/** A place followed by a law, or a law followed by a place; an SFS number in parentheses may follow. */
const CITATION = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${PLACE} (?:i )?(${NAMES}|lagen)(?: ?\((\d{4}:\d{1,4})\))?|(${NAMES}) ${PLACE})(?![\p{L}])`,
  'giu',
);

export function findLawReferences(text: string): LawReference[] {
  const out: LawReference[] = [];
  for (const m of text.matchAll(CITATION)) {
    const [raw, chapterA, sectionA, nameA, sfsA, nameB, chapterB, sectionB] = m;
    const name = (nameA ?? nameB ?? '').toLowerCase();
    const known = LAWS.find(([n]) => n === name);
    const sfs = sfsA ?? known?.[2];
    if (!sfs) continue; // "enligt 5 § lagen" without a number: which law is not said
    const chapter = chapterA ?? chapterB;
    out.push({
      raw,
      start: m.index,
      end: m.index + raw.length,
      law: sfsA && !known ? sfsA : (known?.[1] ?? sfs),
      sfs,
      ...(chapter ? { chapter: Number(chapter) } : {}),
      section: (sectionA ?? sectionB ?? '').replace(/\s+/gu, ''),
    });
  }
  return out;
}

/** The statute at lagen.nu, at the chapter and section: https://lagen.nu/2017:725#K13P5. */
export function lawUrl(ref: Pick<LawReference, 'sfs' | 'chapter' | 'section'>): string {
  const section = ref.section.toUpperCase().replace(/[^0-9A-Z]/gu, '');
  return `https://lagen.nu/${ref.sfs}#${ref.chapter !== undefined ? `K${ref.chapter}` : ''}P${section}`;
}
