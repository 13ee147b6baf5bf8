import { reflow } from '../../core/text/reflow.ts';
import { originalLink } from '../../core/records/provenance.ts';
import type { Paragraph, SourceInfo, Vote } from '../../core/records/types.ts';
import { voteSummary } from '../../core/render/vote-summary.ts';
import { referencedIds } from '../../published/read-model/index-builder.ts';
import type { FullParagraph } from '../read-model/full-records.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import { citation } from './cite.ts';
import { capitalised, href, html, paragraphs, type Html } from './html.ts';
import { layout } from './layout.ts';
import { readingNote } from './reading-note.ts';

const VOTE_LABEL: Record<string, string> = { yes: 'Ja', no: 'Nej', abstain: 'Avstår', absent: 'Frånvarande' };

/** The permalink page of one §: what was decided, by whom, with votes and reservations, source and a citation. */
export function paragraphPage(snapshot: Snapshot, doc: number, full: FullParagraph): string {
  const index = snapshot.index;
  const s = index.paragraph(doc);
  const p = full.paragraph;
  const m = full.meeting;
  // The permalink as the published files write it (their base URL), so the page and the files agree.
  const permalink = p.permalink;
  const meetingFile = index.parts.meetings.file[index.parts.docs.meeting[doc]!];
  const decisionSection = p.sections.find((x) => x.kind === 'decision');
  const others = p.sections.filter(
    (x) =>
      x !== decisionSection &&
      x.kind !== 'vote' &&
      x.kind !== 'reservation' &&
      x.kind !== 'recipients' &&
      x.kind !== 'documents' &&
      x.text.trim() !== '',
  );
  const content = html`<nav aria-label="Var du är" class="meta"><a href="${href('/', { municipality: s.municipality })}">${s.municipalityName}</a> ›
<a href="${href('/', { municipality: s.municipality, body: s.body })}">${capitalised(s.bodyName)}</a> ›
<a href="/m/${s.meetingId}">Sammanträde ${s.meetingDate}</a></nav>
<article>
<h1>§ ${s.number} ${s.title || '(utan rubrik)'}</h1>
<dl class="facts">
<dt>Kommun</dt><dd>${s.municipalityName}</dd>
<dt>Organ</dt><dd>${capitalised(s.bodyName)}</dd>
<dt>Sammanträde</dt><dd><a href="/m/${s.meetingId}"><time datetime="${s.meetingDate}">${s.meetingDate}</time></a></dd>
${s.caseNumbers.length > 0 ? html`<dt>Diarienummer</dt><dd>${s.caseNumbers.map((c, i) => html`${i > 0 ? ', ' : ''}<a href="${caseHref(c, s.municipality)}">${c}</a>`)}</dd>` : ''}
<dt>Sidor i protokollet</dt><dd>${pagesText(s.pages)}</dd>
${(p.appealLastDay ?? m.appeal?.lastDay) ? html`<dt>Sista dag att överklaga</dt><dd>${p.appealLastDay ?? m.appeal?.lastDay} (beräknad, laglighetsprövning)</dd>` : ''}
${p.corrected ? html`<dt>Rättad</dt><dd><strong>Rättad</strong> ${p.corrected.date}: ${p.corrected.reason}</dd>` : ''}
${p.immediatelyJusterad ? html`<dt>Justering</dt><dd>Omedelbart justerad</dd>` : ''}
${p.redacted ? html`<dt>Sekretess</dt><dd>Text har tagits bort på grund av sekretess${p.redactionBasis ? html` (${p.redactionBasis})` : ''}.</dd>` : ''}
${readingNote('§', p.confidence, m.textLayer?.damaged === true)}
</dl>
<h2>Beslut</h2>
${p.decision.trim() ? paragraphs(reflow(p.decision)) : html`<p class="meta">Paragrafen har ingen beslutstext (till exempel en informationspunkt).</p>`}
${p.votes.length > 0 ? html`<h2>Omröstning</h2>${p.votes.map(voteBlock)}` : ''}
${p.reservations.length > 0 ? html`<h2>Reservationer</h2>${p.reservations.map((r) => html`<h3>${r.by.join(', ') || 'Reservation'}</h3>${paragraphs(reflow(r.text))}`)}` : ''}
${others.map((x) => html`<h2>${x.heading || 'Text'}</h2>${paragraphs(reflow(x.text))}`)}
${p.recipients.length > 0 ? html`<h2>Expedieras till</h2><ul>${p.recipients.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
${p.documents.length > 0 ? html`<h2>Beslutsunderlag</h2><ul>${p.documents.map((d) => html`<li>${d}</li>`)}</ul>` : ''}
${referencesBlock(snapshot, doc, full)}
<h2>Källa</h2>
<p>Protokoll från ${capitalised(s.bodyName)} i ${s.municipalityName} ${s.meetingDate}, ${pagesText(s.pages)}.
Källdokument: <code>${m.source.fileName}</code> (${m.source.pages} sidor, SHA-256 <code>${m.source.sha256}</code>).
${originalBlock(m.source, s.pages[0])}
${meetingFile ? html`<a href="/datasets/${meetingFile}">Sammanträdets publicerade fil (JSON)</a>.` : ''}</p>
<details><summary>Paragrafens hela text, som i protokollet</summary><pre>${p.text}</pre></details>
<h2 id="citera">Citera</h2>
<p class="cite">${citation(s, permalink)}</p>
<h2>Ladda ner</h2>
<ul><li><a href="/v1/paragraphs/${s.id}">JSON</a></li><li><a href="/v1/paragraphs/${s.id}?format=csv">CSV</a></li>
<li><a href="/v1/paragraphs/${s.id}?format=ndjson">NDJSON</a></li></ul>
</article>`;
  return layout(
    {
      title: `§ ${s.number} ${s.title} – ${capitalised(s.bodyName)}, ${s.municipalityName} ${s.meetingDate}`,
      canonical: permalink,
      ...(snapshot.version.snapshot ? { snapshot: snapshot.version.snapshot } : {}),
    },
    content,
  );
}

/** The original where the municipality published it, opened at the § page (`#page=N`), when ingest knew its URL. */
function originalBlock(source: SourceInfo, page: number): Html | string {
  const link = originalLink(source, page > 0 ? page : undefined);
  if (link === undefined) return '';
  const where = source.mediaType === 'application/pdf' && page > 0 ? `, sidan ${page}` : '';
  return html`<a class="original" href="${link}" rel="noopener external">Originalet hos kommunen${where}</a>.`;
}

export function caseHref(caseNumber: string, municipality: string): string {
  return href(`/c/${encodeURIComponent(caseNumber)}`, { municipality });
}

function pagesText([from, to]: [number, number]): string {
  if (from <= 0) return 'okänd sida';
  return to > from ? `s. ${from}–${to}` : `s. ${from}`;
}

function voteBlock(vote: Vote): Html {
  return html`<p><strong>${voteSummary(vote)}</strong></p>
${vote.yesMeans ? html`<p>Ja: ${vote.yesMeans}</p>` : ''}${vote.noMeans ? html`<p>Nej: ${vote.noMeans}</p>` : ''}
${
  vote.roll.length > 0
    ? html`<table><caption class="meta">Röstlängd</caption><thead><tr><th scope="col">Ledamot</th><th scope="col">Parti</th><th scope="col">Röst</th></tr></thead>
<tbody>${vote.roll.map((r) => html`<tr><td>${r.name}</td><td>${r.party ?? ''}</td><td>${VOTE_LABEL[r.vote] ?? r.vote}</td></tr>`)}</tbody></table>`
    : ''
}
${vote.rollMatchesCounts === false ? html`<p class="meta">Obs: röstlängden stämmer inte med de tryckta siffrorna.</p>` : ''}`;
}

function referencesBlock(snapshot: Snapshot, doc: number, full: FullParagraph): Html {
  const p: Paragraph = full.paragraph;
  if (p.references.length === 0) return html``;
  const unit = snapshot.index.unitOfMeeting(snapshot.index.parts.docs.meeting[doc]!);
  const placed = p.references.filter((r) => r.date && r.number);
  const ids = referencedIds(
    { references: p.references, municipality: full.meeting.municipality, body: full.meeting.body },
    unit,
  );
  return html`<h2>Hänvisningar</h2><ul>${p.references.map((r) => {
    const i = placed.indexOf(r);
    const target = i >= 0 ? snapshot.index.paragraphIndex(ids[i]!) : -1;
    return html`<li>${target >= 0 ? html`<a href="/p/${ids[i]!}">${r.raw}</a>` : r.raw}</li>`;
  })}</ul>`;
}
