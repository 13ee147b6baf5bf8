/** `decision_items`: one row per numbered/bulleted decision item (beslutspunkt), joined to `paragraphs`. */
import { field, withoutWithheld, type Row, type TableDef } from '../table.ts';

export const decisionItemsTable: TableDef = {
  name: 'decision_items',
  title: { sv: 'Beslutspunkter', en: 'Decision items' },
  description: {
    sv: 'En rad per beslutspunkt i en paragrafs beslut.',
    en: 'One row per item of a paragraph’s decision.',
  },
  fields: [
    field('paragraph_id', 'string', 'Paragrafens identitet.', 'Identifier of the paragraph.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning inom beslutet (från 1).', 'Order within the decision (from 1).', {
      constraints: { required: true },
    }),
    field(
      'label',
      'string',
      'Numrering som tryckt ("1", "a", "•", "att").',
      'Label as printed ("1", "a", "•", "att").',
    ),
    field('text', 'string', 'Beslutspunktens text.', 'Text of the item.'),
  ],
  primaryKey: ['paragraph_id', 'position'],
  foreignKeys: [{ fields: ['paragraph_id'], reference: { table: 'paragraphs', fields: ['paragraph_id'] } }],
  rows: (_meeting, paragraphs, ctx) =>
    withoutWithheld(paragraphs, ctx).flatMap((p) =>
      p.decisionItems.map(
        (item, i): Row => ({ paragraph_id: p.id, position: i + 1, label: item.label, text: item.text }),
      ),
    ),
};
