/** `references`: one row per reference to an earlier decision (e.g. "KF § 12/2023"), joined to `paragraphs`. */
import { field, opt, withoutWithheld, type Row, type TableDef } from '../table.ts';

export const referencesTable: TableDef = {
  name: 'references',
  title: { sv: 'Hänvisningar', en: 'References' },
  description: {
    sv: 'En rad per hänvisning till ett tidigare beslut.',
    en: 'One row per reference to an earlier decision.',
  },
  fields: [
    field('paragraph_id', 'string', 'Paragrafens identitet.', 'Identifier of the paragraph.', {
      constraints: { required: true },
    }),
    field('position', 'integer', 'Ordning inom paragrafen (från 1).', 'Order within the paragraph (from 1).', {
      constraints: { required: true },
    }),
    field('raw', 'string', 'Hänvisningen som tryckt.', 'The reference as printed.'),
    field('body', 'string', 'Organet som fattade det åberopade beslutet.', 'Body that took the referenced decision.'),
    field('date', 'date', 'Datum för det åberopade beslutet.', 'Date of the referenced decision.'),
    field(
      'number',
      'string',
      'Paragrafnummer för det åberopade beslutet.',
      'Paragraph number of the referenced decision.',
    ),
  ],
  primaryKey: ['paragraph_id', 'position'],
  foreignKeys: [{ fields: ['paragraph_id'], reference: { table: 'paragraphs', fields: ['paragraph_id'] } }],
  rows: (_meeting, paragraphs, ctx) =>
    withoutWithheld(paragraphs, ctx).flatMap((p) =>
      p.references.map(
        (r, i): Row => ({
          paragraph_id: p.id,
          position: i + 1,
          raw: r.raw,
          body: opt(r.body),
          date: opt(r.date),
          number: opt(r.number),
        }),
      ),
    ),
};
