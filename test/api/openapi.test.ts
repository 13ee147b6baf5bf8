/**
 * The OpenAPI document is generated from the same declarations that parse requests; these tests check that it is a
 * well-formed 3.1 document, that it describes every route, and that real responses fit the schemas it declares.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { API_ROUTES } from '../../functions/api/routes/register.ts';
import { formatPath } from '../../functions/api/schema/route.ts';
import type { JsonSchema } from '../../functions/api/request/params.ts';
import { BASE_URL, publishedFixtures } from './fixtures.ts';

let app: ReturnType<typeof createApp>;
let doc: JsonSchema;

beforeAll(async () => {
  const { store, clock } = await publishedFixtures();
  app = createApp({ store, clock, baseUrl: BASE_URL });
  doc = (await (await app.request('/v1/openapi.json')).json()) as JsonSchema;
});

/** Enough of JSON Schema for our own schemas: $ref, type, required, properties, items, enum. */
function violations(schema: JsonSchema, value: unknown, path: string, root: JsonSchema): string[] {
  if (typeof schema.$ref === 'string') return violations(resolve(root, schema.$ref), value, path, root);
  const out: string[] = [];
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string | string[]);
  const type = types.find((t) => t !== 'null');
  const actual =
    value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length > 0 && !types.some((t) => t === actual || (t === 'number' && actual === 'integer')))
    return [`${path}: ${actual}, not ${types.join('|')}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: ${String(value)} not in enum`);
  if (type === 'object' && value && typeof value === 'object') {
    for (const r of (schema.required as string[] | undefined) ?? [])
      if (!(r in value)) out.push(`${path}.${r}: missing`);
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, v] of Object.entries(value))
      if (props[k]) out.push(...violations(props[k]!, v, `${path}.${k}`, root));
  }
  if (type === 'array' && Array.isArray(value) && schema.items)
    value.forEach((v, i) => out.push(...violations(schema.items as JsonSchema, v, `${path}[${i}]`, root)));
  return out;
}

function resolve(root: JsonSchema, ref: string): JsonSchema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//u, '').split('/')) node = (node as Record<string, unknown>)[part];
  if (node === undefined) throw new Error(`unresolved ${ref}`);
  return node as JsonSchema;
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) k === '$ref' ? out.push(String(v)) : refs(v, out);
  return out;
}

describe('OpenAPI 3.1 document', () => {
  it('is 3.1 with info, servers and a path for every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect((doc.servers as Array<{ url: string }>)[0]!.url).toBe(BASE_URL);
    const paths = doc.paths as Record<
      string,
      { get: { operationId: string; parameters: Array<{ name: string; in: string; required: boolean }> } }
    >;
    expect(Object.keys(paths).sort()).toEqual(
      API_ROUTES.flatMap((r) => [r.path, ...(r.formats ?? []).map((f) => formatPath(r.path, f))]).sort(),
    );
    for (const r of API_ROUTES) {
      const op = paths[r.path]!.get;
      expect(op.operationId).toBe(r.operationId);
      const query = Object.keys(r.query).filter((n) => !(r.formats && n === 'format'));
      expect(op.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
        [...Object.keys(r.pathParams).map((n) => `path:${n}`), ...query.map((n) => `query:${n}`)].sort(),
      );
      for (const p of op.parameters.filter((x) => x.in === 'path')) expect(p.required).toBe(true);
    }
  });

  it('gives JSON operations JSON only; each other format is an operation of its own at its own path', async () => {
    const paths = doc.paths as Record<
      string,
      { get: { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> } }
    >;
    for (const r of API_ROUTES.filter((x) => x.formats)) {
      expect(Object.keys(paths[r.path]!.get.responses['200']!.content!)).toEqual(['application/json']);
      for (const f of r.formats!) {
        const op = paths[formatPath(r.path, f)]!.get;
        expect(Object.keys(op.responses['200']!.content!)).toEqual([
          f === 'ndjson' ? 'application/x-ndjson' : 'text/csv',
        ]);
      }
    }
    const csv = await app.request('/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1-excel-sv.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/u);
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(await (await app.request('/v1/paragraphs.csv?municipality=testby&limit=1')).text()).toMatch(
      /^paragraph_id,/u,
    );
    expect((await (await app.request('/v1/meetings.ndjson?limit=1')).text()).trim().split('\n')).toHaveLength(1);
    expect(
      (await app.request('/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1.ndjson')).headers.get('content-type'),
    ).toMatch(/ndjson/u);
    expect((await app.request('/v1/paragraphs/nonexistent-1.csv')).status).toBe(404);
  });

  it('passes a maintained OpenAPI linter (Redocly, recommended rules) with no errors and no warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    // The linter does find problems: the same document without its security requirement fails.
    const { security: _, ...open } = doc;
    expect(
      (await lintFromString({ source: JSON.stringify(open), config })).some((p) => p.ruleId === 'security-defined'),
    ).toBe(true);
  });

  it('has no dangling $ref', () => {
    for (const ref of refs(doc)) expect(() => resolve(doc, ref)).not.toThrow();
  });

  it('describes the responses the API really sends', async () => {
    const samples: Array<[string, string]> = [
      ['/v1/paragraphs', '/v1/paragraphs?limit=2&count=true'],
      ['/v1/paragraphs/{id}', '/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1'],
      ['/v1/meetings', '/v1/meetings?limit=2'],
      ['/v1/meetings/{id}', '/v1/meetings/testby-kommunstyrelsen-2024-02-05'],
      ['/v1/cases/{caseNumber}', '/v1/cases/KS%202023%2F12?municipality=testby'],
      ['/v1/municipalities', '/v1/municipalities'],
      ['/v1/bodies', '/v1/bodies'],
      ['/v1/changes', '/v1/changes?limit=3'],
      ['/v1/datasets', '/v1/datasets'],
    ];
    for (const [template, url] of samples) {
      const schema = ((doc.paths as Record<string, JsonSchema>)[template]!.get as JsonSchema).responses as Record<
        string,
        JsonSchema
      >;
      const json = (schema['200']!.content as Record<string, { schema: JsonSchema }>)['application/json']!.schema;
      const body = (await (await app.request(url)).json()) as unknown;
      expect(violations(json, body, template, doc)).toEqual([]);
    }
    // The checker itself can fail: a list without items, an item with a number for a string.
    expect(
      violations({ $ref: '#/components/schemas/ParagraphList' }, { items: [{ id: 1 }] }, 'x', doc).length,
    ).toBeGreaterThan(1);
    const problem = (await (await app.request('/v1/paragraphs?limit=x')).json()) as unknown;
    expect(violations({ $ref: '#/components/schemas/Problem' }, problem, 'problem', doc)).toEqual([]);
  });

  it('renders the offline docs page with a try-it form per operation, and the try-it redirect builds the URL', async () => {
    const page = await (await app.request('/v1/docs')).text();
    for (const r of API_ROUTES) expect(page).toContain(`id="${r.operationId}"`);
    expect(page).not.toMatch(/<script|https?:\/\/cdn/iu);
    const res = await app.request('/v1/docs/try?op=getCase&caseNumber=KS+2023%2F12&municipality=testby');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/v1/cases/KS%202023%2F12?municipality=testby');
  });
});
