/** `votes`: one row per vote (votering) in a §; the named roll is in `vote_roll`, joined by `vote_id`. */
import type { Paragraph, Vote } from '../../records/types.ts';
import { field, opt, withoutWithheld, type Row, type TableDef } from '../table.ts';
import { voteCounts, voteId, voteSummary } from '../vote-summary.ts';

export const votesTable: TableDef = {
  name: 'votes',
  title: { sv: 'Voteringar', en: 'Votes' },
  description: {
    sv: 'En rad per votering. Antal som tryckt; saknas de räknas de från voteringslistan.',
    en: 'One row per vote. Counts as printed; when absent they are tallied from the named roll.',
  },
  fields: [
    field(
      'vote_id',
      'string',
      'Voteringens identitet: paragraf-id följt av -v och ordningsnummer.',
      'Identifier: paragraph id, "-v" and the vote’s number.',
      {
        constraints: { required: true, unique: true },
      },
    ),
    field('paragraph_id', 'string', 'Paragrafens identitet.', 'Identifier of the paragraph.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning inom paragrafen (från 1).', 'Order within the paragraph (from 1).'),
    field('yes_means', 'string', 'Vad en ja-röst innebar.', 'What a yes vote meant.'),
    field('no_means', 'string', 'Vad en nej-röst innebar.', 'What a no vote meant.'),
    field('yes', 'integer', 'Antal ja.', 'Number of yes votes.'),
    field('no', 'integer', 'Antal nej.', 'Number of no votes.'),
    field('abstain', 'integer', 'Antal som avstod.', 'Number of abstentions.'),
    field('absent', 'integer', 'Antal frånvarande.', 'Number absent.'),
    field('roll_count', 'integer', 'Antal namn i voteringslistan.', 'Number of names in the roll.'),
    field(
      'roll_matches_counts',
      'boolean',
      'Stämmer listan med antalen? Tomt om det inte går att jämföra.',
      'Does the roll match the counts? Empty when it cannot be compared.',
    ),
    field(
      'summary',
      'string',
      'Sammanfattning, t.ex. "Ja 25, Nej 20, Avstår 4".',
      'Summary, e.g. "Ja 25, Nej 20, Avstår 4".',
    ),
  ],
  primaryKey: ['vote_id'],
  foreignKeys: [{ fields: ['paragraph_id'], reference: { table: 'paragraphs', fields: ['paragraph_id'] } }],
  rows: (_meeting, paragraphs, ctx) =>
    withoutWithheld(paragraphs, ctx).flatMap((p) => p.votes.map((v, i) => voteRow(p, v, i))),
};

function voteRow(p: Paragraph, vote: Vote, index: number): Row {
  const counts = voteCounts(vote);
  return {
    vote_id: voteId(p.id, index),
    paragraph_id: p.id,
    position: index + 1,
    yes_means: opt(vote.yesMeans),
    no_means: opt(vote.noMeans),
    yes: opt(counts.yes),
    no: opt(counts.no),
    abstain: opt(counts.abstain),
    absent: opt(counts.absent),
    roll_count: vote.roll.length,
    roll_matches_counts: vote.rollMatchesCounts,
    summary: voteSummary(vote),
  };
}
