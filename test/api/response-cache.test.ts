import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { ANY_JSON, ResponseCache, requestKey } from '../../functions/api/http/response-cache.ts';
import { API_ROUTES } from '../../functions/api/routes/register.ts';
import { negotiate } from '../../functions/api/routes/respond.ts';
import { MemoryReadModel } from '../support/memory-read-model.ts';
import type { Snapshot } from '../../functions/api/read-model/read-model.ts';
import { fixtureProtocols } from './fixtures.ts';

const entry = (n: number, version = 'v1') => ({
  version,
  etag: `"${version}-x"`,
  cacheControl: 'public',
  body: new Uint8Array(new ArrayBuffer(n)),
  headers: {},
});

describe('ResponseCache', () => {
  it('keeps answers by request within its byte budget, dropping the least recently used', () => {
    const cache = new ResponseCache(100, 60);
    cache.set('a', entry(40));
    cache.set('b', entry(40));
    expect(cache.get('a', 'v1')).toBeDefined(); // a is now the most recently used
    cache.set('c', entry(40));
    expect(cache.get('b', 'v1')).toBeUndefined();
    expect(cache.get('a', 'v1')).toBeDefined();
    expect(cache.get('c', 'v1')).toBeDefined();
    cache.set('big', entry(61));
    expect(cache.get('big', 'v1')).toBeUndefined();
  });

  it('never gives an answer of another data version, and replaces it with the new one', () => {
    const cache = new ResponseCache(100, 60);
    cache.set('a', entry(40, 'v1'));
    expect(cache.get('a', 'v2')).toBeUndefined();
    cache.set('a', entry(50, 'v2'));
    expect(cache.get('a', 'v1')).toBeUndefined();
    expect(cache.get('a', 'v2')?.body.length).toBe(50);
    // The replaced answer no longer counts against the budget: two more of 25 fit beside the one of 50.
    cache.set('b', entry(25, 'v2'));
    cache.set('c', entry(25, 'v2'));
    expect(cache.get('a', 'v2')).toBeDefined();
  });

  it('keeps one answer for the Accept values that always mean JSON, and apart for any other', () => {
    const key = (accept?: string) =>
      requestKey(new Request('http://localhost/v1/paragraphs?limit=1', accept ? { headers: { Accept: accept } } : {}));
    expect(new Set([key(), key('*/*'), key('application/json')]).size).toBe(1);
    expect(key('text/csv')).not.toBe(key());
    expect(key('application/json, text/csv;q=0.5')).not.toBe(key());
    // The shared entry is sound only while every route negotiates JSON for these.
    for (const route of API_ROUTES)
      for (const accept of ANY_JSON) expect(negotiate(accept, route.formats ?? [], undefined)).toBe('json');
  });

  it('is off with a budget of 0', () => {
    const cache = new ResponseCache(0);
    cache.set('a', entry(1));
    expect(cache.get('a', 'v1')).toBeUndefined();
  });

  it('serves a repeated request without querying again, and a new version renders anew', async () => {
    const protocols = fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden');
    let version = 1;
    let queries = 0;
    const models = [new MemoryReadModel(protocols, { sequence: 1 }), new MemoryReadModel(protocols, { sequence: 2 })];
    const counting = async (): Promise<Snapshot> => {
      const snap = await models[version - 1]!.snapshot();
      // Count the meeting-file reads of the full records that a CSV or § request would make, and index use by lists.
      return new Proxy(snap, {
        get(target, prop, receiver) {
          if (prop === 'index') queries++;
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    };
    const app = createApp({ store: new MemoryBlobStore(), readModel: { snapshot: counting } });
    const first = await (await app.request('/v1/paragraphs?q=detaljplan')).text();
    const used = queries;
    const second = await app.request('/v1/paragraphs?q=detaljplan');
    expect(await second.text()).toBe(first);
    expect(second.headers.get('access-control-allow-origin')).toBe('*');
    expect(queries).toBe(used);
    version = 2;
    const third = await app.request('/v1/paragraphs?q=detaljplan');
    expect(third.headers.get('etag')).not.toBe(second.headers.get('etag'));
    expect(queries).toBeGreaterThan(used);
  });
});

describe('an answer from the response cache', () => {
  const app = () =>
    createApp({
      store: new MemoryBlobStore(),
      readModel: new MemoryReadModel(fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden')),
    });
  const shown = async (res: Response) =>
    `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await res.text()}`;

  it.each(['/v1/paragraphs?limit=2', '/v1/bodies', '/v1/paragraphs?q=detaljplan&count=true'])(
    'is the first answer again, byte for byte, and 304 or HEAD as for the first: %s',
    async (path) => {
      const api = app();
      const first = await api.request(path);
      const again = await api.request(path);
      expect(await shown(again)).toBe(await shown(first));
      const etag = again.headers.get('etag')!;
      const notModified = await api.request(path, { headers: { 'If-None-Match': etag } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('etag')).toBe(etag);
      expect(notModified.headers.get('access-control-allow-origin')).toBe('*');
      const head = await api.request(path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(etag);
      expect(await head.text()).toBe('');
    },
  );

  it('is never given for another format, or to a request that is refused', async () => {
    const api = app();
    expect((await api.request('/v1/paragraphs?limit=1')).headers.get('content-type')).toMatch(/json/u);
    const csv = await api.request('/v1/paragraphs?limit=1', { headers: { Accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/u);
    expect((await api.request('/v1/paragraphs?limit=1', { method: 'POST' })).status).toBe(405);
    expect((await api.request('/v1/paragraphs?limit=1', { headers: { Accept: 'image/png' } })).status).toBe(406);
  });
});

describe('a forged Host header', () => {
  it.each(['/v1/datasets', '/v1/paragraphs?limit=1', '/v1/openapi.json'])(
    'never reaches another client through the cache: %s',
    async (path) => {
      const protocols = fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden');
      const model = new MemoryReadModel(protocols, { sequence: 1 });
      // No base URL: links are built from the request's own address, as `paragraf serve --host 0.0.0.0` does.
      const app = createApp({ store: new MemoryBlobStore(), readModel: { snapshot: () => model.snapshot() } });
      const forged = await (await app.request(`http://attacker.example${path}`)).text();
      const honest = await app.request(`http://localhost:3000${path}`);
      expect(honest.status).toBe(200);
      const text = await honest.text();
      expect(text).not.toContain('attacker.example');
      if (forged.includes('attacker.example')) expect(text).toContain('localhost:3000');
    },
  );
});
