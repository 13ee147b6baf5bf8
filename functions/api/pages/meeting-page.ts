import { originalLink } from '../../core/records/provenance.ts';
import type { Attendee } from '../../core/records/types.ts';
import type { MeetingDocument } from '../../core/render/records.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import { capitalised, href, html, number, type Html } from './html.ts';
import { layout } from './layout.ts';
import { paragraphListItem } from './paragraph-list.ts';
import { readingNote } from './reading-note.ts';

/** One meeting: when and where, who attended and signed, and its published §. */
export function meetingPage(snapshot: Snapshot, m: number, doc: MeetingDocument): string {
  const index = snapshot.index;
  const s = index.meeting(m);
  const meeting = doc.meeting;
  const first = index.parts.meetings.first[m]!;
  const docs = Array.from({ length: index.parts.meetings.count[m]! }, (_, i) => first + i);
  const time = meeting.time ? [meeting.time.start, meeting.time.end].filter(Boolean).join('–') : '';
  const body = capitalised(s.bodyName);
  const content = html`<nav aria-label="Var du är" class="meta"><a href="${href('/', { municipality: s.municipality })}">${s.municipalityName}</a> ›
<a href="${href('/', { municipality: s.municipality, body: s.body })}">${body}</a></nav>
<h1>${body}, ${s.municipalityName}: sammanträde ${s.date}</h1>
<dl class="facts">
<dt>Datum</dt><dd><time datetime="${s.date}">${s.date}</time>${time ? ` kl. ${time}` : ''}</dd>
${meeting.place ? html`<dt>Plats</dt><dd>${meeting.place}</dd>` : ''}
${meeting.chair ? html`<dt>Ordförande</dt><dd>${meeting.chair}</dd>` : ''}
${meeting.secretary ? html`<dt>Sekreterare</dt><dd>${meeting.secretary}</dd>` : ''}
${meeting.justerare.length > 0 ? html`<dt>Justerare</dt><dd>${meeting.justerare.join(', ')}</dd>` : ''}
${meeting.justering.date || meeting.justering.raw ? html`<dt>Justering</dt><dd>${meeting.justering.date ?? meeting.justering.raw}${meeting.justering.place ? `, ${meeting.justering.place}` : ''}</dd>` : ''}
${meeting.notice.posted ? html`<dt>Anslaget</dt><dd>${meeting.notice.posted}${meeting.notice.removed ? ` – ${meeting.notice.removed}` : ''}</dd>` : ''}
${meeting.appeal ? html`<dt>Sista dag att överklaga</dt><dd>${meeting.appeal.lastDay} (beräknad)</dd>` : ''}
${meeting.paragraphRange ? html`<dt>Paragrafer</dt><dd>${meeting.paragraphRange.raw}</dd>` : ''}
${readingNote('protocol', meeting.confidence, meeting.textLayer?.damaged === true)}
<dt>Källdokument</dt><dd><code>${meeting.source.fileName}</code>, ${meeting.source.pages} sidor${originalLink(meeting.source) ? html` (<a class="original" href="${originalLink(meeting.source)}" rel="noopener external">originalet hos kommunen</a>)` : ''}</dd>
</dl>
${attendanceBlock(meeting.attendance.members, 'Beslutande')}
${attendanceBlock(meeting.attendance.nonServingSubstitutes, 'Ersättare (ej tjänstgörande)')}
${attendanceBlock(meeting.attendance.others, 'Övriga närvarande')}
<h2>Paragrafer (${number(docs.length)})</h2>
${docs.length === 0 ? html`<p>Inga paragrafer från det här sammanträdet är publicerade (de kan hållas inne för granskning av personuppgifter).</p>` : ''}
<ol class="results">${docs.map((d) => paragraphListItem(index.paragraph(d)))}</ol>
<h2>Ladda ner</h2>
<ul><li><a href="/v1/meetings/${s.id}">Sammanträdet som JSON</a></li>
<li><a href="${href('/v1/paragraphs', { meeting: s.id, format: 'csv' })}">Paragraferna som CSV</a></li>
<li><a href="${href('/v1/paragraphs', { meeting: s.id, format: 'csv-excel-sv' })}">Paragraferna som CSV för Excel</a></li></ul>`;
  return layout(
    {
      title: `${body}, ${s.municipalityName} ${s.date}`,
      ...(snapshot.version.snapshot ? { snapshot: snapshot.version.snapshot } : {}),
    },
    content,
  );
}

function attendanceBlock(people: readonly Attendee[], title: string): Html {
  if (people.length === 0) return html``;
  return html`<details><summary>${title} (${people.length})</summary><ul>${people.map(
    (a) =>
      html`<li>${a.name}${a.party ? ` (${a.party})` : ''}${a.role ? `, ${a.role}` : ''}${a.replaces ? `, ersätter ${a.replaces.name}` : ''}${a.paragraphsRaw ? `, ${a.paragraphsRaw}` : ''}</li>`,
  )}</ul></details>`;
}
