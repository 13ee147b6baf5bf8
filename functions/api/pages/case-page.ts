import type { CaseTimeline, TimelineVia } from '../read-model/case-timeline.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import { href, html, type Html } from './html.ts';
import { layout } from './layout.ts';
import { paragraphListItem } from './paragraph-list.ts';

const VIA: Record<TimelineVia, string> = {
  'case-number': 'Har diarienumret',
  reference: 'Hänvisas till',
  'referenced-by': 'Hänvisar hit',
};

/** A case's timeline: the § that carry its number, and those they refer to or that refer to them, oldest first. */
export function casePage(snapshot: Snapshot, timeline: CaseTimeline, municipality?: string): string {
  const index = snapshot.index;
  const many = timeline.municipalities.length > 1;
  const content = html`<h1>Ärende ${timeline.caseNumber}</h1>
<p>Ärendets väg genom nämnder och styrelser, äldst först: paragrafer med diarienumret och paragrafer som de hänvisar till eller som hänvisar till dem.</p>
${
  many
    ? html`<p class="error">Diarienumret förekommer i flera kommuner (${timeline.municipalities.join(', ')}); varje kommun har sin egen nummerserie.
Välj en: ${timeline.municipalities.map((m, i) => html`${i > 0 ? ', ' : ''}<a href="${href(`/c/${encodeURIComponent(timeline.caseNumber)}`, { municipality: m })}">${m}</a>`)}.</p>`
    : ''
}
<h2>Tidslinje</h2>
<ol class="results">${timeline.entries.map((e) => paragraphListItem(index.paragraph(e.doc), html`<span class="tag">${VIA[e.via]}</span>`))}</ol>
${timeline.unresolved.length > 0 ? unresolvedBlock(timeline) : ''}
<p><a href="${href(`/v1/cases/${encodeURIComponent(timeline.caseNumber)}`, { municipality })}">Tidslinjen som JSON</a> ·
<a href="${href('/v1/paragraphs', { caseNumber: timeline.caseNumber, municipality, format: 'csv' })}">Paragraferna med diarienumret som CSV</a></p>`;
  return layout(
    {
      title: `Ärende ${timeline.caseNumber}`,
      ...(snapshot.version.snapshot ? { snapshot: snapshot.version.snapshot } : {}),
    },
    content,
  );
}

function unresolvedBlock(timeline: CaseTimeline): Html {
  return html`<h2>Hänvisningar som inte finns i arkivet</h2><ul>${timeline.unresolved.map((u) => html`<li>${u.raw} <span class="meta">(i <a href="/p/${u.from}">${u.from}</a>)</span></li>`)}</ul>`;
}
