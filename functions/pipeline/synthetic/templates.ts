/**
 * Text templates for synthetic protocols, modelled on the real protocols in /work/shared/corpus (Alingsås KS, KF, BUN,
 * SN, TEN 2018–2026 and Göteborg KS 2024): the same kinds of items, phrasing and section structure, with the places,
 * dates, people and numbers replaced by placeholders that the generator fills in:
 *
 *   {kommun} "Alingsås kommun"   {ort} "Alingsås"      {organ} "kommunstyrelsen"   {förvaltning} "kommunledningskontoret"
 *   {år} meeting year            {nästaÅr}             {datum} "20 april 2026"     {belopp} "2,4"
 *   {person} "Anna Lindqvist (S)"  {parti} "S"         {plats} "Stadsskogen"       {nummer} "71"
 *
 * The person names are not taken from the corpus: see people.ts.
 */

/** Items that recur in every kind of body. */
export const TITLES: readonly string[] = [
  'Fördjupad månadsuppföljning {år} för {kommun}',
  'Ekonomisk uppföljning {år}',
  'Uppföljning inriktning budget',
  'Svar på uppföljande granskning av revisionsrapporter från {förraÅr}',
  'Revidering av delegationsordning',
  'Delegationsordning {år}',
  'Förprojektering av överföringsledningar till {plats}',
  'Svar på motion gällande att utreda möjligheten till fler bostäder genom inredning av vindar - {person}',
  'Svar på motion gällande stärkt föreningsliv i {ort} genom anslutning till Bidragsportalen - {person} med flera',
  'Svar på motion gällande stöd till föreningar som nattvandrar - {person} med flera',
  'Svar på motion gällande att införa laddstationer för {ort}s cyklister - {person}',
  'Initiativärende gällande att inrätta en kollektivtrafikdialog - {person}',
  '{plats} etapp {liten}, markanvisningstävling',
  'Detaljplan för {plats} 1:{nummer} med flera, beslut om granskning',
  'Detaljplan för {plats}, beslut om antagande',
  'Övergångsregler för skolskjuts {år}-{slutÅr}',
  'Förändring planeringsområden åk 7-9',
  'Tillgång till och deltagande i förskola',
  'Revidering felparkeringsavgifter',
  'Cykelplan för {kommun}',
  'Genomlysning av {organ} {år}',
  'Överenskommelse om idéburet offentligt partnerskap (IOP) med {plats} intresseförening',
  'Plan för arbetet mot våld i nära relationer {år}-{slutÅr}',
  'Plan för arbetet med civil beredskap {år}–{slutÅr}',
  'Vattentjänstplan {år}-{slutÅr}',
  'Riktlinje för god ekonomisk hushållning, revidering',
  'Riksnorm ekonomiskt bistånd och riktmärken för boendekostnader för {nästaÅr}',
  'Retroaktiv utbetalning och uppräkning av arvoden för förtroendevalda för år {nästaÅr}',
  'Genomförandebeslut avseende byggnation av {plats}skolan',
  'Hemställan från {plats} AB om kapitaltillskott',
  'Remiss från Justitiedepartementet - Ökat informationsflöde mellan myndigheter',
  'Remiss från Klimat- och näringslivsdepartementet om nya energipolitiska mål',
  'Motion av {person} om en hållbar destination med fler besökare',
  'Motion om att se över kriterier för lokalbidrag till föreningar',
  'Val av ledamot i kommunstyrelsens arbetsutskott i stället för {person}',
  'Avsägelse av kommunalt uppdrag som ersättare i {organ} - {person}',
  'Fyllnadsval av ersättare i {organ} efter {person}',
  'Årsredovisning {förraÅr} för {kommun}',
  'Budget {nästaÅr} och flerårsplan {nästaÅr}-{slutÅr}',
  'Taxa för offentlig kontroll inom miljöbalkens område {nästaÅr}',
  'Begäran om avvikelse från dygnsvila inom funktionshinderområdet',
  'Reviderat reglemente för {organ}',
  'Redovisning av uppdrag att utreda hur kommunikationsarbetet kan effektiviseras',
  'Internkontrollplan {nästaÅr}',
  'Lokalförsörjningsplan {nästaÅr}-{slutÅr}',
  'Bygglov för nybyggnad av flerbostadshus, {plats} 2:{nummer}',
  'Föreläggande om åtgärder för enskilt avlopp, {plats} 1:{nummer}',
];

/** Bodies whose items another law decides the appeal route for (KL 13 kap. 3 §): bygglov, miljöbalken. */
export const OTHER_APPEAL_ROUTE = /^(Bygglov|Föreläggande)/u;

export const DESCRIPTIONS: readonly string[] = [
  '{Förvaltning} har tagit fram en uppföljning av verksamhet och ekonomi per den sista april. Prognosen för helåret visar ett underskott på {belopp} miljoner kronor, främst inom försörjningsstöd och placeringar.',
  'Kommunens revisorer har genomfört en uppföljande granskning av de rapporter som lämnades {förraÅr}. Revisorerna önskar svar senast den {datum} på vilka åtgärder som vidtagits.',
  'Det finns idag flera anläggningar i kommundelen som är i behov av större renoveringar eller ombyggnationer. Utifrån detta finns det ett behov av att utreda om anläggningarna bör ersättas med en gemensam lösning.',
  'Förprojekteringen visar att projektet är tekniskt genomförbart samt ekonomiskt försvarbart, men fortsatt arbete krävs för att fördjupa de tekniska detaljerna och säkerställa alla nödvändiga tillstånd.',
  '{person} har i en motion föreslagit att kommunen ska utreda frågan. Motionen har remitterats till {förvaltning} som har lämnat ett yttrande.',
  'I oktober {förraÅr} startades ett regionalt stödcentrum i grannkommunen. Förvaltningen önskar inleda samverkan från och med den 1 januari {år} och ser stora fördelar i att samla all samverkan till ett och samma geografiska område.',
  'Delegationsordningen behöver revideras med anledning av ändrad lagstiftning och förändringar i organisationen. Förslaget innebär i huvudsak redaktionella ändringar.',
  'Detaljplanens syfte är att möjliggöra bostäder och verksamheter i området. Samråd har genomförts och inkomna synpunkter har sammanställts i en samrådsredogörelse.',
  'Ärendet bordlades vid sammanträdet den {datum}. Ärendet återkommer nu för beslut.',
  'Nämnden ska enligt reglementet årligen följa upp verksamhetens mål. Uppföljningen visar att {liten} av målen är uppfyllda och att arbetet med övriga pågår.',
  'Ledamoten {person} har begärt att få bli entledigad från sitt uppdrag. Kommunfullmäktige ska därför välja en ny ledamot för resten av mandatperioden.',
  'Riksnormen för försörjningsstöd fastställs av regeringen. Kommunen ska därutöver fastställa riktmärken för skäliga boendekostnader.',
];

export const PREPARATIONS: readonly string[] = [
  '{Förvaltning} har i skrivelse den {datum} lämnat följande yttrande: Förvaltningen föreslår att ett inriktningsbeslut tas. Beslutet i sig innebär inte ett direkt ställningstagande till investeringar; beslut om investeringar fattas inom respektive årsbudget.',
  '{Förvaltning} har inget ytterligare att tillägga.',
  'Kommunstyrelsens arbetsutskott har den {datum}, § {nummer} behandlat ärendet.',
  '{Förvaltning} bedömer att förslaget är förenligt med gällande lagstiftning och ryms inom befintlig budgetram.',
  'Tekniska nämnden har den {datum}, § {nummer} behandlat ärendet och lämnat förslag till beslut i kommunfullmäktige.',
];

/** Decisions by kind of item (first matching title pattern), so a motion gets a motion's decision. */
export const DECISION_RULES: ReadonlyArray<[RegExp, readonly string[]]> = [
  [
    /motion/iu,
    [
      'Motionen anses besvarad.',
      'Motionen avslås.',
      'Motionen bifalls.',
      'Ärendet bordläggs till sammanträdet den {datum}.',
    ],
  ],
  [/^Detaljplan/u, ['{Organ} antar detaljplanen.', '{Organ} beslutar att detaljplanen ska ställas ut för granskning.']],
  [
    /^Bygglov/u,
    ['{Organ} beviljar bygglov med stöd av 9 kap. 30 § plan- och bygglagen.', '{Organ} avslår ansökan om bygglov.'],
  ],
  [/^Föreläggande/u, ['{Organ} förelägger fastighetsägaren att åtgärda avloppsanläggningen senast den {datum}.']],
  [
    /^(Val|Fyllnadsval|Avsägelse)/u,
    [
      '{Organ} beviljar entledigande och uppdrar åt valberedningen att återkomma med förslag på ersättare.',
      '{person} väljs för tiden till och med den 31 december {slutÅr}.',
    ],
  ],
  [
    /uppföljning|Årsredovisning|Genomlysning/iu,
    ['{Organ} godkänner uppföljningen och lägger den till handlingarna.', '{Organ} godkänner redovisningen.'],
  ],
  [/granskning av revisionsrapporter/u, ['{Organ} antar förslaget till svar och överlämnar det till revisorerna.']],
  [/^Remiss/u, ['{Organ} antar förvaltningens yttrande som sitt eget och översänder det till departementet.']],
];

export const DECISIONS: readonly string[] = [
  '{Organ} föreslår kommunfullmäktige att fastställa förslaget i enlighet med förvaltningens förslag.',
  '{Organ} beslutar i enlighet med förvaltningens förslag.',
  'Ärendet återremitteras till {förvaltning} för komplettering av beslutsunderlaget.',
  'Ärendet bordläggs till sammanträdet den {datum}.',
  '{Organ} antar förslaget och uppdrar åt {förvaltning} att verkställa beslutet.',
];

/** Numbered decisions (beslutspunkter), as in Alingsås KS 2024-02-05 § 28. */
export const DECISION_ITEMS: readonly string[] = [
  '{Kommun} byter samverkanspart från och med den 1 februari {år}.',
  'Kommundirektören får i uppdrag att teckna samverkansavtal.',
  '{Organ} får i uppdrag att detaljprojektera samt bygga överföringsledningar för dricks- och spillvatten.',
  'Investeringsramen utökas med {belopp} miljoner kronor för {år}.',
  'Finansiering sker inom befintlig budgetram.',
  'Beslutet gäller från och med den 1 januari {nästaÅr}.',
  '{Förvaltning} får i uppdrag att återrapportera till {organ} senast i december {år}.',
  'Revisorerna tillställs yttrandet som svar på granskningen.',
];

export const RECIPIENTS: readonly string[] = [
  'Kommunledningskontoret',
  'Ekonomiavdelningen',
  'Samhällsbyggnadsförvaltningen',
  'Socialförvaltningen',
  'Barn- och ungdomsförvaltningen',
  'Kommunens revisorer',
  'Avdelningschef för stadsplaneringsavdelningen',
  'Tekniska nämnden',
  'Kultur- och fritidsnämnden',
  'Länsstyrelsen i Västra Götalands län',
  'Sökanden',
  'KF Handling {år} nr {liten}',
];

export const DOCUMENTS: readonly string[] = [
  'Tjänsteskrivelse - {titel}',
  '§ {nummer} KSAU {titel}',
  '§ {nummer} {förkortning} - {titel}',
  'PM - Uppdaterad jämförelsekalkyl',
  'Samrådsredogörelse',
  'Plankarta och planbeskrivning',
  'Revisionsrapport {förraÅr}',
  'Motion från {person}',
  'Stadsledningskontorets tjänsteutlåtande den {datum}',
];

/** "Förslag till beslut på sammanträdet" / "Yrkanden". */
export const MOTIONS: readonly string[] = [
  '{person} föreslår att ärendet återremitteras för komplettering av beslutsunderlaget.',
  '{person} yrkar bifall till förvaltningens förslag.',
  '{person} yrkar avslag på förslaget.',
  '{person} föreslår följande tillägg till förslag till beslut: "enligt bifogade bilagor".',
];

/** "Beslutsgång" / "Propositionsordning". */
export const PROCEDURES: readonly string[] = [
  'Ordföranden frågar om ärendet ska återremitteras eller avgöras idag och finner att {organ} beslutar att ärendet ska avgöras idag.',
  'Ordföranden ställer proposition på förvaltningens förslag och avslagsyrkandet och finner att {organ} beslutar enligt förvaltningens förslag.',
  'Ordföranden ställer proposition på bifall respektive avslag på tilläggsyrkandet och finner att det avslagits.',
];

export const VOTE_PROPOSITIONS: ReadonlyArray<[string, string]> = [
  ['bifall till ordförandens förslag', 'bifall till avslagsyrkandet'],
  ['avslag', 'bifall till yrkandet från {parti}'],
  ['avgöra ärendet idag', 'återremiss'],
  ['bifall till förvaltningens förslag', 'bifall till tilläggsyrkandet'],
];

export const RESERVATIONS: readonly string[] = [
  '{person} reserverar sig mot beslutet.',
  '{person} reserverar sig mot beslutet till förmån för det egna yrkandet.',
  'Ledamöterna från {parti} reserverar sig mot beslutet till förmån för eget förslag.',
];

export const PLACES: readonly string[] = [
  'Stadsskogen',
  'Bjärke',
  'Sollebrunn',
  'Nolhaga',
  'Erska',
  'Gräfsnäs',
  'Magra',
  'Nolby',
  'Eriksbo',
  'Backa',
  'Kvarnbacken',
  'Ängabo',
  'Hagalund',
  'Lillskogen',
  'Bryggeriet',
  'Östra Hamnen',
  'Rosenlund',
  'Kronogården',
];

export const ADMINISTRATIONS: readonly string[] = [
  'kommunledningskontoret',
  'samhällsbyggnadsförvaltningen',
  'socialförvaltningen',
  'barn- och ungdomsförvaltningen',
  'kultur- och fritidsförvaltningen',
  'ekonomiavdelningen',
  'stadsledningskontoret',
];

export const MEETING_PLACES: readonly string[] = [
  'Stadshuset, Sessionssalen',
  'Kommunhuset, sammanträdesrum 1',
  'Rådhuset, Stora salen',
  'Medborgarhuset, Lilla salen',
  'Digitalt via Teams',
  'Stadshuset, Nolhagarummet',
];

export const REDACTED_TITLE = 'Personalärende';
export const REDACTED_TEXT = 'Borttagen på grund av sekretess enligt 39 kap. 2 § offentlighets- och sekretesslagen.';
