import type { JsonSchema } from '../request/params.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Array<{
    name: string;
    in: 'path' | 'query';
    required: boolean;
    description: string;
    schema: JsonSchema;
    example?: string;
  }>;
}

/**
 * The interactive API reference, rendered from the OpenAPI document on the server: no scripts and no CDN, so it
 * works offline. Each operation has a "Prova" form (plain GET); operations with path parameters go through
 * /v1/docs/try, which builds the URL and redirects.
 */
export function docsPage(openapi: JsonSchema): string {
  const paths = openapi.paths as Record<string, { get: Operation }>;
  const ops = Object.entries(paths).map(([path, item]) => ({ path, op: item.get }));
  const content = html`<h1>Paragraf API</h1>
<p>Ett läs-API över de publicerade dataseten: samma data som filerna under <a href="/#dataset">Ladda ner data</a>.
Alla svar har ETag (skicka <code>If-None-Match</code> för 304), <code>Last-Modified</code> och <code>Cache-Control</code>;
CORS är öppet för GET. Fel returneras som <code>application/problem+json</code>. Maskinläsbar beskrivning:
<a href="/v1/openapi.json">OpenAPI 3.1 (JSON)</a>.</p>
<nav class="ops" aria-label="Anrop"><ul>${ops.map(({ path, op }) => html`<li><a href="#${op.operationId}">GET ${path}</a> – ${op.summary}</li>`)}</ul></nav>
${ops.map(({ path, op }) => operationBlock(path, op))}`;
  return layout({ title: 'API-dokumentation' }, content);
}

function operationBlock(path: string, op: Operation): Html {
  const hasPath = op.parameters.some((p) => p.in === 'path');
  return html`<section aria-labelledby="${op.operationId}">
<h2 id="${op.operationId}">${op.summary}</h2>
<p><code>GET ${path}</code></p>
<p>${op.description}</p>
${
  op.parameters.length > 0
    ? html`<table><caption class="meta">Parametrar</caption>
<thead><tr><th scope="col">Namn</th><th scope="col">Var</th><th scope="col">Typ</th><th scope="col">Beskrivning</th></tr></thead>
<tbody>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (krävs)' : ''}</td><td>${p.in === 'path' ? 'sökväg' : 'fråga'}</td><td>${typeText(p.schema)}</td><td>${p.description}</td></tr>`)}</tbody></table>`
    : ''
}
<form method="get" action="${hasPath ? '/v1/docs/try' : path}">
<fieldset><legend>Prova</legend>
${hasPath ? html`<input type="hidden" name="op" value="${op.operationId}">` : ''}
${op.parameters.map((p) => field(op.operationId, p))}
<button type="submit">Skicka</button>
</fieldset>
</form>
</section>`;
}

function field(opId: string, p: Operation['parameters'][number]): Html {
  const id = `${opId}-${p.name}`;
  const enumValues = p.schema.enum as string[] | undefined;
  const label = html`<label for="${id}">${p.name}${p.required ? ' (krävs)' : ''}</label>`;
  if (enumValues || p.schema.type === 'boolean') {
    const values = enumValues ?? ['true', 'false'];
    return html`<div>${label}<select id="${id}" name="${p.name}"><option value="">–</option>${values.map((v) => html`<option value="${v}">${v}</option>`)}</select></div>`;
  }
  return html`<div>${label}<input id="${id}" name="${p.name}" ${p.required ? html`required` : ''} placeholder="${p.example ?? ''}"></div>`;
}

function typeText(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(' | ');
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as JsonSchema[]).map(typeText).join(' eller ');
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  const range = schema.minimum !== undefined ? ` ${schema.minimum}–${schema.maximum}` : '';
  return `${String(schema.type)}${format}${range}`;
}
