import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { MemoryReadModel } from '../support/memory-read-model.ts';
import type { ReadModel, Snapshot } from '../../functions/api/read-model/read-model.ts';
import { API_ROUTES } from '../../functions/api/routes/register.ts';
import type { Param } from '../../functions/api/request/params.ts';
import { fixtureProtocols } from './fixtures.ts';

const model = new MemoryReadModel(fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden'));
const logged: unknown[] = [];
const app = createApp({ store: new MemoryBlobStore(), readModel: model, logError: (e) => logged.push(e) });

/** The one error shape: RFC 9457 fields, nothing else but `errors` on a 400, never a stack trace, never cached. */
async function expectProblem(res: Response, status: number, path: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const text = await res.text();
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+/u);
  const body = JSON.parse(text) as Record<string, unknown>;
  const keys = Object.keys(body).sort();
  expect(keys).toEqual(
    status === 400 && 'errors' in body
      ? ['detail', 'errors', 'instance', 'status', 'title', 'type']
      : ['detail', 'instance', 'status', 'title', 'type'],
  );
  expect(body.status).toBe(status);
  expect(body.instance).toBe(path);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

/** A value the parameter must refuse, by the kind of parameter. */
function badValue(p: Param<unknown>): string {
  const s = p.schema;
  if (s.type === 'integer') return 'zwölf';
  if (s.type === 'boolean') return 'maybe';
  if (s.format === 'date') return '2024-02-30';
  if (Array.isArray(s.enum)) return 'not-a-choice';
  if (s.oneOf) return 'yesterday';
  if (s.pattern) return '../../etc/passwd\\x';
  return 'x'.repeat(Number(s.maxLength ?? 200) + 1);
}

/** The route's other required query parameters with their example values, as "&a=1&b=2". */
function requiredParams(route: (typeof API_ROUTES)[number], except?: string): string {
  return Object.entries(route.query)
    .filter(([n, p]) => p.required && n !== except)
    .map(([n, p]) => `&${n}=${encodeURIComponent(p.example ?? '')}`)
    .join('');
}

function examplePath(route: (typeof API_ROUTES)[number]): string {
  let path = route.path;
  for (const [name, p] of Object.entries(route.pathParams))
    path = path.replace(`{${name}}`, encodeURIComponent(p.example ?? 'x'));
  return path;
}

describe('every route answers bad input with problem+json 400', () => {
  for (const route of API_ROUTES) {
    it(`${route.operationId}: unknown parameter`, async () => {
      const path = examplePath(route);
      const body = await expectProblem(await app.request(`${path}?colour=red${requiredParams(route)}`), 400, path);
      expect(body.errors).toEqual([expect.stringMatching(/^colour: unknown query parameter/u)]);
    });
    for (const [name, param] of Object.entries(route.query)) {
      it(`${route.operationId}: bad ${name}`, async () => {
        const path = examplePath(route);
        const required = requiredParams(route, name);
        const body = await expectProblem(
          await app.request(`${path}?${name}=${encodeURIComponent(badValue(param))}${required}`),
          400,
          path,
        );
        expect(body.errors).toEqual([expect.stringMatching(new RegExp(`^${name}: `, 'u'))]);
      });
    }
    for (const name of Object.keys(route.pathParams)) {
      it(`${route.operationId}: bad path parameter ${name}`, async () => {
        const path = route.path.replace(`{${name}}`, encodeURIComponent('Ä<script>'));
        const body = await expectProblem(
          await app.request(path),
          400,
          route.path.replace(`{${name}}`, encodeURIComponent('Ä<script>')),
        );
        expect(body.errors).toEqual([expect.stringMatching(new RegExp(`^${name}: `, 'u'))]);
      });
    }
  }

  it('names every problem of a request at once, and a repeated parameter', async () => {
    const body = await expectProblem(
      await app.request('/v1/paragraphs?limit=0&year=1066&hasVote=ja&sort=date&sort=-date'),
      400,
      '/v1/paragraphs',
    );
    expect(body.errors).toEqual([
      'limit: must be between 1 and 200',
      'year: must be between 1900 and 2100',
      'hasVote: must be true or false',
      'sort: given 2 times; give it once',
    ]);
  });

  it('refuses a cursor it did not make', async () => {
    const body = await expectProblem(await app.request('/v1/paragraphs?cursor=bm9wZQ'), 400, '/v1/paragraphs');
    expect(body.errors).toEqual(['cursor: not a cursor from this API (use the "next" URL as given)']);
  });
});

describe('404, 405, 406 and 500 have the same shape', () => {
  it('404 for unknown routes and unknown ids', async () => {
    await expectProblem(await app.request('/v1/nothing-here'), 404, '/v1/nothing-here');
    await expectProblem(await app.request('/v2/paragraphs'), 404, '/v2/paragraphs');
    for (const route of API_ROUTES.filter((r) => r.notFound && Object.keys(r.pathParams).length > 0)) {
      const path = route.path.replace(/\{\w+\}/u, 'okand-9999');
      await expectProblem(await app.request(path), 404, path);
    }
    await expectProblem(
      await app.request('/v1/cases/KS%202023%2F12?municipality=nowhere'),
      404,
      '/v1/cases/KS%202023%2F12',
    );
  });

  it('405 with Allow for anything but GET, HEAD and OPTIONS', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await app.request('/v1/paragraphs', { method });
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      await expectProblem(res, 405, '/v1/paragraphs');
    }
  });

  it('406 when Accept allows none of the formats', async () => {
    await expectProblem(
      await app.request('/v1/paragraphs', { headers: { Accept: 'image/png' } }),
      406,
      '/v1/paragraphs',
    );
  });

  it('500 never leaks the message or the stack, and is logged', async () => {
    const broken: ReadModel = {
      snapshot: () =>
        Promise.reject(new Error('secret: cannot read /srv/data/records/x.json at Store.get (store.ts:10:5)')),
    };
    const app500 = createApp({ store: new MemoryBlobStore(), readModel: broken, logError: (e) => logged.push(e) });
    for (const path of ['/v1/paragraphs', '/v1/meetings/x-y-2024-01-01', '/v1/datasets']) {
      const res = await app500.request(path);
      const body = await expectProblem(res, 500, path);
      expect(JSON.stringify(body)).not.toContain('secret');
    }
    expect(logged.length).toBeGreaterThanOrEqual(3);
  });

  it('500 when a published file is missing mid-request, with the same shape', async () => {
    const real = await model.snapshot();
    const missing: Snapshot = Object.assign(Object.create(Object.getPrototypeOf(real) as object) as Snapshot, real, {
      meetingDocument: async () => null,
    });
    const app500 = createApp({
      store: new MemoryBlobStore(),
      readModel: { snapshot: async () => missing },
      logError: () => undefined,
    });
    await expectProblem(
      await app500.request('/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1'),
      500,
      '/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1',
    );
  });

  it('pages answer a browser with an HTML error page of the same status', async () => {
    const res = await app.request('/p/okand-1', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<html lang="sv">');
    await expectProblem(await app.request('/p/okand-1'), 404, '/p/okand-1');
  });
});
