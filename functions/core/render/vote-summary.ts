/**
 * A one-line Swedish summary of a vote ("Ja 25, Nej 20, Avstår 4") and the id that joins votes to their named roll.
 */
import type { Vote, VoteChoice } from '../records/types.ts';

const LABELS: Array<[VoteChoice, string]> = [
  ['yes', 'Ja'],
  ['no', 'Nej'],
  ['abstain', 'Avstår'],
  ['absent', 'Frånvarande'],
];

/** Shown when a protocol records that a vote took place but prints neither counts nor a roll. */
export const NO_RESULT = 'Resultat ej redovisat';

/** Counts as printed; when the protocol prints only a named roll, the counts are tallied from it. */
export function voteCounts(vote: Vote): Vote['counts'] {
  const printed = LABELS.some(([choice]) => vote.counts[choice] !== undefined);
  if (printed || vote.roll.length === 0) return vote.counts;
  const tally: Vote['counts'] = {};
  for (const entry of vote.roll) tally[entry.vote] = (tally[entry.vote] ?? 0) + 1;
  return tally;
}

export function voteSummary(vote: Vote): string {
  const counts = voteCounts(vote);
  const parts = LABELS.filter(([choice]) => counts[choice] !== undefined).map(
    ([choice, label]) => `${label} ${counts[choice]}`,
  );
  return parts.length > 0 ? parts.join(', ') : NO_RESULT;
}

/** `<paragraph id>-v<n>`, n 1-based in the order the votes are printed in the §. */
export function voteId(paragraphId: string, index: number): string {
  return `${paragraphId}-v${index + 1}`;
}
