/**
 * KL 13 kap. 3 §: laglighetsprövning does not apply where another law has its own appeal route. A § is marked
 * (`otherAppealRoute`) when it is plainly a decision under such a law, read from its title and its decision only:
 *
 * - plan- och bygglagen (2010:900) 13 kap.: bygglov, rivningslov, marklov, förhandsbesked, and the antagande (or
 *   upphävande) of a detaljplan or områdesbestämmelser; strandskyddsdispens, miljöbalken 7 kap. 18 b §;
 * - socialtjänstlagen (2001:453) 16 kap. 3 §, LSS (1993:387) 27 §, LVU (1990:52) 41 §, LVM (1988:870) 44 §:
 *   decisions about an individual;
 * - miljöbalken (1998:808) 19 kap. 1 §: tillstånd, föreläggande and förbud;
 * - alkohollagen (2010:1622) 10 kap. 1 §: serveringstillstånd;
 * - offentlighets- och sekretesslagen (2009:400) 6 kap. 7–8 §§: a request for an allmän handling.
 *
 * Conservative: the subject must be named (title or decision) and the decision must act on it ("beviljas", "antas",
 * "avslås", "föreläggs" …). Information, motions, policies, fees and opinions on the same subjects ("Information om
 * bygglovsprocessen", "Taxa för bygglov", "Yttrande över ansökan om tillstånd enligt miljöbalken") are decisions under
 * KL and are left unmarked.
 */
interface Route {
  /** The subject, named in the title or the decision (any of these). */
  subject: readonly RegExp[];
  /** What the decision does with it. */
  action: RegExp;
}

/** A whole word (no letter, nor a hyphen, on either side: "LSS-boende" does not name LSS). */
const words = (pattern: string, flags = 'iu'): RegExp => new RegExp(`(?<![\\p{L}-])(?:${pattern})(?![\\p{L}-])`, flags);

const GRANT = String.raw`bevilja\p{L}*|avslå\p{L}*|avslag|meddela\p{L}*|medge\p{L}*|lämna\p{L}*|ges|ger|avvisa\p{L}*|återkalla\p{L}*`;

const ROUTES: readonly Route[] = [
  {
    subject: [
      words(
        String.raw`bygglov(?:et)?|rivningslov(?:et)?|marklov(?:et)?|förhandsbesked(?:et)?|strandskyddsdispens(?:en)?`,
      ),
      words(String.raw`dispens\s+från\s+strandskydd(?:et)?`),
    ],
    action: words(GRANT),
  },
  {
    subject: [words(String.raw`detaljplan(?:en|er|erna)?|områdesbestämmelse(?:r|rna)?`)],
    action: words(String.raw`antar|antas|antagits|antogs|upphäv(?:er|s|des)`),
  },
  {
    // Abbreviations case-sensitively: "sol" is a word.
    subject: [
      words('SoL|LSS|LVU|LVM', 'u'),
      words(String.raw`socialtjänstlagen|lagen\s+(?:\(\d{4}:\d{1,4}\)\s+)?om\s+stöd\s+och\s+service`),
      words(
        String.raw`lagen\s+(?:\(\d{4}:\d{1,4}\)\s+)?med\s+särskilda\s+bestämmelser\s+om\s+vård\s+av\s+(?:unga|missbrukare)`,
      ),
    ],
    action: words(
      String.raw`bevilja\p{L}*|avslå\p{L}*|avslag|omhändert\p{L}*|beredas\s+vård|ansök\p{L}*\s+(?:hos\s+förvaltningsrätten\s+)?om\s+vård|upphör\p{L}*`,
    ),
  },
  {
    subject: [words('miljöbalken'), words('MB', 'u')],
    action: words(String.raw`förelägg\p{L}*|förbjud\p{L}*|${GRANT}`),
  },
  {
    subject: [words(String.raw`serveringstillstånd(?:et)?|alkohollagen`)],
    action: words(String.raw`${GRANT}|varning|erinran`),
  },
  {
    subject: [
      words(String.raw`allmän(?:na)?\s+handling(?:en|ar|arna)?|utlämnande|offentlighets-\s+och\s+sekretesslagen`),
      words('OSL', 'u'),
    ],
    action: words(String.raw`avslå\p{L}*|avslag|bevilja\p{L}*|lämna\p{L}*\s+(?:inte\s+)?ut`),
  },
];

/** Titles of decisions under KL even where they name one of the subjects. */
const KL_MATTER_RE = words(
  String.raw`information(?:en)?|motion(?:en|er)?|medborgarförslag(?:et)?|e-förslag(?:et)?|interpellation(?:en)?|fråga|riktlinje\p{L}*|policy|program(?:met)?|reglemente(?:t)?|delegationsordning(?:en)?|taxa|taxan|taxor|avgift\p{L}*|yttrande|remiss\p{L}*|uppföljning|rapport|redovisning|budget`,
);
/** Decisions that are not the body's own decision on the matter: a proposal to another body, an opinion, a deferral. */
const NOT_DECIDED_RE = words(String.raw`föreslå(?:r|s)|yttrande(?:t|n)?|återremitte\p{L}*|bordlägg\p{L}*`);

/**
 * A word each subject contains: texts without any are ruled out by two literal searches before the subjects, with
 * their word boundaries (which keep the regex engine from skipping ahead), are tried. Words with a common start or
 * end share it (fewer alternatives to try at each position of the text).
 */
const SUBJECT_HINT_RE =
  /(?:bygg|rivnings|mark)lov|förhandsbesked|strandskydd|detaljplan|områdesbestämmelse|s(?:ocialtjänstlagen|töd\s+och\s+service|erveringstillstånd|ekretesslagen)|vård\s+av|miljöbalken|al(?:kohollagen|lmänn?a?\s+handling)|utlämnande/iu;
const ABBREVIATION_HINT_RE = /SoL|LSS|LVU|LVM|MB|OSL/u;

export function hasOtherAppealRoute(title: string, decision: string): boolean {
  if (decision.trim() === '') return false;
  if (!hinted(title) && !hinted(decision)) return false;
  if (KL_MATTER_RE.test(title) || NOT_DECIDED_RE.test(decision)) return false;
  return ROUTES.some((r) => r.action.test(decision) && r.subject.some((re) => re.test(title) || re.test(decision)));
}

function hinted(text: string): boolean {
  return SUBJECT_HINT_RE.test(text) || ABBREVIATION_HINT_RE.test(text);
}
