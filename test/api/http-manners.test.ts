import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { MemoryReadModel } from '../support/memory-read-model.ts';
import { fixtureProtocols } from './fixtures.ts';

const protocols = fixtureProtocols().filter((p) => p.meeting.body !== 'Socialnämnden');
const v1 = createApp({
  store: new MemoryBlobStore(),
  readModel: new MemoryReadModel(protocols, { sequence: 1, publishedAt: '2026-11-27T10:00:00.000Z' }),
});
const v2 = createApp({
  store: new MemoryBlobStore(),
  readModel: new MemoryReadModel(protocols, { sequence: 2, publishedAt: '2026-11-28T10:00:00.000Z' }),
});

const RESOURCES: Array<[string, RegExp]> = [
  ['/v1/paragraphs?q=detaljplan', /max-age=60\b/u],
  ['/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1', /max-age=300\b/u],
  ['/v1/meetings', /max-age=60\b/u],
  ['/v1/meetings/testby-kommunstyrelsen-2024-02-05', /max-age=300\b/u],
  ['/v1/cases/KS%202023%2F12', /max-age=300\b/u],
  ['/v1/bodies', /max-age=60\b/u],
  ['/v1/municipalities', /max-age=60\b/u],
  ['/v1/changes', /max-age=30\b/u],
  ['/v1/feed.atom', /max-age=60\b/u],
  ['/v1/openapi.json', /max-age=3600\b/u],
  ['/', /max-age=60\b/u],
  ['/p/testby-kommunstyrelsen-2024-02-05-1', /max-age=300\b/u],
];

describe('HTTP manners', () => {
  for (const [path, cache] of RESOURCES) {
    it(`${path}: ETag, 304 on If-None-Match, Cache-Control, Last-Modified, CORS`, async () => {
      const res = await v1.request(path);
      expect(res.status).toBe(200);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[^"]+"$/u);
      expect(res.headers.get('cache-control')).toMatch(cache);
      expect(res.headers.get('cache-control')).toMatch(/^public/u);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      if (!path.startsWith('/v1/openapi'))
        expect(res.headers.get('last-modified')).toBe('Fri, 27 Nov 2026 10:00:00 GMT');
      const again = await v1.request(path, { headers: { 'If-None-Match': `"other", W/${etag}` } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await v1.request(path, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
      if (!path.startsWith('/v1/openapi')) {
        // A new publish changes every representation's tag.
        expect((await v2.request(path, { headers: { 'If-None-Match': etag } })).status).toBe(200);
        expect(
          (await v1.request(path, { headers: { 'If-Modified-Since': 'Fri, 27 Nov 2026 10:00:00 GMT' } })).status,
        ).toBe(304);
        expect(
          (await v1.request(path, { headers: { 'If-Modified-Since': 'Thu, 26 Nov 2026 10:00:00 GMT' } })).status,
        ).toBe(200);
      }
    });
  }

  it('gives each format of a resource its own ETag', async () => {
    const tags = await Promise.all(
      ['', '?format=csv', '?format=ndjson'].map(async (q) =>
        (await v1.request(`/v1/paragraphs${q}`)).headers.get('etag'),
      ),
    );
    expect(new Set(tags).size).toBe(3);
  });

  it('negotiates CSV and NDJSON by Accept, and ?format wins', async () => {
    expect((await v1.request('/v1/paragraphs', { headers: { Accept: 'text/csv' } })).headers.get('content-type')).toBe(
      'text/csv; charset=utf-8; header=present',
    );
    expect(
      (await v1.request('/v1/paragraphs', { headers: { Accept: 'application/x-ndjson' } })).headers.get('content-type'),
    ).toBe('application/x-ndjson');
    expect(
      (await v1.request('/v1/paragraphs?format=json', { headers: { Accept: 'text/csv' } })).headers.get('content-type'),
    ).toBe('application/json; charset=utf-8');
    expect(
      (
        await v1.request('/v1/paragraphs', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
      ).headers.get('content-type'),
    ).toBe('application/json; charset=utf-8');
    const csv = await v1.request('/v1/paragraphs?format=csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="paragrafer.csv"');
  });

  it('answers CORS preflight and HEAD', async () => {
    const pre = await v1.request('/v1/paragraphs', {
      method: 'OPTIONS',
      headers: { Origin: 'https://tidning.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    const head = await v1.request('/v1/paragraphs', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe((await v1.request('/v1/paragraphs')).headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('puts a strict Content-Security-Policy on pages (no scripts at all)', async () => {
    const res = await v1.request('/');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/u);
    expect(await res.text()).not.toMatch(/<script/iu);
  });
});
