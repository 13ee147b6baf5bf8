import type {
  IngestOutcome,
  MeetingPreview,
  PendingMarker,
  QuarantineEntry,
  UploadResult,
} from '../pipeline/use-cases.ts';
import { html, type Html } from '../api/pages/html.ts';
import { changeLabel, holdReason, outcomeLabel, reviewState } from './labels.ts';

/** The sign-in form (local: the key printed by `paragraf serve --admin`). */
export function signInPage(problem?: string): Html {
  return html`<h1>Logga in</h1>
${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
<form class="stack" method="post" action="/admin/logga-in">
<label for="user">Ditt namn (sparas med dina granskningsbeslut)</label>
<input id="user" name="user" autocomplete="name" required maxlength="100">
<label for="token">Inloggningsnyckel</label>
<input id="token" name="token" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Logga in</button>
</form>
<p class="meta">Nyckeln skrivs ut när <code>paragraf serve --admin</code> startar och sparas i datamappen.</p>`;
}

/** The sign-in page when the municipality's identity provider signs people in (Cognito on AWS). */
export function providerSignInPage(problem?: string): Html {
  return html`<h1>Logga in</h1>
${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
<p><a class="button" href="/admin/login">Logga in med kommunens konto</a></p>
<p class="meta">Du skickas till kommunens inloggning och sedan tillbaka hit.</p>`;
}

/** The start page: upload, what waits for publishing, and counts of what needs a person. */
export function overviewPage(v: {
  csrf: string;
  unpublished: PendingMarker[];
  heldCount: number;
  quarantineCount: number;
  /** Files go straight to storage (AWS: presigned URLs from /admin/uppladdning) when the script runs. */
  directUpload?: boolean;
}): Html {
  return html`<h1>Publicera protokoll</h1>
<h2 id="ladda-upp">Ladda upp protokoll</h2>
<form class="stack" method="post" action="/admin/ladda-upp" enctype="multipart/form-data" data-upload${v.directUpload ? html` data-presign="/admin/uppladdning"` : ''}>
<input type="hidden" name="_csrf" value="${v.csrf}">
<div class="drop" data-drop><label for="files">Protokoll (PDF eller text), ett eller flera</label>
<input id="files" name="files" type="file" multiple required accept=".pdf,.txt,application/pdf,text/plain">
<p class="meta">Du kan också dra och släppa filerna här.</p></div>
<label for="noticeDate">Anslagsdag (dag då justeringen anslogs på anslagstavlan, valfri, bara för en fil)</label>
<input id="noticeDate" name="noticeDate" type="date">
<label for="sourceUrl">Adress där kommunen publicerar originalet (valfri, bara för en fil)</label>
<input id="sourceUrl" name="sourceUrl" type="url" placeholder="https://">
<button type="submit">Ladda upp och förhandsgranska</button>
${v.directUpload ? html`<p data-status role="status" aria-live="polite"></p>` : ''}
</form>
<h2>Väntar på publicering</h2>
${
  v.unpublished.length === 0
    ? html`<p>Inget väntar: allt som lästs in är publicerat.</p>`
    : html`<ul>${v.unpublished.map((m) => html`<li><a href="/admin/sammantraden/${m.meetingId}">${m.meetingId}</a> <span class="meta">(${changeLabel(m.change)}, ${m.at})</span></li>`)}</ul>
<form method="post" action="/admin/publicera"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit">Publicera allt som väntar</button></form>`
}
<h2>Behöver en människa</h2>
<ul>
<li><a href="/admin/granskning">${v.heldCount} paragrafer väntar på granskning</a></li>
<li><a href="/admin/karantan">${v.quarantineCount} filer i karantän</a></li>
</ul>`;
}

/** What each uploaded file became, with a link to its preview. */
export function uploadResultPage(results: Array<{ name: string; result?: UploadResult; error?: string }>): Html {
  return html`<h1>Uppladdat</h1>
<table><thead><tr><th>Fil</th><th>Resultat</th><th>Sammanträde</th></tr></thead><tbody>
${results.map(
  (
    r,
  ) => html`<tr><td>${r.name}</td><td>${r.error ? html`<span class="problem">fel: ${r.error}</span>` : r.result && 'queued' in r.result ? html`<span class="ok">Mottagen</span>: läses in inom någon minut och syns sedan under Väntar på publicering` : outcomeCell(r.result!.outcome)}</td>
<td>${r.result && 'outcome' in r.result && r.result.outcome.status !== 'quarantined' ? html`<a href="/admin/sammantraden/${r.result.outcome.meetingId}">Förhandsgranska ${r.result.outcome.meetingId}</a>` : ''}</td></tr>`,
)}
</tbody></table>
<p>Inget är publicerat ännu. Förhandsgranska och publicera från sammanträdets sida.</p>`;
}

function outcomeCell(o: IngestOutcome): Html {
  if (o.status === 'quarantined')
    return html`<span class="warn">${outcomeLabel(o.status)}: ${o.reason}</span> <span class="meta">${o.message}</span>`;
  const held = o.heldCount > 0 ? html`, <span class="warn">${o.heldCount} § hålls inne för granskning</span>` : '';
  return html`<span class="ok">${outcomeLabel(o.status)}</span> (version ${o.version}${held})`;
}

/** A meeting as it will be published: § list with what is held and why, parser warnings, notice dates. */
export function previewPage(p: MeetingPreview, csrf: string): Html {
  const held = p.paragraphs.filter((x) => x.held);
  return html`<h1>Förhandsgranskning: ${p.body} ${p.date}</h1>
<p>${p.pending ? html`<strong class="warn">Inte publicerat än.</strong>` : html`<span class="ok">Publicerat.</span>`}
${p.paragraphs.length} paragrafer, varav ${held.length} hålls inne.</p>
<dl class="facts">
<dt>Kommun</dt><dd>${p.municipality}</dd><dt>Organ</dt><dd>${p.body}</dd><dt>Datum</dt><dd>${p.date}</dd>
<dt>Id</dt><dd><code>${p.meetingId}</code></dd>
<dt>Fil</dt><dd>${p.fileName} (version ${p.version}, inläst ${p.receivedAt})</dd>
${p.replaced ? html`<dt>Rättad</dt><dd>${p.replaced.reason}</dd>` : ''}
${p.sourceUrl ? html`<dt>Original</dt><dd>${p.sourceUrl}</dd>` : ''}
<dt>Anslag enligt protokollet</dt><dd>${p.statedNotice.posted ?? 'anges inte'}</dd>
<dt>Anslagsdag angiven av kommunen</dt><dd>${p.suppliedNotice.posted ?? 'ingen'}${p.suppliedNotice.removed ? html`, nedtagen ${p.suppliedNotice.removed}` : ''}</dd>
<dt>Sista dag att överklaga</dt><dd>${p.appeal ? html`${p.appeal.lastDay} (beräknad från ${p.appeal.basis === 'stated-notice' ? 'protokollets anslagsdag' : 'angiven anslagsdag'} ${p.appeal.noticeDate})` : 'okänd: ange anslagsdagen'}</dd>
<dt>Text</dt><dd>${p.textSource === 'ocr' || p.textSource === 'mixed' ? html`textigenkänning (OCR), medelsäkerhet ${Math.round(p.ocrPages.reduce((n, x) => n + x.confidence, 0) / Math.max(1, p.ocrPages.length))} %` : 'filens eget textlager'}</dd>
</dl>
<form class="stack" method="post" action="/admin/sammantraden/${p.meetingId}/anslag">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="posted">Anslagsdag</label><input id="posted" name="posted" type="date" required value="${p.suppliedNotice.posted ?? ''}">
<label for="removed">Anslaget nedtaget (valfri)</label><input id="removed" name="removed" type="date" value="${p.suppliedNotice.removed ?? ''}">
<button type="submit">Spara anslagsdag</button>
</form>
${p.pending ? html`<form method="post" action="/admin/publicera"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Publicera</button> <span class="meta">(publicerar allt som väntar; innehållna § publiceras inte)</span></form>` : ''}
<h2>Paragrafer</h2>
<table><thead><tr><th class="num">§</th><th>Rubrik</th><th>Diarienummer</th><th>Status</th></tr></thead><tbody>
${p.paragraphs.map(
  (
    x,
  ) => html`<tr${x.held ? html` class="held"` : ''}><td class="num">${x.number}</td><td>${x.title || html`<span class="meta">(ingen rubrik)</span>`}${x.decision ? html`<details><summary>Beslut</summary><p>${x.decision}</p></details>` : ''}</td>
<td>${x.caseNumbers.join(', ')}</td>
<td>${
    x.held
      ? html`<a href="/admin/granskning/${x.id}">Hålls inne</a>: ${[...x.held.reasons.map(holdReason), ...(x.held.decision ? [reviewState(x.held.decision)] : [])].join(', ')}${x.held.signals?.length ? html` <span class="meta">(${x.held.signals.join(', ')})</span>` : ''}`
      : html`<span class="ok">Publiceras</span>${x.redacted ? ' (med maskning)' : ''}${x.corrected ? html` <strong>Rättad</strong> ${x.corrected.date}` : ''}
<details><summary>Återkalla</summary><form method="post" action="/admin/granskning/${x.id}/aterkalla"><input type="hidden" name="_csrf" value="${csrf}">
<label for="aterkalla-${x.id}">Skäl (publiceras aldrig)</label><input id="aterkalla-${x.id}" name="reason" required maxlength="500">
<button type="submit" class="danger">Återkalla §&nbsp;${x.number}</button></form></details>`
  }</td></tr>`,
)}
</tbody></table>
<h2>Varningar från tolkningen</h2>
${p.warnings.length === 0 ? html`<p>Inga.</p>` : html`<ul>${p.warnings.map((w) => html`<li><code>${w.code}</code>${w.paragraph ? html` § ${w.paragraph}` : ''}${w.position ? html` (sida ${w.position.page})` : ''}: ${w.message}</li>`)}</ul>`}`;
}

export function quarantinePage(entries: QuarantineEntry[]): Html {
  return html`<h1>Karantän</h1>
<p>Filer som inte kan publiceras. Originalen sparas; rätta filen och ladda upp den igen.</p>
${
  entries.length === 0
    ? html`<p>Karantänen är tom.</p>`
    : html`<table><thead><tr><th>Fil</th><th>Orsak</th><th>När</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${e.fileName}</td><td><code>${e.reason}</code> ${e.message}</td><td>${e.quarantinedAt}</td></tr>`)}
</tbody></table>`
}`;
}
