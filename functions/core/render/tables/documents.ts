/** `documents`: one row per document listed as decision basis (beslutsunderlag), joined to `paragraphs`. */
import { field, withoutWithheld, type Row, type TableDef } from '../table.ts';

export const documentsTable: TableDef = {
  name: 'documents',
  title: { sv: 'Beslutsunderlag', en: 'Supporting documents' },
  description: {
    sv: 'En rad per handling som anges som beslutsunderlag i en paragraf. Bilagor själva ingår inte.',
    en: 'One row per document listed as the basis of a decision. The attachments themselves are not included.',
  },
  fields: [
    field('paragraph_id', 'string', 'Paragrafens identitet.', 'Identifier of the paragraph.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning i listan (från 1).', 'Order in the list (from 1).', {
      constraints: { required: true },
    }),
    field('title', 'string', 'Handlingen som den anges i protokollet.', 'The document as listed in the protocol.'),
  ],
  primaryKey: ['paragraph_id', 'position'],
  foreignKeys: [{ fields: ['paragraph_id'], reference: { table: 'paragraphs', fields: ['paragraph_id'] } }],
  rows: (_meeting, paragraphs, ctx) =>
    withoutWithheld(paragraphs, ctx).flatMap((p) =>
      p.documents.map((title, i): Row => ({ paragraph_id: p.id, position: i + 1, title })),
    ),
};
