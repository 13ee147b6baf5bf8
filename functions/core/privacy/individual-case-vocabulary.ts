/**
 * The words the individual-case detector (individual-case.ts) looks for, in one place so they can be read, reviewed
 * and extended. All patterns are matched case-insensitively on text whose white space is folded to single spaces,
 * and are plain alternations of fixed words (no nested repetition), so matching is linear.
 *
 * Sources for the vocabulary: the laws that make a matter an individual's — socialtjänstlagen (2001:453 and
 * 2025:400: bistånd, placering, familjehem), LSS (1993:387: insatser), LVU (1990:52), LVM (1988:870), föräldrabalken
 * (vårdnad, umgänge, god man, förvaltare, 19 kap. överförmyndare), lag (1997:736) om färdtjänst, lag (2018:222) om
 * bostadsanpassningsbidrag, skollagen (2010:800: mottagande, avstängning, skolplikt), plan- och bygglagen and
 * miljöbalken (tillsyn: föreläggande, förbud, vite, sanktionsavgift) — and the way protocols name them.
 */

/** A phrase that makes a § an individual matter on its own (a decision about one person or household). */
export const INDIVIDUAL_MATTER: readonly string[] = [
  // socialtjänst: bistånd and placement
  'ansökan om bistånd', 'ansökan om ekonomiskt bistånd', 'ansökan om försörjningsstöd', 'bistånd enligt 4 kap',
  'bistånd enligt socialtjänstlagen', 'beviljas bistånd', 'avslag på ansökan', 'återkrav', 'återbetalning av bistånd',
  'placering i familjehem', 'placeras i familjehem', 'familjehemsplacering', 'placering på hvb', 'placering i hvb',
  'placering i jourhem', 'placering på sis', 'placering i stödboende', 'placering av barn', 'placering av ungdom',
  'omplacering', 'jourhemmet', 'familjehemmet', 'familjehemsföräldr', 'kontaktfamilj', 'kontaktperson enligt',
  'medgivande till', 'medgivande att ta emot', 'stadigvarande vård och fostran', 'adoption', 'faderskap', 'föräldraskap',
  'yttrande till tingsrätten', 'yttrande till förvaltningsrätten', 'yttrande till migrationsverket',
  // LVU, LVM
  'vård enligt lvu', 'vård enligt 1 § lvu', 'vård enligt 2 § lvu', 'vård enligt 3 § lvu', 'enligt 2 och 3 §§ lvu',
  'omedelbart omhändertagande', 'omhändertagande', 'upphörande av vård', 'vården ska upphöra', 'flyttningsförbud',
  'umgängesbegränsning', 'begränsning av umgänge', 'hemlighållande av vistelseort', 'vård enligt lvm', 'tvångsvård',
  'övervägande enligt 13 §', 'prövning enligt 13 §',
  // vårdnad, umgänge, föräldrabalken
  'vårdnadsöverflyttning', 'överflyttning av vårdnad', 'vårdnad, boende och umgänge', 'särskilt förordnad vårdnadshavare',
  'vårdnaden om', 'umgänge med',
  // LSS, äldreomsorg
  'insats enligt lss', 'insatser enligt lss', 'ansökan om personlig assistans', 'ansökan om ledsagarservice',
  'ansökan om korttidsvistelse', 'ansökan om bostad med särskild service', 'ansökan om särskilt boende',
  'ansökan om hemtjänst', 'ansökan om daglig verksamhet', 'ansökan om avlösarservice',
  // överförmyndare
  'god man för', 'godmanskap', 'förvaltare för', 'förvaltarskap', 'huvudmannen', 'huvudmannens', 'arvode till god man',
  'entledigande av god man', 'entledigande av förvaltare', 'entledigas som god man', 'spärrat konto', 'uttag från spärrat', 'samtycke till försäljning', 'årsräkning', 'ställföreträdare för',
  // färdtjänst, bostadsanpassning, parkeringstillstånd
  'ansökan om färdtjänst', 'ansökan om riksfärdtjänst', 'färdtjänsttillstånd', 'tillstånd till färdtjänst',
  'beviljas färdtjänst', 'ansökan om bostadsanpassning', 'bostadsanpassningsbidrag', 'bidrag till bostadsanpassning',
  'parkeringstillstånd för rörelsehindrade', 'ansökan om parkeringstillstånd',
  // skola
  'skolplacering', 'mottagande i grundsärskola', 'mottagande i anpassad grundskola', 'mottagande i gymnasiesärskola',
  'mottagande i anpassade gymnasieskola', 'avstängning av elev', 'tillfällig omplacering', 'uppskjuten skolplikt',
  'fullgöra skolplikten', 'skolpliktsbevakning', 'föreläggande mot vårdnadshavare', 'ansökan om skolskjuts',
  'ansökan om tilläggsbelopp', 'hemundervisning',
  // tillsyn of a person (miljö, bygg, livsmedel, alkohol)
  'föreläggande vid vite', 'föreläggande om', 'förbud vid vite', 'vitesföreläggande', 'utdömande av vite', 'rättelseföreläggande',
  'rivningsföreläggande', 'åtgärdsföreläggande', 'byggsanktionsavgift', 'miljösanktionsavgift', 'sanktionsavgift',
  'olovligt byggande', 'olovlig', 'återkallelse av serveringstillstånd', 'varning enligt alkohollagen', 'djurförbud',
  'nedskräpning', 'ovårdad tomt', 'klagomål på',
  // other individual matters
  'avhysning', 'vräkning', 'hyresskuld', 'skuldsanering', 'bostadsförtur', 'förtur till bostad', 'skyddat boende',
  'skyddad identitet', 'lex sarah', 'lex maria', 'avsked', 'disciplinpåföljd', 'skadeståndsanspråk', 'dödsbo',
  'individärende', 'enskilt ärende', 'ärendet avser', 'gällande enskild',
];

/** Law references and matter words that suggest, but do not make, an individual matter. */
export const MATTER_HINTS: readonly string[] = [
  'sol', 'lss', 'lvu', 'lvm', 'föräldrabalken', 'socialtjänstlagen', 'tillsyn', 'vite', 'föreläggande', 'förbud',
  'bistånd', 'försörjningsstöd', 'familjehem', 'placering', 'färdtjänst', 'bostadsanpassning', 'god man', 'förvaltare',
  'överförmyndar', 'sekretess', 'osl 26 kap', '26 kap. 1 §',
];

/** Nouns that refer to one private person in the case (a child, a client, an applicant, a property owner …). */
export const PERSON_ROLES: readonly string[] = [
  'barnet', 'barnets', 'barnen', 'pojken', 'flickan', 'sonen', 'dottern', 'modern', 'fadern', 'mamman', 'pappan',
  'mamma', 'pappa', 'vårdnadshavaren', 'vårdnadshavarna', 'föräldrarna', 'den unge', 'ungdomen', 'klienten',
  'den enskilde', 'sökanden', 'sökande', 'klaganden', 'brukaren', 'patienten', 'eleven', 'elevens', 'mannen',
  'kvinnan', 'makarna', 'sambon', 'fastighetsägaren', 'verksamhetsutövaren', 'tillståndshavaren', 'hyresgästen',
  'dödsboet', 'den avlidne', 'familjen', 'huvudmannen', 'huvudmannens',
]

/**
 * Pronouns for one person, as regex alternatives: capitalised at a sentence start, except "hans", which capitalised
 * is a first name ("Hans Larsson (SD) har avsagt sig …").
 */
export const PERSON_PRONOUNS: readonly string[] = ['[Hh]an', '[Hh]on', 'hans', '[Hh]ennes', '[Hh]onom'];;

/** A title with one of these is about something general (a policy, a plan, money), not one person. */
export const GENERAL_TITLE_WORDS: readonly string[] = [
  'riktlinje', 'policy', 'delegationsordning', 'reglemente', 'taxa', 'taxor', 'avgift', 'budget', 'uppföljning',
  'prognos', 'bokslut', 'årsredovisning', 'delårsrapport', 'verksamhetsplan', 'handlingsplan', 'internkontroll',
  'intern kontroll', 'statistik', 'rapport', 'redovisning', 'strategi', 'program', 'plan för', 'detaljplan',
  'översiktsplan', 'motion', 'medborgarförslag', 'remiss', 'upphandling', 'avtal', 'överenskommelse', 'partnerskap',
  'information', 'anmälningar', 'delegationsbeslut', 'val av', 'genomlysning', 'sammanträdesplan', 'målsättning', 'organisation', 'regler', 'föreskrifter', 'ordning',
];

/** Words that make a pair of capitalised words an organisation, place or body rather than a person. */
export const NOT_A_PERSON_WORDS: ReadonlySet<string> = new Set(
  [
    'kommun', 'kommuns', 'stad', 'stads', 'region', 'regionen', 'län', 'länsstyrelsen', 'förvaltningsrätten',
    'kammarrätten', 'tingsrätten', 'migrationsverket', 'försäkringskassan', 'skatteverket', 'polisen',
    'polismyndigheten', 'socialstyrelsen', 'skolverket', 'skolinspektionen', 'ivo', 'ab', 'hb', 'kb', 'ek', 'för',
    'förening', 'föreningen', 'stiftelse', 'stiftelsen', 'bolag', 'bolaget', 'nämnden', 'nämnd', 'styrelsen',
    'kommunstyrelsen', 'kommunfullmäktige', 'fullmäktige', 'utskott', 'utskottet', 'förvaltning', 'förvaltningen',
    'sverige', 'sveriges', 'svenska', 'europeiska', 'eu', 'skr', 'vgr', 'hvb', 'sis', 'lss', 'lvu', 'lvm', 'sol',
    'osl', 'pbl', 'kl', 'fb', 'beslut', 'beslutsunderlag', 'ärendebeskrivning', 'beredning', 'protokoll',
    'expedieras', 'justerandes', 'utdragsbestyrkande', 'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli',
    'augusti', 'september', 'oktober', 'november', 'december', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag',
    'lördag', 'söndag', 'gatan', 'vägen', 'centrum', 'skola', 'skolan', 'förskola', 'förskolan', 'gymnasium',
    'hus', 'huset', 'gård', 'gården', 'park', 'parken', 'torg', 'torget', 'hamn', 'hamnen', 'energi', 'vatten',
    'bostäder', 'fastigheter', 'kyrka', 'kyrkan', 'församling', 'intresseförening', 'idrottsförening',
  ].map((w) => w.toLowerCase()),
);

/** Words before a name that say the person acts in a role (an elected member or an official), not as a party. */
export const ROLE_TITLES: ReadonlySet<string> = new Set([
  'ordförande', 'ordföranden', 'vice', 'ledamot', 'ledamoten', 'ledamöterna', 'ersättare', 'ersättaren', 'sekreterare',
  'nämndsekreterare', 'kommunsekreterare', 'förvaltningschef', 'förvaltningschefen', 'kommundirektör', 'kommundirektören',
  'socialchef', 'socialchefen', 'enhetschef', 'enhetschefen', 'avdelningschef', 'avdelningschefen', 'handläggare',
  'handläggaren', 'socialsekreterare', 'socialsekreteraren', 'utredare', 'utredaren', 'controller', 'ekonom',
  'ekonomen', 'jurist', 'juristen', 'inspektör', 'inspektören', 'miljöinspektör', 'byggnadsinspektör', 'bygglovshandläggare',
  'rektor', 'rektorn', 'skolchef', 'skolchefen', 'föredragande', 'föredraganden', 'tjänsteperson', 'tjänstepersonen',
  'verksamhetschef', 'verksamhetschefen', 'kommunjurist', 'kommunjuristen', 'samordnare', 'samordnaren', 'chef',
  'kommunalråd', 'kommunalrådet', 'oppositionsråd', 'gruppledare', 'revisor', 'revisorn', 'justerare',
]);
