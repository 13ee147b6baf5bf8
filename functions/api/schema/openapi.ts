import { SCHEMAS, ref } from './components.ts';
import type { JsonSchema, Param } from '../request/params.ts';
import { essence, FORMAT_ENTRIES } from '../../core/render/formats/media-types.ts';
import { formatPath, type ResponseFormat, type RouteDef } from './route.ts';

export const API_VERSION = '1.0.0';

const TAG_DESCRIPTIONS: Record<string, string> = {
  Paragrafer: 'The § (paragraphs) of the protocols: search, filter, one in full, a feed.',
  Sammanträden: 'Meetings: their § and the published meeting file.',
  Ärenden: 'Cases (ärenden) across bodies, by case number.',
  Katalog: 'The municipalities and bodies with published data.',
  Ändringar: 'The change feed: what was added, changed or withdrawn, in order.',
  Dataset: 'The published files and partitions for download.',
};

/**
 * The OpenAPI 3.1 document, generated from the route declarations (the same ones that parse requests), so the
 * description and the behaviour cannot drift apart.
 */
export function buildOpenApi(routes: readonly RouteDef[], serverUrl: string): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const r of routes) {
    paths[r.path] = { get: operation(r) };
    for (const f of r.formats ?? []) paths[formatPath(r.path, f)] = { get: formatOperation(r, f) };
  }
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
    // Open data: no operation needs credentials (an explicit empty requirement, not a forgotten one).
    security: [],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
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

/**
 * The JSON operation of a route. Its other formats are operations of their own (formatOperation), so its 200 response
 * is JSON only and a generated client gets the record types, not "JSON or string". `?format=` and Accept still
 * negotiate on this path for clients that prefer them; the document leaves them out.
 */
function operation(r: RouteDef): JsonSchema {
  const content: Record<string, JsonSchema> = {};
  if (!r.otherMediaTypes) content[essence(FORMAT_ENTRIES.json.contentType)] = { schema: r.response.schema };
  for (const t of r.otherMediaTypes ?? []) content[t] = { schema: r.response.schema };
  const description = r.formats
    ? `${r.description} Also as ${r.formats.map((f) => `\`${formatPath(r.path, f)}\``).join(', ')}.`
    : r.description;
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description,
    parameters: parameters(r),
    responses: responses(r, r.response.description, content),
  };
}

/** The same route in one of its other formats, at its own path (/v1/paragraphs.csv): a streamed text body. */
function formatOperation(r: RouteDef, f: ResponseFormat): JsonSchema {
  const entry = FORMAT_ENTRIES[f];
  const title =
    f === 'csv-excel-sv'
      ? 'CSV for Swedish Excel (BOM, ;, CRLF)'
      : f === 'csv'
        ? 'CSV (RFC 4180)'
        : 'NDJSON, one JSON record per line';
  const content = { [essence(entry.contentType)]: { schema: { type: 'string', description: `${title}, streamed.` } } };
  return {
    operationId: `${r.operationId}${f
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('')}`,
    tags: [r.tag],
    summary: `${r.summary} (${title})`,
    description: `${r.description} The same as ${r.path} with format=${f}.`,
    parameters: parameters(r),
    responses: responses(r, `${r.response.description} As ${title}.`, content),
  };
}

function parameters(r: RouteDef): JsonSchema[] {
  return [
    ...Object.entries(r.pathParams).map(([name, p]) => parameter(name, 'path', p)),
    ...Object.entries(r.query)
      .filter(([name]) => !(r.formats && name === 'format'))
      .map(([name, p]) => parameter(name, 'query', p)),
  ];
}

function responses(r: RouteDef, description: string, content: Record<string, JsonSchema>): JsonSchema {
  return {
    '200': {
      description,
      headers: {
        ETag: { schema: { type: 'string' }, description: 'Validator; send it back as If-None-Match.' },
        'Cache-Control': { schema: { type: 'string' }, description: 'How long caches may keep the response.' },
        'Last-Modified': { schema: { type: 'string' }, description: 'When the data behind the response last changed.' },
      },
      content,
    },
    '304': { $ref: '#/components/responses/NotModified' },
    '400': { $ref: '#/components/responses/BadRequest' },
    ...(r.notFound ? { '404': { $ref: '#/components/responses/NotFound' } } : {}),
    ...(r.formats ? { '406': { $ref: '#/components/responses/NotAcceptable' } } : {}),
    '500': { $ref: '#/components/responses/ServerError' },
  };
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
