import type { Problem } from '../errors.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

const TITLES: Record<number, string> = {
  400: 'Felaktig förfrågan',
  404: 'Sidan finns inte',
  405: 'Metoden stöds inte',
  406: 'Formatet stöds inte',
  503: 'Tillfälligt otillgänglig',
};

/** The same problem as the JSON envelope, for a person in a browser. */
export function errorPage(problem: Problem): string {
  const title = TITLES[problem.status] ?? 'Något gick fel';
  const content = html`<h1>${title}</h1>
<div class="error" role="alert"><p>${problem.status === 404 ? 'Det finns ingen publicerad sida på den här adressen.' : problem.status >= 500 ? 'Ett fel uppstod hos oss. Försök igen om en stund.' : problem.detail}</p>
${problem.errors ? html`<ul>${problem.errors.map((e) => html`<li>${e}</li>`)}</ul>` : ''}</div>
<p><a href="/">Till sökningen</a></p>`;
  return layout({ title }, content);
}
