/** `paragraphs`: one row per published §, the table most users want. */
import type { Meeting, Paragraph } from '../../records/types.ts';
import { field, opt, permalink, withoutWithheld, type RenderContext, type Row, type TableDef } from '../table.ts';
import { voteSummary } from '../vote-summary.ts';

export const paragraphsTable: TableDef = {
  name: 'paragraphs',
  title: { sv: 'Paragrafer', en: 'Paragraphs' },
  description: {
    sv: 'En rad per paragraf (§) i ett publicerat sammanträdesprotokoll.',
    en: 'One row per paragraph (§) of a published meeting protocol.',
  },
  fields: [
    field('paragraph_id', 'string', 'Stabil identitet för paragrafen.', 'Stable identifier of the paragraph.', {
      constraints: { required: true, unique: true },
    }),
    field('permalink', 'string', 'Permanent webbadress till paragrafen.', 'Permanent URL of the paragraph.', {
      format: 'uri',
    }),
    field('meeting_id', 'string', 'Sammanträdets identitet.', 'Identifier of the meeting.', {
      constraints: { required: true },
    }),
    field('municipality', 'string', 'Kommun.', 'Municipality.'),
    field(
      'body',
      'string',
      'Organ (t.ex. kommunstyrelsen), som i protokollet.',
      'Body (e.g. the executive board), as printed.',
    ),
    field('meeting_date', 'date', 'Sammanträdesdag.', 'Date of the meeting.'),
    field('number', 'string', 'Paragrafnummer som tryckt.', 'Paragraph number as printed.'),
    field('case_numbers', 'list', 'Diarienummer, normaliserade.', 'Case numbers (diarienummer), normalised.'),
    field('title', 'string', 'Ärendets rubrik.', 'Title of the item.'),
    field('decision', 'string', 'Beslutstexten, ordagrant.', 'The decision text, verbatim.'),
    field(
      'decision_items',
      'list',
      'Beslutspunkterna i ordning (utan numrering).',
      'The decision items in order (without labels).',
    ),
    field('recipients', 'list', 'Protokollsutdrag skickas till.', 'Recipients of the extract (expedieras till).'),
    field(
      'vote_summary',
      'list',
      'Voteringsresultat, en post per votering.',
      'Result of each vote, one item per vote.',
    ),
    field('reservation', 'boolean', 'Sant om någon reserverade sig.', 'True when a member entered a formal dissent.'),
    field(
      'redacted',
      'boolean',
      'Sant om text tagits bort på grund av sekretess.',
      'True when text was removed for secrecy.',
    ),
    field(
      'redaction_basis',
      'string',
      'Rättslig grund för det som tagits bort, t.ex. "OSL 26 kap. 1 §", när den är angiven.',
      'Legal basis for what was removed, e.g. "OSL 26 kap. 1 §", when given.',
    ),
    field(
      'immediately_justerad',
      'boolean',
      'Sant om paragrafen justerades omedelbart.',
      'True when the paragraph was signed off at once.',
    ),
    field(
      'other_appeal_route',
      'boolean',
      'Sant om annan överklagandeväg än laglighetsprövning kan gälla (KL 13 kap. 3 §).',
      'True when an appeal route other than judicial review may apply.',
    ),
    field(
      'appeal_last_day',
      'date',
      'Beräknad sista dag för laglighetsprövning (KL 13 kap. 5 §).',
      'Computed last day to appeal (judicial review).',
    ),
    field(
      'confidence',
      'number',
      'Hur säkert paragrafen lästes (0–1); under 0,5 bör en människa granska den.',
      'How reliably the paragraph was read (0–1); below 0.5 a person should check it.',
    ),
    field('source_file_name', 'string', 'Källdokumentets filnamn.', 'File name of the source document.'),
    field('source_sha256', 'string', 'SHA-256 för källdokumentet.', 'SHA-256 of the source document.'),
    field(
      'source_page',
      'integer',
      'Sida i källdokumentet där paragrafen börjar.',
      'Page of the source document where the paragraph starts.',
    ),
    field('source_page_end', 'integer', 'Sida där paragrafen slutar.', 'Page where the paragraph ends.'),
  ],
  primaryKey: ['paragraph_id'],
  foreignKeys: [{ fields: ['meeting_id'], reference: { table: 'meetings', fields: ['meeting_id'] } }],
  rows: (meeting, paragraphs, ctx) => withoutWithheld(paragraphs, ctx).map((p) => paragraphRow(meeting, p, ctx)),
};

function paragraphRow(meeting: Meeting, p: Paragraph, ctx: RenderContext): Row {
  return {
    paragraph_id: p.id,
    permalink: permalink(ctx, p.id),
    meeting_id: meeting.id,
    municipality: meeting.municipality,
    body: meeting.body,
    meeting_date: meeting.date,
    number: p.number,
    case_numbers: p.caseNumbers.map((c) => c.normalized),
    title: p.title,
    decision: p.decision,
    decision_items: p.decisionItems.map((d) => d.text),
    recipients: [...p.recipients],
    vote_summary: p.votes.map(voteSummary),
    reservation: p.reservations.length > 0,
    redacted: p.redacted,
    redaction_basis: opt(p.redactionBasis),
    immediately_justerad: p.immediatelyJusterad,
    other_appeal_route: p.otherAppealRoute ?? false,
    // Every § of a meeting shares the notice date, so the meeting's deadline applies unless the § has its own.
    appeal_last_day: opt(p.appealLastDay ?? meeting.appeal?.lastDay),
    // Records stored before confidence existed have none: null, not a guess.
    confidence: opt(p.confidence),
    source_file_name: meeting.source.fileName,
    source_sha256: meeting.source.sha256,
    source_page: p.pages[0],
    source_page_end: p.pages[1],
  };
}
