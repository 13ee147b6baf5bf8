/**
 * Does a § concern an identifiable private person in an individual matter (socialtjänst, LSS, LVU, LVM, föräldrabalken,
 * överförmyndare, färdtjänst, bostadsanpassning, skola, tillsyn of a named person …)? Such a § is held for review in
 * any body, not only in the bodies that are reviewed first (SKR's guidance for protocols on the web; dataskyddslagen
 * 2018:218 3 kap.; OSL 26 kap. 1 § for socialtjänst).
 *
 * Two kinds of evidence, and a § is held only when both are there (or when the personal data alone are plenty):
 * - the matter: a phrase that makes it one person's matter ("placering i familjehem", "ansökan om färdtjänst",
 *   "föreläggande vid vite"; individual-case-vocabulary.ts), stronger in the title than in the text;
 * - the person: a private person's name (two or three capitalised words that are not an organisation or place, not
 *   someone who attends the meeting, and not an elected member or official in their role: a party "(S)" or a title
 *   "socialsekreterare" next to it), a street address or postal code, a phone number, an e-mail address, a birth date,
 *   initials or "NN", an age; and role nouns ("barnet", "sökanden", "fastighetsägaren").
 * A title that names something general (riktlinjer, taxa, budget, detaljplan, delegationsordning …) asks for more.
 *
 * Pure, no I/O; returns signal names only, never the text that triggered them (they go into records and logs).
 * Every pattern has a bounded width, so the work is linear in the length of the §.
 */
import type { Meeting, Paragraph } from '../records/types.ts';
import {
  GENERAL_TITLE_WORDS,
  INDIVIDUAL_MATTER,
  MATTER_HINTS,
  NOT_A_PERSON_WORDS,
  PERSON_PRONOUNS,
  PERSON_ROLES,
  ROLE_TITLES,
} from './individual-case-vocabulary.ts';

export type IndividualCaseSignal =
  | 'matter-title'
  | 'matter-text'
  | 'matter-hint'
  | 'general-title'
  | 'name'
  | 'address'
  | 'phone'
  | 'email'
  | 'birth-date'
  | 'initials'
  | 'age'
  | 'role';

export interface IndividualCaseAssessment {
  individual: boolean;
  signals: IndividualCaseSignal[];
}

const IDENTIFYING: readonly IndividualCaseSignal[] = [
  'name',
  'address',
  'phone',
  'email',
  'birth-date',
  'initials',
  'age',
];

function phrases(list: readonly string[], wordStart = true): RegExp {
  const escaped = [...list].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  // Matched on lower-cased text without the 'i' flag: case-folding a long alternation under 'u' is several times slower.
  return new RegExp(
    `${wordStart ? '(?<![\\p{L}\\p{N}])' : ''}(?:${escaped.map((e) => e.toLowerCase()).join('|')})`,
    'u',
  );
}

const MATTER_RE = phrases(INDIVIDUAL_MATTER);
const HINT_RE = phrases(MATTER_HINTS);
/** Also inside compounds: "Arvodesregler", "Egenavgift", "Lägesrapport". */
const GENERAL_RE = phrases(GENERAL_TITLE_WORDS, false);
const ROLE_RE = new RegExp(`${phrases(PERSON_ROLES).source}(?![\\p{L}])`, 'u');
const PRONOUN_RE = new RegExp(`(?<![\\p{L}])(?:${PERSON_PRONOUNS.join('|')})(?![\\p{L}])`, 'u');

const STREET =
  '(?:gatan|gata|vägen|väg|gränd|gränden|stigen|backen|torget|platsen|allén|leden|slingan|liden|ringen|stråket|plan)';
const PATTERNS: ReadonlyArray<[IndividualCaseSignal, RegExp]> = [
  // The street-name suffix first, then a look back for the rest of the word: trying every start is ten times slower.
  ['address', new RegExp(`(?<=\\p{L}{2})${STREET} \\d{1,4} ?[A-Za-z]?(?![\\p{L}\\d])`, 'u')],
  ['address', /(?<!\d)(?<!\d )\d{3} ?\d{2} \p{Lu}\p{Ll}{2,30}(?![\p{L}])/u],
  ['phone', /(?<![\d])(?:\+46 ?\(?0?\)? ?\d{1,3}|0\d{1,3})[- ]?\d{2,3}[- ]?\d{2}(?:[- ]?\d{2,3})?(?![\d])/u],
  ['email', /[\p{L}\d._%+-]@[\p{L}\d-]{1,63}\.\p{L}{2,10}/u],
  ['birth-date', /(?<![\p{L}])(?:född|födda|födelsedatum|födelseår|f\.) ?(?:den |år )?\d{1,4}/iu],
  ['initials', /(?<![\p{L}])(?:NN|N\.N\.|XX|\p{Lu}\.\p{Lu}\.)(?![\p{L}])/u],
  [
    'initials',
    /(?<![\p{L}])(?:barn|barnet|person|pojke|pojken|flicka|flickan|elev|eleven|klient|klienten|sökande|huvudman|huvudmannen|ungdom) [A-ZÅÄÖ](?![\p{L}])/u,
  ],
  ['age', /(?<![\d])\d{1,2}(?:-årig|-åring| år gammal| års ålder)/u],
  ['age', /\p{L}, \d{1,2} år(?![\p{L}])/u],
];

/** Names of the people who attend or sign: they appear in § in their role. Lower-case, spaces folded. */
export function peopleInRole(meeting: Meeting): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name && name.trim() !== '') names.add(foldName(name));
  };
  const { attendance } = meeting;
  for (const a of [
    ...attendance.members,
    ...attendance.substitutes,
    ...attendance.nonServingSubstitutes,
    ...attendance.others,
  ]) {
    add(a.name);
    add(a.replaces?.name);
  }
  for (const n of meeting.justerare) add(n);
  add(meeting.chair);
  add(meeting.secretary);
  return names;
}

export function assessIndividualCase(
  paragraph: Paragraph,
  inRole: ReadonlySet<string> = new Set(),
): IndividualCaseAssessment {
  const title = fold(paragraph.title);
  // The verbatim text holds heading, title and every section; the parts are the fallback for a § without it.
  const verbatim =
    paragraph.text.trim() !== ''
      ? paragraph.text
      : [paragraph.heading, paragraph.title, ...paragraph.sections.map((s) => s.text)].join('\n');
  const text = fold(`${paragraph.title}\n${verbatim}`);
  const lowerTitle = title.toLowerCase();
  const lowerText = text.toLowerCase();
  const signals = new Set<IndividualCaseSignal>();
  if (MATTER_RE.test(lowerTitle)) signals.add('matter-title');
  if (MATTER_RE.test(lowerText)) signals.add('matter-text');
  if (HINT_RE.test(lowerText)) signals.add('matter-hint');
  if (GENERAL_RE.test(lowerTitle)) signals.add('general-title');
  if (ROLE_RE.test(lowerText) || PRONOUN_RE.test(text)) signals.add('role');
  for (const [signal, re] of PATTERNS) if (re.test(text)) signals.add(signal);
  if (hasPrivateName(text, inRole)) signals.add('name');
  return { individual: decide(signals), signals: [...signals].sort() };
}

function decide(s: ReadonlySet<IndividualCaseSignal>): boolean {
  const identifying = IDENTIFYING.filter((k) => s.has(k)).length;
  const matter = s.has('matter-title') || s.has('matter-text');
  const general = s.has('general-title');
  // A name is the weakest sign (capitalised words can be a school or a place): alone it needs the matter in the
  // title or a role noun beside it.
  const onlyName = identifying === 1 && s.has('name');
  if (matter && identifying >= (general ? 2 : 1) && !(onlyName && !s.has('matter-title') && !s.has('role')))
    return true;
  if (matter && s.has('role') && !general) return true;
  if (s.has('matter-hint') && identifying >= 2) return true;
  if (s.has('matter-hint') && s.has('role') && identifying >= 1 && !general) return true;
  // Without any matter: a private person's contact details or birth date next to other personal data.
  if (identifying >= 2 && CONTACT.some((k) => s.has(k))) return true;
  return identifying >= 3;
}

const CONTACT: readonly IndividualCaseSignal[] = ['phone', 'email', 'birth-date'];

const CAP_WORD = '\\p{Lu}\\p{Ll}{1,30}(?:-\\p{Lu}\\p{Ll}{1,30})?';
const NAME_RE = new RegExp(`(?<![\\p{L}])(${CAP_WORD}) (${CAP_WORD})(?: (${CAP_WORD}))?(?![\\p{L}])`, 'gu');
const PLACE_SUFFIX =
  /(?:nämnd|nämnden|styrelse|styrelsen|förvaltning|förvaltningen|kommun|kommuns|skola|skolan|gatan|vägen|bolag|bolaget|förening|föreningen|centrum|rådet|verket|myndighet|myndigheten|rätten|huset|gården|parken|torget|hamnen|området|kyrkan|sjukhus|sjukhuset|stad|stads|län|läns|region|enhet|enheten|boende|boendet|hem|hemmet|bygg|byggnad|bestämmelser|avtal|avtalet|plan|planen|programmet|policy)s?$/iu;
/** Capitalised adjectives that begin names of places, agreements and organisations ("Västra Bodarna", "Allmänna bestämmelser"). */
const ADJECTIVES: ReadonlySet<string> = new Set([
  'västra',
  'östra',
  'norra',
  'södra',
  'stora',
  'lilla',
  'nya',
  'gamla',
  'övre',
  'nedre',
  'allmänna',
  'svenska',
  'kommunala',
  'regionala',
  'nationella',
  'centrala',
  'gemensamma',
  'särskilda',
  'sociala',
  'tekniska',
  'kungliga',
  'statens',
  'sveriges',
  'europeiska',
  'internationella',
  'förenade',
  'heliga',
  'sankt',
  's:t',
]);
const SURNAME_SUFFIX =
  /(?:son|sson|berg|ström|lund|gren|qvist|kvist|dahl|holm|lin|stedt|blad|man|ander|ell|ius|én|éus|ik|ić|ović|ski|ska|ez|es|ov|ova|i|y)$/iu;
const PARTY_OR_ROLE_AFTER = /^ ?\((?:[A-ZÅÄÖ]{1,3}|-|[\p{Ll} ]{3,40})\)/u;

/** A private person's name: capitalised words that are not an organisation, a place, or someone in their role. */
function hasPrivateName(text: string, inRole: ReadonlySet<string>): boolean {
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(text); m !== null; m = NAME_RE.exec(text)) {
    const words = m.slice(1).filter((w): w is string => w !== undefined);
    // Resume after the first word, so "Kent Perciwall Anna Berg" is tried as pairs from every word.
    NAME_RE.lastIndex = m.index + (words[0]?.length ?? 1) + 1;
    if (looksLikeName(text, m.index, words, m.index + m[0].length, inRole)) return true;
  }
  return false;
}

function looksLikeName(text: string, at: number, words: string[], end: number, inRole: ReadonlySet<string>): boolean {
  const lower = words.map((w) => w.toLowerCase());
  if (lower.some((w) => NOT_A_PERSON_WORDS.has(w) || PLACE_SUFFIX.test(w))) return false;
  if (ADJECTIVES.has(lower[0] ?? '')) return false;
  const full = foldName(words.join(' '));
  if (inRole.has(full) || inRole.has(foldName(words.slice(0, 2).join(' ')))) return false;
  if (PARTY_OR_ROLE_AFTER.test(text.slice(end, end + 44))) return false;
  const before = text.slice(Math.max(0, at - 40), at);
  const previousWord = /([\p{L}]+)[ ,:]*$/u.exec(before)?.[1]?.toLowerCase();
  if (previousWord !== undefined && ROLE_TITLES.has(previousWord)) return false;
  // At the start of a sentence or a line any word is capitalised: there a name needs a surname-like last word or to
  // be the subject of a verb ("Ahmed Hassan har …").
  const sentenceStart = /(?:^|[.!?\n]) *$/u.test(before);
  return (
    !sentenceStart || SURNAME_SUFFIX.test(lower[lower.length - 1] ?? '') || /^,? \p{Ll}/u.test(text.slice(end, end + 3))
  );
}

/** White space folded to single spaces (line breaks kept), so phrases match across wrapped lines. */
function fold(text: string): string {
  return text
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ ?\n ?/gu, '\n')
    .replace(/(?<=\p{L})-\n(?=\p{Ll})/gu, '')
    .replace(/\n(?=\p{Ll})/gu, ' ');
}

function foldName(name: string): string {
  return name.replace(/\s+/gu, ' ').trim().toLowerCase();
}
