import type { ParagraphSummary } from '../read-model/types.ts';
import { capitalised, html, type Html } from './html.ts';

/** One result in a list of §: title link, where and when, case numbers, the start of the decision, markers. */
export function paragraphListItem(p: ParagraphSummary, extra?: Html): Html {
  return html`<li>
<h3><a href="/p/${p.id}">§ ${p.number} ${p.title || '(utan rubrik)'}</a></h3>
<p class="meta">${p.municipalityName} · ${capitalised(p.bodyName)} · <time datetime="${p.meetingDate}">${p.meetingDate}</time>${
    p.caseNumbers.length > 0 ? html` · Dnr ${p.caseNumbers.join(', ')}` : ''
  }</p>
${p.decisionExcerpt ? html`<p>${p.decisionExcerpt}</p>` : ''}
<p>${p.hasVote ? html`<span class="tag">Votering</span>` : ''}${p.hasReservation ? html`<span class="tag">Reservation</span>` : ''}${
    p.redacted ? html`<span class="tag">Sekretess</span>` : ''
  }${p.immediatelyJusterad ? html`<span class="tag">Omedelbart justerad</span>` : ''}${extra ?? ''}</p>
</li>`;
}
