import { STYLE } from '../api/pages/layout.ts';
import { html, unsafeRaw, type Html } from '../api/pages/html.ts';

/** Admin additions to the site's styles: status tags, forms in a column, the drop zone. */
const ADMIN_STYLE = `
.admin header{background:#12355b}.admin header a,.admin header .brand{color:#fff}
.ok{color:#0a6b2d}.warn{color:#8a4b00}.held{background:#fff4e0}
form.stack{display:grid;gap:.6rem;max-width:36rem;background:var(--bg2);padding:1rem;border-radius:.4rem;margin:1rem 0}
form.inline{display:inline}
textarea{font:inherit;width:100%;min-height:5rem;padding:.4rem;border:1px solid #767676;border-radius:.25rem}
.drop{border:2px dashed #767676;padding:1.5rem;text-align:center;border-radius:.4rem}.drop.over{background:#e8f0fe;border-color:#0b4fa8}
a.button{display:inline-block;padding:.5rem 1rem;background:#0b4fa8;color:#fff;border-radius:.25rem;text-decoration:none}
button.danger{background:#b00020;border-color:#b00020}
.notice{border-left:4px solid #0a6b2d;padding:.5rem 1rem;background:#eef8f0}
.problem{border-left:4px solid #b00020;padding:.5rem 1rem;background:#fdecee}
`;

export interface AdminPageOptions {
  title: string;
  /** The signed-in user; absent on the sign-in page. */
  user?: string;
  csrf?: string;
  /** A message after an action (green) or a problem (red). */
  flash?: { kind: 'notice' | 'problem'; text: string };
  /** Scripts are allowed only from /admin/ (progressive enhancement of the upload form). */
  script?: string;
  /** Go on to this same-site path at once (after the identity provider's callback: see oidc-sign-in.ts). */
  refresh?: string;
}

/** The frame of every admin page: Swedish, no external requests, a menu for the clerk and a sign-out button. */
export function adminLayout(options: AdminPageOptions, content: Html): string {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${options.refresh ? html`<meta http-equiv="refresh" content="0;url=${options.refresh}">` : ''}
<title>${options.title} – Paragraf admin</title>
<style>${unsafeRaw(STYLE)}${unsafeRaw(ADMIN_STYLE)}</style>
${options.script ? html`<script src="${options.script}" defer></script>` : ''}
</head>
<body class="admin">
<a class="skip" href="#main">Hoppa till innehållet</a>
<header>
<a class="brand" href="/admin">Paragraf admin</a>
${
  options.user
    ? html`<nav aria-label="Adminmeny"><ul>
<li><a href="/admin">Översikt</a></li>
<li><a href="/admin/granskning">Granskning</a></li>
<li><a href="/admin/karantan">Karantän</a></li>
<li><a href="/admin/installningar">Inställningar</a></li>
</ul></nav>
<form class="inline" method="post" action="/admin/logga-ut"><input type="hidden" name="_csrf" value="${options.csrf ?? ''}"><button type="submit">Logga ut ${options.user}</button></form>`
    : ''
}
</header>
<main id="main" tabindex="-1">
${options.flash ? html`<p class="${options.flash.kind}" role="status">${options.flash.text}</p>` : ''}
${content}
</main>
<footer><p>Paragraf admin: det som visas här är inte publicerat förrän du publicerar.</p></footer>
</body>
</html>
`.value;
}
