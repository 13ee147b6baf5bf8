/**
 * Sweden's 290 municipalities (kommuner), by their proper names as used in SCB's list of municipalities.
 * Pure data plus lookups: "alingsas", "Alingsås kommun", "Göteborgs Stad", "Region Gotland" → the proper name.
 * Region Gotland is a municipality with regional tasks (lag 2010:630), hence listed as "Gotland".
 */
import { slugify } from './ids.ts';

export const MUNICIPALITIES: readonly string[] = [
  'Ale',
  'Alingsås',
  'Alvesta',
  'Aneby',
  'Arboga',
  'Arjeplog',
  'Arvidsjaur',
  'Arvika',
  'Askersund',
  'Avesta',
  'Bengtsfors',
  'Berg',
  'Bjurholm',
  'Bjuv',
  'Boden',
  'Bollebygd',
  'Bollnäs',
  'Borgholm',
  'Borlänge',
  'Borås',
  'Botkyrka',
  'Boxholm',
  'Bromölla',
  'Bräcke',
  'Burlöv',
  'Båstad',
  'Dals-Ed',
  'Danderyd',
  'Degerfors',
  'Dorotea',
  'Eda',
  'Ekerö',
  'Eksjö',
  'Emmaboda',
  'Enköping',
  'Eskilstuna',
  'Eslöv',
  'Essunga',
  'Fagersta',
  'Falkenberg',
  'Falköping',
  'Falun',
  'Filipstad',
  'Finspång',
  'Flen',
  'Forshaga',
  'Färgelanda',
  'Gagnef',
  'Gislaved',
  'Gnesta',
  'Gnosjö',
  'Gotland',
  'Grums',
  'Grästorp',
  'Gullspång',
  'Gällivare',
  'Gävle',
  'Göteborg',
  'Götene',
  'Habo',
  'Hagfors',
  'Hallsberg',
  'Hallstahammar',
  'Halmstad',
  'Hammarö',
  'Haninge',
  'Haparanda',
  'Heby',
  'Hedemora',
  'Helsingborg',
  'Herrljunga',
  'Hjo',
  'Hofors',
  'Huddinge',
  'Hudiksvall',
  'Hultsfred',
  'Hylte',
  'Håbo',
  'Hällefors',
  'Härjedalen',
  'Härnösand',
  'Härryda',
  'Hässleholm',
  'Höganäs',
  'Högsby',
  'Hörby',
  'Höör',
  'Jokkmokk',
  'Järfälla',
  'Jönköping',
  'Kalix',
  'Kalmar',
  'Karlsborg',
  'Karlshamn',
  'Karlskoga',
  'Karlskrona',
  'Karlstad',
  'Katrineholm',
  'Kil',
  'Kinda',
  'Kiruna',
  'Klippan',
  'Knivsta',
  'Kramfors',
  'Kristianstad',
  'Kristinehamn',
  'Krokom',
  'Kumla',
  'Kungsbacka',
  'Kungsör',
  'Kungälv',
  'Kävlinge',
  'Köping',
  'Laholm',
  'Landskrona',
  'Laxå',
  'Lekeberg',
  'Leksand',
  'Lerum',
  'Lessebo',
  'Lidingö',
  'Lidköping',
  'Lilla Edet',
  'Lindesberg',
  'Linköping',
  'Ljungby',
  'Ljusdal',
  'Ljusnarsberg',
  'Lomma',
  'Ludvika',
  'Luleå',
  'Lund',
  'Lycksele',
  'Lysekil',
  'Malmö',
  'Malung-Sälen',
  'Malå',
  'Mariestad',
  'Mark',
  'Markaryd',
  'Mellerud',
  'Mjölby',
  'Mora',
  'Motala',
  'Mullsjö',
  'Munkedal',
  'Munkfors',
  'Mölndal',
  'Mönsterås',
  'Mörbylånga',
  'Nacka',
  'Nora',
  'Norberg',
  'Nordanstig',
  'Nordmaling',
  'Norrköping',
  'Norrtälje',
  'Norsjö',
  'Nybro',
  'Nykvarn',
  'Nyköping',
  'Nynäshamn',
  'Nässjö',
  'Ockelbo',
  'Olofström',
  'Orsa',
  'Orust',
  'Osby',
  'Oskarshamn',
  'Ovanåker',
  'Oxelösund',
  'Pajala',
  'Partille',
  'Perstorp',
  'Piteå',
  'Ragunda',
  'Robertsfors',
  'Ronneby',
  'Rättvik',
  'Sala',
  'Salem',
  'Sandviken',
  'Sigtuna',
  'Simrishamn',
  'Sjöbo',
  'Skara',
  'Skellefteå',
  'Skinnskatteberg',
  'Skurup',
  'Skövde',
  'Smedjebacken',
  'Sollefteå',
  'Sollentuna',
  'Solna',
  'Sorsele',
  'Sotenäs',
  'Staffanstorp',
  'Stenungsund',
  'Stockholm',
  'Storfors',
  'Storuman',
  'Strängnäs',
  'Strömstad',
  'Strömsund',
  'Sundbyberg',
  'Sundsvall',
  'Sunne',
  'Surahammar',
  'Svalöv',
  'Svedala',
  'Svenljunga',
  'Säffle',
  'Säter',
  'Sävsjö',
  'Söderhamn',
  'Söderköping',
  'Södertälje',
  'Sölvesborg',
  'Tanum',
  'Tibro',
  'Tidaholm',
  'Tierp',
  'Timrå',
  'Tingsryd',
  'Tjörn',
  'Tomelilla',
  'Torsby',
  'Torsås',
  'Tranemo',
  'Tranås',
  'Trelleborg',
  'Trollhättan',
  'Trosa',
  'Tyresö',
  'Täby',
  'Töreboda',
  'Uddevalla',
  'Ulricehamn',
  'Umeå',
  'Upplands Väsby',
  'Upplands-Bro',
  'Uppsala',
  'Uppvidinge',
  'Vadstena',
  'Vaggeryd',
  'Valdemarsvik',
  'Vallentuna',
  'Vansbro',
  'Vara',
  'Varberg',
  'Vaxholm',
  'Vellinge',
  'Vetlanda',
  'Vilhelmina',
  'Vimmerby',
  'Vindeln',
  'Vingåker',
  'Vårgårda',
  'Vänersborg',
  'Vännäs',
  'Värmdö',
  'Värnamo',
  'Västervik',
  'Västerås',
  'Växjö',
  'Ydre',
  'Ystad',
  'Åmål',
  'Ånge',
  'Åre',
  'Årjäng',
  'Åsele',
  'Åstorp',
  'Åtvidaberg',
  'Älmhult',
  'Älvdalen',
  'Älvkarleby',
  'Älvsbyn',
  'Ängelholm',
  'Öckerö',
  'Ödeshög',
  'Örebro',
  'Örkelljunga',
  'Örnsköldsvik',
  'Östersund',
  'Österåker',
  'Östhammar',
  'Östra Göinge',
  'Överkalix',
  'Övertorneå',
];

/** Lower-cased proper name → proper name ("håbo" → "Håbo"). */
const BY_NAME: ReadonlyMap<string, string> = new Map(MUNICIPALITIES.map((name) => [name.toLowerCase(), name]));

/**
 * Slug → proper name, for input without å/ä/ö or with hyphen for space ("upplands-vasby"). Slugs shared by two
 * municipalities (Habo and Håbo both fold to "habo") are left out: only the exact spelling finds those.
 */
const BY_SLUG: ReadonlyMap<string, string> = uniqueSlugs(MUNICIPALITIES);

function uniqueSlugs(names: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(slugify(name), (counts.get(slugify(name)) ?? 0) + 1);
  return new Map(names.filter((n) => counts.get(slugify(n)) === 1).map((n) => [slugify(n), n]));
}

/** Names used for a municipality that are not "<name> kommun" (the organisation's own name). */
const ALIASES: ReadonlyMap<string, string> = new Map([['region gotland', 'Gotland']]);

/** The organisation word at the end, after a space or dash; no leading quantifier, so a failed match is linear. */
const SUFFIX_WORD_RE = /[\s-](?:kommuns?|stads?|municipality)$/iu;

/** "Lunds kommun" → "Lunds"; the run of spaces/dashes before the word is trimmed by a loop, not a regex quantifier
 * (`/[\s-]+word$/` is quadratic on a long run of "- " without the word, found by the fuzz bench). */
export function withoutMunicipalitySuffix(name: string): string {
  const m = SUFFIX_WORD_RE.exec(name);
  if (!m) return name;
  let end = m.index;
  while (end > 0 && /[\s-]/u.test(name[end - 1]!)) end -= 1;
  return name.slice(0, end);
}

/**
 * The proper name for a municipality written as a name, slug or organisation name ("alingsas", "Alingsås kommun",
 * "Göteborgs Stad", "Lunds kommun"), or undefined when it is not one of the 290.
 */
export function findMunicipality(text: string): string | undefined {
  const name = withoutMunicipalitySuffix(text.trim().replace(/\s+/gu, ' '));
  if (!name) return undefined;
  // Genitive: "Göteborgs Stad", "Lunds kommun". Names already ending in s (Alingsås, Borås) match as they are.
  return lookup(name) ?? (/s$/iu.test(name) ? lookup(name.slice(0, -1)) : undefined);
}

function lookup(name: string): string | undefined {
  const lower = name.toLowerCase();
  return BY_NAME.get(lower) ?? ALIASES.get(lower) ?? BY_SLUG.get(slugify(name));
}

const WORD = String.raw`\p{Lu}[\p{L}]*(?:-\p{Lu}[\p{L}]*)?`;
/** "Alingsås kommuns", "Göteborgs Stad", "Upplands Väsby kommun", "Region Gotland" (one or two capitalised words). */
const ORGANISATION_RE = new RegExp(
  String.raw`(?<![\p{L}-])(?:(${WORD}(?: ${WORD})?) (?:[Kk]ommuns?|KOMMUNS?|[Ss]tads?|STADS?)(?![\p{L}])|(Region Gotland))`,
  'gu',
);

/**
 * The first municipality named as an organisation in `text` ("… på Alingsås kommuns digitala anslagstavla",
 * "Göteborgs Stad"). A two-word match is tried whole first, then by its last word ("Protokoll Lerums kommun").
 */
export function detectMunicipality(text: string): string | undefined {
  for (const m of text.matchAll(ORGANISATION_RE)) {
    if (m[2]) return 'Gotland';
    const words = (m[1] ?? '').split(' ');
    const found =
      findMunicipality(words.join(' ')) ?? (words.length > 1 ? findMunicipality(words.at(-1) ?? '') : undefined);
    if (found) return found;
  }
  return undefined;
}
