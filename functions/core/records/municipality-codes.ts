/**
 * SCB's municipality codes (kommunkod: two digits of the county, two of the municipality) and each municipality's
 * name for itself, so a table can be joined with official statistics and a citation names the organisation as it
 * names itself ("Göteborgs Stad", "Region Gotland", "Falu kommun").
 *
 * The codes (kept with the names in municipalities.ts) follow SCB's list of municipalities and county codes (unchanged
 * since Knivsta, 0330, in 2003); test/unit/municipality-codes.test.ts checks that every one of the 290 has one
 * distinct code in its county's range.
 */
import { BY_COUNTY, findMunicipality } from './municipalities.ts';

/** Proper name → four-digit kommunkod. */
export const MUNICIPALITY_CODES: ReadonlyMap<string, string> = new Map(
  Object.entries(BY_COUNTY).flatMap(([county, list]) =>
    list.split(',').map((entry) => [entry.slice(3), `${county}${entry.slice(0, 2)}`] as [string, string]),
  ),
);

/** Municipalities that call themselves a city (stad) or region, as they write it. */
const OWN_NAMES: Readonly<Record<string, string>> = {
  Borås: 'Borås Stad',
  Gotland: 'Region Gotland',
  Göteborg: 'Göteborgs Stad',
  Haparanda: 'Haparanda stad',
  Helsingborg: 'Helsingborgs stad',
  Landskrona: 'Landskrona stad',
  Lidingö: 'Lidingö stad',
  Malmö: 'Malmö stad',
  Mölndal: 'Mölndals stad',
  Solna: 'Solna stad',
  Stockholm: 'Stockholms stad',
  Sundbyberg: 'Sundbybergs stad',
  Trollhättan: 'Trollhättans stad',
  Vaxholm: 'Vaxholms stad',
  Västerås: 'Västerås stad',
  // Genitives that do not follow the rule below.
  Falun: 'Falu kommun',
  Orust: 'Orust kommun',
};

/** The kommunkod of a municipality written as a name, slug or organisation name, or undefined. */
export function municipalityCode(text: string): string | undefined {
  const name = findMunicipality(text);
  return name === undefined ? undefined : MUNICIPALITY_CODES.get(name);
}

/**
 * The municipality's name for itself: "Göteborgs Stad", "Region Gotland", "Alingsås kommun", "Uppsala kommun". The
 * organisation takes the genitive: -s after a consonant, nothing after a vowel or s/x/z. A name that is not one of the
 * 290 comes back as it was written.
 */
export function municipalityOwnName(text: string): string {
  const name = findMunicipality(text);
  if (name === undefined) return text;
  const own = OWN_NAMES[name];
  if (own) return own;
  return `${/[aeiouyåäösxz]$/iu.test(name) ? name : `${name}s`} kommun`;
}
