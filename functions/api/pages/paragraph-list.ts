import { matchRanges, type ParsedQuery } from '../../core/search/index.ts';
import type { ParagraphSummary } from '../read-model/types.ts';
import { capitalised, html, marked, type Html } from './html.ts';

/**
 * One result in a list of §: title link, where and when, case numbers, the start of the decision, markers. With a
 * search query, the words it matched are marked in the title and the excerpt, so a reader sees why the § was found.
 */
export function paragraphListItem(p: ParagraphSummary, extra?: Html, query?: ParsedQuery): Html {
  const mark = (text: string) => (query ? marked(text, matchRanges(text, query)) : text);
  return html`<li>
<h3><a href="/p/${p.id}">§ ${p.number} ${p.title ? mark(p.title) : '(utan rubrik)'}</a></h3>
<p class="meta">${p.municipalityName} · ${capitalised(p.bodyName)} · <time datetime="${p.meetingDate}">${p.meetingDate}</time>${
    p.caseNumbers.length > 0 ? html` · Dnr ${p.caseNumbers.join(', ')}` : ''
  }</p>
${p.decisionExcerpt ? html`<p>${mark(p.decisionExcerpt)}</p>` : ''}
<p>${p.hasVote ? html`<span class="tag">Votering</span>` : ''}${p.hasReservation ? html`<span class="tag">Reservation</span>` : ''}${
    p.redacted ? html`<span class="tag">Sekretess</span>` : ''
  }${p.immediatelyJusterad ? html`<span class="tag">Omedelbart justerad</span>` : ''}${extra ?? ''}</p>
</li>`;
}
