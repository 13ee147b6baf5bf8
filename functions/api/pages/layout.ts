import { html, unsafeRaw, type Html } from './html.ts';

/**
 * The frame of every page: Swedish, semantic landmarks, a skip link, visible focus, and styles inline (no external
 * requests at all, so the pages work offline and under a strict Content-Security-Policy). Colours meet WCAG AA
 * contrast (text #1b1b1b and links #0b4fa8 on white: above 7:1).
 */
export const STYLE = `
:root{color-scheme:light;--fg:#1b1b1b;--muted:#4a4a4a;--link:#0b4fa8;--line:#c9c9c9;--bg2:#f3f4f6}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #e0a800;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}.skip:focus{left:.5rem}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{display:flex;gap:1.5rem;align-items:baseline;border-bottom:1px solid var(--line);padding-top:.75rem;padding-bottom:.75rem}
header .brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}nav.ops ul{display:block}nav.ops li{margin:.2rem 0}code,td,th{overflow-wrap:anywhere}
footer{border-top:1px solid var(--line);margin-top:3rem;padding-top:1rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
.meta{color:var(--muted);font-size:.95rem}
form.search{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));background:var(--bg2);padding:1rem;border-radius:.4rem}
form.search .wide{grid-column:1/-1}
label{display:block;font-weight:600;font-size:.9rem}
input,select,button{font:inherit;padding:.4rem .5rem;border:1px solid #767676;border-radius:.25rem;background:#fff;color:var(--fg);max-width:100%}
input[type=search]{width:100%}button{background:#0b4fa8;color:#fff;border-color:#0b4fa8;cursor:pointer}
.check label{font-weight:400;display:inline}
ol.results{list-style:none;padding:0}ol.results li{border-bottom:1px solid var(--line);padding:.75rem 0}
ol.results h3{margin:0 0 .25rem}
.tag{display:inline-block;font-size:.8rem;border:1px solid var(--muted);border-radius:.2rem;padding:0 .3rem;margin-right:.3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
.cite{background:var(--bg2);border-left:4px solid var(--link);padding:.75rem 1rem}
pre{white-space:pre-wrap;background:var(--bg2);padding:.75rem;border-radius:.25rem;font-size:.9rem}
code{font-size:.9rem;word-break:break-all}
.error{border:2px solid #b00020;padding:.75rem 1rem}
`;

export interface PageOptions {
  title: string;
  /** Shown in the footer: which published version the page shows. */
  snapshot?: string;
  /** An Atom feed for this page's filter. */
  feed?: string;
  /** Canonical URL of the page (the permalink for a §). */
  canonical?: string;
}

export function layout(options: PageOptions, content: Html): string {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – Paragraf</title>
${options.canonical ? html`<link rel="canonical" href="${options.canonical}">` : ''}
${options.feed ? html`<link rel="alternate" type="application/atom+xml" title="Nya paragrafer" href="${options.feed}">` : ''}
<style>${unsafeRaw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Hoppa till innehållet</a>
<header>
<a class="brand" href="/">Paragraf</a>
<nav aria-label="Huvudmeny"><ul>
<li><a href="/">Sök</a></li>
<li><a href="/#dataset">Ladda ner data</a></li>
<li><a href="/v1/docs">API</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer>
<p>Paragraf: varje paragraf i kommunala protokoll som öppna data. Data under CC0 1.0.
${options.snapshot ? html` Visar publiceringen <strong>${options.snapshot}</strong>.` : ''}</p>
</footer>
</body>
</html>
`.value;
}
