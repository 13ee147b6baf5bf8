/**
 * Protocols with a personnummer planted in one place, in one written form: the attacker's test of issue 12. The
 * template is an Alingsås-style kommunstyrelse protocol (label column front matter, `§ 5 2024.011 KS` headings);
 * every place is one slot of it. Pages are separated by "\f", with the page furniture real protocols repeat (page
 * header, "Justerandes sign", page number), so a number broken over a page has the furniture in between.
 */

export interface Form {
  name: string;
  /** The number as written; "\n" is a line break, "\f" a page break. */
  written: string;
  /** The ten digits YYMMDDNNNC it stands for. */
  digits: string;
}

const P = '850709-9805'; // check digit worked by hand in test/unit/personal-numbers.test.ts
const D = '8507099805';

export const FORMS: readonly Form[] = [
  { name: 'YYMMDDNNNN (no separator)', written: '8507099805', digits: D },
  { name: 'YYMMDD-NNNN', written: P, digits: D },
  { name: 'YYMMDD+NNNN (100 years or older)', written: '121212+1212', digits: '1212121212' },
  { name: 'YYMMDD NNNN (one space)', written: '850709 9805', digits: D },
  { name: 'YYMMDD  NNNN (two spaces)', written: '850709  9805', digits: D },
  { name: 'YYMMDD - NNNN (spaced hyphen)', written: '850709 - 9805', digits: D },
  { name: 'NBSP', written: '850709\u00a09805', digits: D },
  { name: 'narrow NBSP / thin space', written: '850709\u202f\u20099805', digits: D },
  { name: 'en dash', written: '850709\u20139805', digits: D },
  { name: 'em dash', written: '850709\u20149805', digits: D },
  { name: 'minus sign', written: '850709\u22129805', digits: D },
  { name: 'soft hyphen', written: '850709\u00ad9805', digits: D },
  { name: 'zero-width space inside the date', written: '8507\u200b09-98\u200d05', digits: D },
  { name: 'YYYYMMDDNNNN', written: '198507099805', digits: D },
  { name: 'YYYYMMDD-NNNN', written: '19850709-9805', digits: D },
  { name: 'spaced date YY MM DD-NNNN', written: '85 07 09-9805', digits: D },
  { name: 'spaced date YYYY-MM-DD-NNNN', written: '1985-07-09-9805', digits: D },
  { name: 'dotted YYMMDD.NNNN', written: '850709.9805', digits: D },
  { name: 'full-width digits', written: '８５０７０９－９８０５', digits: D },
  { name: 'Arabic-Indic digits', written: '٨٥٠٧٠٩-٩٨٠٥', digits: D },
  { name: 'samordningsnummer', written: '701063-2391', digits: '7010632391' },
  { name: 'line break after the hyphen', written: '850709-\n9805', digits: D },
  { name: 'line break before the hyphen', written: '850709\n-9805', digits: D },
  { name: 'line break, no hyphen', written: '850709\n9805', digits: D },
  { name: 'page break after the hyphen', written: '850709-\f9805', digits: D },
  { name: 'page break, no hyphen', written: '850709\f9805', digits: D },
];

export interface Place {
  name: string;
  /** 'paragraph': the number is in § 5, which must be held; 'meeting': in the front matter, masked in place. */
  kind: 'paragraph' | 'meeting' | 'file-name';
  build(n: string): { text: string; fileName: string };
}

interface Slots {
  bodyLine: string;
  place: string;
  member: string;
  justering: string;
  heading: string;
  title: string;
  body: string;
  item: string;
  recipient: string;
  document: string;
}

const DEFAULTS: Slots = {
  bodyLine: 'Kommunstyrelsen',
  place: 'Stadshuset, Alingsås, kl. 14:00-16:00',
  member: 'Dragan Dahl (C)',
  justering: 'Stadshuset 2024-03-08',
  heading: '§ 5 2024.011 KS',
  title: 'Yttrande över remiss om vägen',
  body: 'Ett yttrande har kommit in som rör vägen.',
  item: 'Meddela Trafikverket beslutet.',
  recipient: 'Trafikverket',
  document: 'Skrivelse från Trafikverket',
};

export const FILE_NAME = 'alingsas-kommunstyrelsen-2024-03-06.txt';
const FOOTER = 'Justerandes sign                 Utdragsbestyrkande';

export function plantedProtocol(over: Partial<Slots> = {}): string {
  const s = { ...DEFAULTS, ...over };
  const text = `Alingsås kommun
${s.bodyLine}
Protokoll
2024-03-06

Plats och tid              ${s.place}
Beslutande                 Anna Andersson (S) (ordförande)
                           Bertil Berg (M)
                           ${s.member}
Övriga deltagare           Cecilia Ceder (kommunsekreterare)
Utses att justera          Bertil Berg
Justeringens plats och tid ${s.justering}

§ 4 2024.010 KS

Budget 2025
Ärendebeskrivning
Kommunstyrelsen har tagit fram ett förslag till budget.
Beslut
Kommunstyrelsen godkänner förslaget.

${s.heading}

${s.title}
Ärendebeskrivning
${s.body}
Beslut
1. Kommunstyrelsen lämnar yttrandet.
2. ${s.item}
Expedieras till
${s.recipient}
Beslutsunderlag
- ${s.document}
- Tjänsteskrivelse

§ 6 2024.012 KS

Delegationsbeslut
Beslut
Kommunstyrelsen noterar redovisningen.
`;
  return withFurniture(text, s.bodyLine || 'Kommunstyrelsen');
}

/** Footer and page number on every page, the page header again on every page after the first. */
function withFurniture(text: string, body: string): string {
  const pages = text.split('\f');
  return pages
    .map((page, i) => {
      const header = i === 0 ? '' : `${body}\nProtokoll\n2024-03-06\n\n`;
      return `${header}${page}\n\n${FOOTER}\nSida ${i + 1} av ${pages.length}`;
    })
    .join('\f');
}

const inParagraph = (name: string, slot: keyof Slots, wrap: (n: string) => string): Place => ({
  name,
  kind: 'paragraph',
  build: (n) => ({ text: plantedProtocol({ [slot]: wrap(n) }), fileName: FILE_NAME }),
});

const inMeeting = (name: string, slot: keyof Slots, wrap: (n: string) => string): Place => ({
  name,
  kind: 'meeting',
  build: (n) => ({ text: plantedProtocol({ [slot]: wrap(n) }), fileName: FILE_NAME }),
});

export const PLACES: readonly Place[] = [
  inParagraph('title', 'title', (n) => `Yttrande över remiss från ${n}`),
  inParagraph('heading line (and the line after it)', 'heading', (n) => `§ 5 2024.011 KS ${n}`),
  inParagraph('body text', 'body', (n) => `Ett yttrande har kommit in från ${n} som rör vägen.`),
  inParagraph('quoted case number in the body', 'body', (n) => `Se ärende "SN 2024/${n}" om vägen.`),
  inParagraph('decision list item', 'item', (n) => `Meddela ${n} beslutet.`),
  inParagraph('Expedieras till', 'recipient', (n) => n),
  inParagraph('Beslutsunderlag list', 'document', (n) => `Skrivelse från ${n}`),
  inMeeting('attendance (Beslutande)', 'member', (n) => `Dragan Dahl (C) ${n}`),
  inMeeting('meeting header (Plats och tid)', 'place', (n) => `Stadshuset ${n}, kl. 14:00-16:00`),
  inMeeting('justering', 'justering', (n) => `Stadshuset ${n} 2024-03-08`),
  {
    name: 'file name (and the body name and id made from it)',
    kind: 'file-name',
    // No body line in the text: the body comes from the file name, as it did in the attack.
    build: (n) => ({
      text: plantedProtocol({ bodyLine: '' }),
      fileName: `alingsas-kommunstyrelsen-${n}-2024-03-06.txt`,
    }),
  },
];

/** Forms that cannot occur in a place: a file name has no line or page breaks and no "/". */
export function applies(form: Form, place: Place): boolean {
  return place.kind !== 'file-name' || !/[\n\f/]/u.test(form.written);
}

// biome-ignore lint/complexity/useSimpleNumberKeys: the code points of the zero digits read best in hex
const ZERO: Record<number, number> = { 0x30: 0, 0x660: 0, 0x6f0: 0, 0xff10: 0 };

/**
 * Whether `digits` can be read anywhere in `value`: every decimal digit of its JSON (ASCII, Arabic-Indic, full-width)
 * in order, everything else dropped. Independent of the detector under test, and stricter: it also finds the number
 * when it is split by any text at all.
 */
export function readableIn(value: unknown, digits: string): boolean {
  let all = '';
  for (const ch of JSON.stringify(value)) {
    const cp = ch.codePointAt(0) ?? 0;
    for (const zero of Object.keys(ZERO).map(Number)) {
      if (cp >= zero && cp <= zero + 9) all += String(cp - zero);
    }
  }
  return all.includes(digits);
}
