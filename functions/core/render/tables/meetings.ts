/** `meetings`: one row per meeting; the other tables join to it by `meeting_id`. */
import type { Meeting } from '../../records/types.ts';
import { field, opt, withoutWithheld, type Row, type TableDef } from '../table.ts';

export const meetingsTable: TableDef = {
  name: 'meetings',
  title: { sv: 'Sammanträden', en: 'Meetings' },
  description: {
    sv: 'En rad per sammanträde (protokoll).',
    en: 'One row per meeting (protocol).',
  },
  fields: [
    field(
      'meeting_id',
      'string',
      'Stabil identitet: kommun-organ-datum.',
      'Stable identifier: municipality-body-date.',
      {
        constraints: { required: true, unique: true },
      },
    ),
    field('municipality', 'string', 'Kommun.', 'Municipality.'),
    field('body', 'string', 'Organ, som i protokollet.', 'Body, as printed.'),
    field('date', 'date', 'Sammanträdesdag.', 'Date of the meeting.'),
    field('time_start', 'string', 'Starttid (TT:MM).', 'Start time (HH:MM).'),
    field('time_end', 'string', 'Sluttid (TT:MM).', 'End time (HH:MM).'),
    field('place', 'string', 'Plats.', 'Place.'),
    field('chair', 'string', 'Ordförande.', 'Chair.'),
    field('secretary', 'string', 'Sekreterare.', 'Secretary.'),
    field('justerare', 'list', 'Utsedda att justera protokollet.', 'Members appointed to sign off the minutes.'),
    field('justering_date', 'date', 'Dag för justering.', 'Date the minutes were signed off.'),
    field('notice_posted', 'date', 'Anslaget på anslagstavlan.', 'Date the notice was posted.'),
    field('notice_removed', 'date', 'Anslaget tas ned.', 'Date the notice is removed.'),
    field(
      'appeal_last_day',
      'date',
      'Beräknad sista dag för laglighetsprövning (KL 13 kap. 5 §).',
      'Computed last day to appeal (judicial review).',
    ),
    field('paragraph_range', 'string', 'Paragrafer som tryckt, t.ex. "§§94-110".', 'Paragraph range as printed.'),
    field('paragraph_count', 'integer', 'Antal publicerade paragrafer.', 'Number of published paragraphs.'),
    field(
      'confidence',
      'number',
      'Hur säkert protokollet lästes (0–1); under 0,5 kan mallen vara okänd.',
      'How reliably the protocol was read (0–1); below 0.5 its template may be unfamiliar.',
    ),
    field(
      'text_layer_damaged',
      'boolean',
      'Sant om PDF:ens textlager verkar skadat (felstavade rubriker möjliga).',
      'True when the PDF text layer looks damaged (misspelt titles possible).',
    ),
    field('source_file_name', 'string', 'Källdokumentets filnamn.', 'File name of the source document.'),
    field('source_sha256', 'string', 'SHA-256 för källdokumentet.', 'SHA-256 of the source document.'),
    field('source_pages', 'integer', 'Antal sidor i källdokumentet.', 'Number of pages in the source document.'),
    field('source_media_type', 'string', 'Källdokumentets mediatyp.', 'Media type of the source document.'),
  ],
  primaryKey: ['meeting_id'],
  foreignKeys: [],
  rows: (meeting, paragraphs, ctx) => [meetingRow(meeting, withoutWithheld(paragraphs, ctx).length)],
};

function meetingRow(m: Meeting, paragraphCount: number): Row {
  return {
    meeting_id: m.id,
    municipality: m.municipality,
    body: m.body,
    date: m.date,
    time_start: opt(m.time?.start),
    time_end: opt(m.time?.end),
    place: opt(m.place),
    chair: opt(m.chair),
    secretary: opt(m.secretary),
    justerare: [...m.justerare],
    justering_date: opt(m.justering.date),
    notice_posted: opt(m.notice.posted),
    notice_removed: opt(m.notice.removed),
    appeal_last_day: opt(m.appeal?.lastDay),
    paragraph_range: opt(m.paragraphRange?.raw),
    paragraph_count: paragraphCount,
    confidence: opt(m.confidence),
    text_layer_damaged: m.textLayer?.damaged ?? false,
    source_file_name: m.source.fileName,
    source_sha256: m.source.sha256,
    source_pages: m.source.pages,
    source_media_type: m.source.mediaType,
  };
}
