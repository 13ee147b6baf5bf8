import type { RollEntry, Section, Vote, VoteChoice } from '../../records/types.ts';
import { parseNameList } from './names.ts';
import { rollFromTable } from './vote-table.ts';
import { collapseWhitespace } from '../../text/whitespace.ts';

/**
 * Votes (omröstning, KL 5 kap. 67 §): what ja and nej meant, the counts, and the named roll when printed — either
 * in prose ("… röstar Ja (7).") or as a voteringslista table with X marks. `rollMatchesCounts` compares the two.
 */
export function votesFrom(sections: readonly Section[]): Vote[] {
  // "Omröstning", "Omröstningsresultat", "Voteringslista" printed one after another describe one vote.
  const merged: string[] = [];
  for (let i = 0; i < sections.length; i += 1) {
    const s = sections[i] as Section;
    if (s.kind !== 'vote') continue;
    if (i > 0 && sections[i - 1]?.kind === 'vote' && merged.length > 0) merged[merged.length - 1] += `\n${s.text}`;
    else merged.push(s.text);
  }
  // Most § hold no vote.
  if (merged.length === 0) return [];
  const blocks = merged.flatMap(splitVotes);
  return blocks.map(parseVote).filter((v): v is Vote => v !== undefined);
}

const PROPOSITION_RE = /voteringsproposition/iu;

/** One section may hold several votes, each introduced by its own voteringsproposition. */
function splitVotes(text: string): string[] {
  // A second block starts only at a second line naming a voteringsproposition: with one or none (most sections) the
  // section is one vote, found by two searches instead of a test of every line.
  const first = text.search(PROPOSITION_RE);
  const lineEnd = first < 0 ? -1 : text.indexOf('\n', first);
  if (lineEnd < 0 || !PROPOSITION_RE.test(text.slice(lineEnd))) return text.trim() === '' ? [] : [text];
  const lines = text.split('\n');
  const out: string[][] = [[]];
  for (const line of lines) {
    const current = out[out.length - 1] as string[];
    if (PROPOSITION_RE.test(line) && current.some((l) => PROPOSITION_RE.test(l))) out.push([line]);
    else current.push(line);
  }
  return out.map((b) => b.join('\n')).filter((b) => b.trim() !== '');
}

function parseVote(raw: string): Vote | undefined {
  const flat = collapseWhitespace(raw).trim();
  const vote: Vote = { counts: {}, roll: [], rollMatchesCounts: null, raw };
  meanings(flat, vote);
  proseCounts(flat, vote);
  const table = rollFromTable(raw);
  if (table) {
    vote.roll = table.roll;
    for (const [k, v] of Object.entries(table.totals)) {
      const key = k as keyof Vote['counts'];
      if (vote.counts[key] === undefined) vote.counts[key] = v;
    }
  } else vote.roll = proseRoll(flat);
  vote.rollMatchesCounts = compare(vote);
  const empty = !vote.yesMeans && !vote.noMeans && Object.keys(vote.counts).length === 0 && vote.roll.length === 0;
  return empty ? undefined : vote;
}

/** "Ja för bifall till X och Nej för bifall till Y", or "Ja-röst för X" / "Nej-röst för Y" lines. */
function meanings(flat: string, vote: Vote): void {
  const yes = /\bJa(?:-röst(?:en)?)?\s(?:för|innebär|=)\s/iu.exec(flat);
  if (!yes) return;
  const from = yes.index + yes[0].length;
  const window = flat.slice(from, from + 400);
  const no = /(?:,\s|\s)(?:och\s)?Nej(?:-röst(?:en)?)?\s(?:för|innebär|=)\s/iu.exec(window);
  if (!no) return;
  vote.yesMeans = window.slice(0, no.index).trim().replace(/\.$/u, '');
  const rest = window.slice(no.index + no[0].length);
  const end = rest.search(/["”]|\.\s|\.$/u);
  vote.noMeans = (end >= 0 ? rest.slice(0, end) : rest).trim().replace(/\.$/u, '');
}

const COUNT_PATTERNS: ReadonlyArray<readonly [keyof Vote['counts'], RegExp]> = [
  ['yes', /röstar\sja\s?\((\d{1,3})\)/iu],
  ['no', /röstar\snej\s?\((\d{1,3})\)/iu],
  ['abstain', /avstår[^.()]{0,40}\((\d{1,3})\)/iu],
  ['yes', /(\d{1,3})\sja-?röster/iu],
  ['no', /(\d{1,3})\snej-?röster/iu],
  ['abstain', /(\d{1,3})\s(?:ledamöter\s|ledamot\s)?(?:som\s)?(?:avstår|avstod|avstående)/iu],
  ['absent', /(\d{1,3})\s(?:ledamöter\s|ledamot\s)?(?:som\s)?(?:är\s)?frånvarande/iu],
];

function proseCounts(flat: string, vote: Vote): void {
  for (const [key, re] of COUNT_PATTERNS) {
    const m = re.exec(flat);
    if (m && vote.counts[key] === undefined) vote.counts[key] = Number(m[1]);
  }
}

const PROSE_ROLL: ReadonlyArray<readonly [VoteChoice, RegExp]> = [
  ['yes', /röstar\sja\b/iu],
  ['no', /röstar\snej\b/iu],
  ['abstain', /avstår\sfrån\satt\srösta|avstår\b/iu],
];

/** "A (S), B (V) och ordföranden C (S) röstar Ja (7)." → three yes entries. */
function proseRoll(flat: string): RollEntry[] {
  const roll: RollEntry[] = [];
  for (const sentence of flat.split(/(?<=[.!?]["”]?)\s(?=\p{Lu})/u)) {
    for (const [choice, re] of PROSE_ROLL) {
      const m = re.exec(sentence);
      if (!m || m.index === 0) continue;
      const people = parseNameList(sentence.slice(0, m.index));
      if (people)
        for (const p of people) roll.push({ name: p.name, ...(p.party ? { party: p.party } : {}), vote: choice });
      break;
    }
  }
  return roll;
}

function compare(vote: Vote): boolean | null {
  const keys = (['yes', 'no', 'abstain', 'absent'] as const).filter((k) => vote.counts[k] !== undefined);
  if (vote.roll.length === 0 || keys.length === 0) return null;
  return keys.every((k) => vote.roll.filter((r) => r.vote === k).length === vote.counts[k]);
}
