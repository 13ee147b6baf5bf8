/**
 * Sweden's 290 municipalities (kommuner), by their proper names as used in SCB's list of municipalities.
 * Pure data plus lookups: "alingsas", "Alingsås kommun", "Göteborgs Stad", "Region Gotland" → the proper name.
 * Region Gotland is a municipality with regional tasks (lag 2010:630), hence listed as "Gotland".
 */
import { slugify } from './ids.ts';

/**
 * County code → its municipalities' codes (the last two digits of the kommunkod) and proper names, in SCB order. The
 * one list of the 290: the names below and the codes in municipality-codes.ts are both read from it.
 */
export const BY_COUNTY: Readonly<Record<string, string>> = {
  '01': '14 Upplands Väsby,15 Vallentuna,17 Österåker,20 Värmdö,23 Järfälla,25 Ekerö,26 Huddinge,27 Botkyrka,28 Salem,36 Haninge,38 Tyresö,39 Upplands-Bro,40 Nykvarn,60 Täby,62 Danderyd,63 Sollentuna,80 Stockholm,81 Södertälje,82 Nacka,83 Sundbyberg,84 Solna,86 Lidingö,87 Vaxholm,88 Norrtälje,91 Sigtuna,92 Nynäshamn',
  '03': '05 Håbo,19 Älvkarleby,30 Knivsta,31 Heby,60 Tierp,80 Uppsala,81 Enköping,82 Östhammar',
  '04': '28 Vingåker,61 Gnesta,80 Nyköping,81 Oxelösund,82 Flen,83 Katrineholm,84 Eskilstuna,86 Strängnäs,88 Trosa',
  '05': '09 Ödeshög,12 Ydre,13 Kinda,60 Boxholm,61 Åtvidaberg,62 Finspång,63 Valdemarsvik,80 Linköping,81 Norrköping,82 Söderköping,83 Motala,84 Vadstena,86 Mjölby',
  '06': '04 Aneby,17 Gnosjö,42 Mullsjö,43 Habo,62 Gislaved,65 Vaggeryd,80 Jönköping,82 Nässjö,83 Värnamo,84 Sävsjö,85 Vetlanda,86 Eksjö,87 Tranås',
  '07': '60 Uppvidinge,61 Lessebo,63 Tingsryd,64 Alvesta,65 Älmhult,67 Markaryd,80 Växjö,81 Ljungby',
  '08': '21 Högsby,34 Torsås,40 Mörbylånga,60 Hultsfred,61 Mönsterås,62 Emmaboda,80 Kalmar,81 Nybro,82 Oskarshamn,83 Västervik,84 Vimmerby,85 Borgholm',
  '09': '80 Gotland',
  '10': '60 Olofström,80 Karlskrona,81 Ronneby,82 Karlshamn,83 Sölvesborg',
  '12': '14 Svalöv,30 Staffanstorp,31 Burlöv,33 Vellinge,56 Östra Göinge,57 Örkelljunga,60 Bjuv,61 Kävlinge,62 Lomma,63 Svedala,64 Skurup,65 Sjöbo,66 Hörby,67 Höör,70 Tomelilla,72 Bromölla,73 Osby,75 Perstorp,76 Klippan,77 Åstorp,78 Båstad,80 Malmö,81 Lund,82 Landskrona,83 Helsingborg,84 Höganäs,85 Eslöv,86 Ystad,87 Trelleborg,90 Kristianstad,91 Simrishamn,92 Ängelholm,93 Hässleholm',
  '13': '15 Hylte,80 Halmstad,81 Laholm,82 Falkenberg,83 Varberg,84 Kungsbacka',
  '14': '01 Härryda,02 Partille,07 Öckerö,15 Stenungsund,19 Tjörn,21 Orust,27 Sotenäs,30 Munkedal,35 Tanum,38 Dals-Ed,39 Färgelanda,40 Ale,41 Lerum,42 Vårgårda,43 Bollebygd,44 Grästorp,45 Essunga,46 Karlsborg,47 Gullspång,52 Tranemo,60 Bengtsfors,61 Mellerud,62 Lilla Edet,63 Mark,65 Svenljunga,66 Herrljunga,70 Vara,71 Götene,72 Tibro,73 Töreboda,80 Göteborg,81 Mölndal,82 Kungälv,84 Lysekil,85 Uddevalla,86 Strömstad,87 Vänersborg,88 Trollhättan,89 Alingsås,90 Borås,91 Ulricehamn,92 Åmål,93 Mariestad,94 Lidköping,95 Skara,96 Skövde,97 Hjo,98 Tidaholm,99 Falköping',
  '17': '15 Kil,30 Eda,37 Torsby,60 Storfors,61 Hammarö,62 Munkfors,63 Forshaga,64 Grums,65 Årjäng,66 Sunne,80 Karlstad,81 Kristinehamn,82 Filipstad,83 Hagfors,84 Arvika,85 Säffle',
  '18': '14 Lekeberg,60 Laxå,61 Hallsberg,62 Degerfors,63 Hällefors,64 Ljusnarsberg,80 Örebro,81 Kumla,82 Askersund,83 Karlskoga,84 Nora,85 Lindesberg',
  '19': '04 Skinnskatteberg,07 Surahammar,60 Kungsör,61 Hallstahammar,62 Norberg,80 Västerås,81 Sala,82 Fagersta,83 Köping,84 Arboga',
  '20': '21 Vansbro,23 Malung-Sälen,26 Gagnef,29 Leksand,31 Rättvik,34 Orsa,39 Älvdalen,61 Smedjebacken,62 Mora,80 Falun,81 Borlänge,82 Säter,83 Hedemora,84 Avesta,85 Ludvika',
  '21': '01 Ockelbo,04 Hofors,21 Ovanåker,32 Nordanstig,61 Ljusdal,80 Gävle,81 Sandviken,82 Söderhamn,83 Bollnäs,84 Hudiksvall',
  '22': '60 Ånge,62 Timrå,80 Härnösand,81 Sundsvall,82 Kramfors,83 Sollefteå,84 Örnsköldsvik',
  '23': '03 Ragunda,05 Bräcke,09 Krokom,13 Strömsund,21 Åre,26 Berg,61 Härjedalen,80 Östersund',
  '24': '01 Nordmaling,03 Bjurholm,04 Vindeln,09 Robertsfors,17 Norsjö,18 Malå,21 Storuman,22 Sorsele,25 Dorotea,60 Vännäs,62 Vilhelmina,63 Åsele,80 Umeå,81 Lycksele,82 Skellefteå',
  '25': '05 Arvidsjaur,06 Arjeplog,10 Jokkmokk,13 Överkalix,14 Kalix,18 Övertorneå,21 Pajala,23 Gällivare,60 Älvsbyn,80 Luleå,81 Piteå,82 Boden,83 Haparanda,84 Kiruna',
};

/** The 290 proper names in Swedish alphabetical order (å, ä, ö after z), as SCB lists them. */
export const MUNICIPALITIES: readonly string[] = Object.values(BY_COUNTY)
  .flatMap((list) => list.split(',').map((entry) => entry.slice(3)))
  .sort(new Intl.Collator('sv').compare);

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

const FINAL_S_RE = /s$/iu;

/**
 * The proper name for a municipality written as a name, slug or organisation name ("alingsas", "Alingsås kommun",
 * "Göteborgs Stad", "Lunds kommun"), or undefined when it is not one of the 290.
 */
export function findMunicipality(text: string): string | undefined {
  // Not text/whitespace.ts's collapseWhitespace (a little quicker): the API bundles this module, and its 500 KB budget
  // has no room for that module.
  const name = withoutMunicipalitySuffix(text.trim().replace(/\s+/gu, ' '));
  if (!name) return undefined;
  // Genitive: "Göteborgs Stad", "Lunds kommun". Names already ending in s (Alingsås, Borås) match as they are.
  return lookup(name) ?? (FINAL_S_RE.test(name) ? lookup(name.slice(0, -1)) : undefined);
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

/** What every ORGANISATION_RE match holds: a space and the organisation word, or "Region Gotland". */
const ORGANISATION_HINT_RE = / (?:[Kk]ommun|KOMMUN|[Ss]tad|STAD)|Region Gotland/u;

/**
 * The first municipality named as an organisation in `text` ("… på Alingsås kommuns digitala anslagstavla",
 * "Göteborgs Stad"). A two-word match is tried whole first, then by its last word ("Protokoll Lerums kommun").
 */
export function detectMunicipality(text: string): string | undefined {
  // An exec loop on the module regex (matchAll would clone it and build an iterator); text without the organisation
  // word after a space, or "Region Gotland", holds no match and is ruled out unread.
  if (!ORGANISATION_HINT_RE.test(text)) return undefined;
  ORGANISATION_RE.lastIndex = 0;
  for (let m = ORGANISATION_RE.exec(text); m; m = ORGANISATION_RE.exec(text)) {
    if (m[2]) return 'Gotland';
    const words = (m[1] ?? '').split(' ');
    const found =
      findMunicipality(words.join(' ')) ?? (words.length > 1 ? findMunicipality(words.at(-1) ?? '') : undefined);
    if (found) return found;
  }
  return undefined;
}
