/**
 * No request can make the API read outside public/: every key it asks the store for is recorded, and hostile paths
 * are sent raw over a socket (fetch would normalise "..") to the real node server.
 */
import { serve, type ServerType } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import { publishedFixtures } from './fixtures.ts';

const touched: string[] = [];
let server: ServerType;
let port: number;

function spy(store: BlobStore): BlobStore {
  const touch = <T>(key: string, read: () => T): T => {
    touched.push(key);
    return read();
  };
  return {
    get: (key) => touch(key, () => store.get(key)),
    getStream: (key) => touch(key, () => store.getStream(key)),
    head: (key) => touch(key, () => store.head(key)),
    list: (prefix) => touch(prefix, () => store.list(prefix)),
    put: () => Promise.reject(new Error('the API must never write')),
    delete: () => Promise.reject(new Error('the API must never delete')),
  };
}

beforeAll(async () => {
  const { store } = await publishedFixtures();
  const app = createApp({ store: spy(store), checkEveryMs: 0 });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function raw(path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const HOSTILE = [
  '/datasets/../records/testby/kommunstyrelsen/2024/testby-kommunstyrelsen-2024-02-05.json',
  '/datasets/..%2Frecords%2Ftestby',
  '/datasets/%2e%2e/%2e%2e/etc/passwd',
  '/datasets/..%5C..%5Crecords',
  '/datasets/%2Fetc%2Fpasswd',
  '/datasets//etc/passwd',
  '/datasets/manifest.json%00.txt',
  '/datasets/units/%2e%2e/%2e%2e/review/testby-socialnamnden-2024-02-06',
  '/datasets/%ZZ',
  '/v1/paragraphs/..%2F..%2Frecords',
  '/v1/paragraphs/%2e%2e',
  '/v1/meetings/..%2Freview%2Ftestby-socialnamnden-2024-02-06',
  '/v1/datasets/download?partition=..%2F..%2Frecords&file=paragraphs.csv',
  '/v1/datasets/download?partition=all&file=..%2F..%2Frecords.json',
  '/v1/datasets?partition=municipality/..%2Frecords',
  '/v1/cases/..%2F..%2Frecords',
  '/p/..%2F..%2Frecords',
  '/m/%2e%2e%2freview',
  '/c/..%2F..%2Freview',
];

describe('ids and paths can never reach outside public/', () => {
  it.each(HOSTILE)('%s', async (path) => {
    const res = await raw(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toMatch(/Ansökan om bistånd|"held"|"ingest"|root:x:0/u);
  });

  it('asked the store for nothing but public/ keys during all of it', async () => {
    await raw('/v1/paragraphs?q=detaljplan');
    await raw('/datasets/manifest.json');
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.filter((k) => !k.startsWith('public/'))).toEqual([]);
  });

  it('still serves real files under /datasets', async () => {
    const res = await raw('/datasets/manifest.json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).schemaVersion).toBe(1);
  });
});
