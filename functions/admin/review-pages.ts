import type { ReviewDetail, ReviewItem, SiteSettings } from '../pipeline/use-cases.ts';
import { html, paragraphs, type Html } from '../api/pages/html.ts';
import { holdReason, reviewState } from './labels.ts';

/** The review queue: what waits for a person, and what was decided, with who and why. */
export function reviewListPage(items: ReviewItem[]): Html {
  return html`<h1>Granskning</h1>
<p>Paragrafer som integritetsspärren höll inne. Inget av detta publiceras förrän någon frisläpper det.</p>
${
  items.length === 0
    ? html`<p>Inget väntar på granskning.</p>`
    : html`<table><thead><tr><th>Status</th><th>Paragraf</th><th>Varför</th><th>Rubrik</th></tr></thead><tbody>
${items.map(
  (
    i,
  ) => html`<tr><td>${reviewState(i.state)}</td><td><a href="/admin/granskning/${i.paragraphId}">§ ${i.number} ${i.meetingId}</a></td>
<td>${i.reasons.map(holdReason).join(', ')}${i.signals.length > 0 ? html` <span class="meta">(${i.signals.join(', ')})</span>` : ''}</td><td>${i.title}</td></tr>`,
)}
</tbody></table>`
}`;
}

/** One held § in full, with the forms to release it (masking texts) or reject it. */
export function reviewDetailPage(d: ReviewDetail, csrf: string): Html {
  const { item, paragraph, decision } = d;
  const open = item.state === 'held' || item.state === 'changed-since-release';
  return html`<h1>§ ${item.number} ${item.title}</h1>
<dl class="facts">
<dt>Status</dt><dd>${reviewState(item.state)}</dd>
<dt>Sammanträde</dt><dd><a href="/admin/sammantraden/${item.meetingId}">${item.meetingId}</a></dd>
<dt>Varför inne</dt><dd>${item.reasons.map(holdReason).join(', ') || '–'}${item.signals.length > 0 ? html` (${item.signals.join(', ')})` : ''}</dd>
${item.findings.length > 0 ? html`<dt>Nummer i</dt><dd>${[...new Set(item.findings.map((f) => f.field))].join(', ')}</dd>` : ''}
</dl>
${decision && decision.history.length > 0 ? html`<h2>Beslut</h2><ul>${decision.history.map((e) => html`<li>${e.at}: ${e.action} av ${e.by}${e.reason ? html` – ${e.reason}` : ''}${e.basis ? html` (stöd: ${e.basis})` : ''}</li>`)}</ul>` : ''}
<h2>Text som den hölls inne</h2>
${paragraph ? html`<div class="cite">${paragraphs(paragraph.text)}</div>` : html`<p>Texten sparas inte.</p>`}
${
  open
    ? html`<h2>Frisläpp</h2>
<form class="stack" method="post" action="/admin/granskning/${item.paragraphId}/frislapp">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="redactions">Text att maskera, en per rad (ersätts med "[uppgift borttagen]" överallt i paragrafen)</label>
<textarea id="redactions" name="redactions"></textarea>
<label for="basis">Lagstöd för maskeringen, t.ex. OSL 26 kap. 1 §</label>
<input id="basis" name="basis" maxlength="200">
<button type="submit">Frisläpp för publicering</button>
</form>`
    : ''
}
${item.state === 'released' ? withdrawForm(item.paragraphId, csrf) : ''}
${
  item.state !== 'rejected' && item.state !== 'withdrawn' && item.state !== 'released'
    ? html`<h2>Avvisa</h2>
<form class="stack" method="post" action="/admin/granskning/${item.paragraphId}/avvisa">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="reason">Skäl (krävs)</label>
<input id="reason" name="reason" required maxlength="500">
<button type="submit" class="danger">Avvisa: publiceras aldrig</button>
</form>`
    : ''
}`;
}

/** Take back a published §: kept out of every later version, and its published bytes erased at the next publish. */
export function withdrawForm(paragraphId: string, csrf: string): Html {
  return html`<h2>Återkalla</h2>
<form class="stack" method="post" action="/admin/granskning/${paragraphId}/aterkalla">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="withdraw-reason">Skäl (krävs; sparas internt, publiceras aldrig)</label>
<input id="withdraw-reason" name="reason" required maxlength="500">
<button type="submit" class="danger">Återkalla: tas bort från webbplatsen och data vid nästa publicering</button>
</form>`;
}

/** Base URL and publisher; saving publishes the metadata that depends on them at once. */
export function settingsPage(s: SiteSettings, csrf: string, problems: readonly string[] = []): Html {
  return html`<h1>Inställningar</h1>
${problems.length > 0 ? html`<div class="problem" role="alert"><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="/admin/installningar">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="baseUrl">Webbplatsens adress (alla permalänkar börjar med den)</label>
<input id="baseUrl" name="baseUrl" type="url" value="${s.baseUrl ?? ''}" placeholder="https://data.kommun.se">
<label for="publisherName">Utgivare (kommunens namn)</label>
<input id="publisherName" name="publisherName" value="${s.publisher.name ?? ''}" maxlength="200">
<label for="organisationNumber">Organisationsnummer (krävs för dataportal.se)</label>
<input id="organisationNumber" name="organisationNumber" value="${s.publisher.organisationNumber ?? ''}" placeholder="212000-0000" maxlength="11">
<label for="contactEmail">Kontaktadress för datamängden</label>
<input id="contactEmail" name="contactEmail" type="email" value="${s.publisher.contactEmail ?? ''}">
<button type="submit">Spara och publicera</button>
</form>
${s.changedBy ? html`<p class="meta">Senast ändrat av ${s.changedBy} ${s.changedAt ?? ''}.</p>` : ''}`;
}
