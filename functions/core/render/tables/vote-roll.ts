/** `vote_roll`: one row per name in a vote's named roll (voteringslista), joined to `votes` by `vote_id`. */
import { field, opt, withoutWithheld, type Row, type TableDef } from '../table.ts';
import { voteId } from '../vote-summary.ts';

export const voteRollTable: TableDef = {
  name: 'vote_roll',
  title: { sv: 'Voteringslistor', en: 'Vote rolls' },
  description: {
    sv: 'En rad per ledamot i en voteringslista.',
    en: 'One row per member in the named roll of a vote.',
  },
  fields: [
    field('vote_id', 'string', 'Voteringens identitet.', 'Identifier of the vote.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning i listan (från 1).', 'Order in the roll (from 1).', {
      constraints: { required: true },
    }),
    field('name', 'string', 'Namn.', 'Name.'),
    field('party', 'string', 'Parti.', 'Party.'),
    field(
      'vote',
      'string',
      'Röst: yes (ja), no (nej), abstain (avstår), absent (frånvarande).',
      'Vote: yes, no, abstain or absent.',
      {
        constraints: { enum: ['yes', 'no', 'abstain', 'absent'] },
      },
    ),
  ],
  primaryKey: ['vote_id', 'position'],
  foreignKeys: [{ fields: ['vote_id'], reference: { table: 'votes', fields: ['vote_id'] } }],
  rows: (_meeting, paragraphs, ctx) =>
    withoutWithheld(paragraphs, ctx).flatMap((p) =>
      p.votes.flatMap((vote, v) =>
        vote.roll.map(
          (entry, i): Row => ({
            vote_id: voteId(p.id, v),
            position: i + 1,
            name: entry.name,
            party: opt(entry.party),
            vote: entry.vote,
          }),
        ),
      ),
    ),
};
