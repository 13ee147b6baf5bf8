import { SCHEMAS, ref } from './components.ts';
import type { JsonSchema, Param } from '../request/params.ts';
import { essence, FORMAT_ENTRIES } from '../../core/render/formats/media-types.ts';
import type { RouteDef } from './route.ts';

export const API_VERSION = '1.0.0';

/**
 * The OpenAPI 3.1 document, generated from the route declarations (the same ones that parse requests), so the
 * description and the behaviour cannot drift apart.
 */
export function buildOpenApi(routes: readonly RouteDef[], serverUrl: string): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const r of routes) paths[r.path] = { get: operation(r) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Paragraf API',
      version: API_VERSION,
      summary: 'Every § of Swedish council protocols as citable open data.',
      description:
        'Read-only API over the published Paragraf datasets: the same data as the files under /datasets, so the two ' +
        'never disagree. Every response has an ETag (send If-None-Match for a 304), Last-Modified and Cache-Control; ' +
        'CORS is open for GET. Errors are application/problem+json (RFC 9457). Data license: CC0 1.0.',
      license: { name: 'CC0-1.0 (data)', identifier: 'CC0-1.0' },
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: SCHEMAS,
      responses: {
        NotModified: { description: 'Not modified: your copy (If-None-Match) is current.' },
        BadRequest: problemResponse('Invalid parameter; `errors` lists each problem.'),
        NotFound: problemResponse('No such resource.'),
        NotAcceptable: problemResponse('The Accept header allows none of the formats offered.'),
        ServerError: problemResponse('Something went wrong on the server (no details are disclosed).'),
      },
    },
  };
}

function operation(r: RouteDef): JsonSchema {
  const parameters = [
    ...Object.entries(r.pathParams).map(([name, p]) => parameter(name, 'path', p)),
    ...Object.entries(r.query).map(([name, p]) => parameter(name, 'query', p)),
  ];
  const content: Record<string, JsonSchema> = {};
  if (!r.otherMediaTypes || r.formats) content[essence(FORMAT_ENTRIES.json.contentType)] = { schema: r.response.schema };
  for (const f of r.formats ?? []) content[essence(FORMAT_ENTRIES[f].contentType)] ??= { schema: { type: 'string', description: `${f} (streamed)` } };
  for (const t of r.otherMediaTypes ?? []) content[t] = { schema: r.response.schema };
  const responses: Record<string, JsonSchema> = {
    '200': {
      description: r.response.description,
      headers: {
        ETag: { schema: { type: 'string' }, description: 'Validator; send it back as If-None-Match.' },
        'Cache-Control': { schema: { type: 'string' } },
        'Last-Modified': { schema: { type: 'string' } },
      },
      content,
    },
    '304': { $ref: '#/components/responses/NotModified' },
    '400': { $ref: '#/components/responses/BadRequest' },
    ...(r.notFound ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
    ...(r.formats ? { '406': { $ref: '#/components/responses/NotAcceptable' } } : {}),
    '500': { $ref: '#/components/responses/ServerError' },
  };
  return { operationId: r.operationId, tags: [r.tag], summary: r.summary, description: r.description, parameters, responses };
}

function parameter(name: string, where: 'path' | 'query', p: Param<unknown>): JsonSchema {
  return {
    name,
    in: where,
    required: where === 'path' ? true : p.required,
    description: p.description,
    schema: p.schema,
    ...(p.example !== undefined ? { example: p.example } : {}),
  };
}

function problemResponse(description: string): JsonSchema {
  return { description, content: { 'application/problem+json': { schema: ref('Problem') } } };
}
