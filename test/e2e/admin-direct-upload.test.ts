/**
 * The upload script on AWS, in Chromium: with direct uploads on (the admin Lambda's configuration), choosing a PDF and
 * a notice date and pressing the button asks the admin for a presigned URL and PUTs the file there with the signed
 * headers, instead of posting it to the admin. The "bucket" is a small HTTP server on loopback that answers CORS as
 * the source bucket's rule does and records what arrives; the admin is the real app with its real CSP.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createAdminApp } from '../../functions/admin/admin-app.ts';
import { equal } from '../../functions/admin/session.ts';
import { systemClock } from '../../functions/ports/clock.ts';
import type { UploadUrlSigner } from '../../functions/ports/upload-url.ts';
import { createUseCases } from '../../functions/pipeline/use-cases.ts';
import { launchChromium } from '../support/chromium.ts';

const PDF = resolve(import.meta.dirname, '../../data/samples/alingsas-socialnamnden-2026-06-16.pdf');
const TOKEN = 'test-nyckel-for-kanslist-0123';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bytes: number;
}

let bucket: Server;
let admin: ReturnType<typeof serve>;
let browser: Browser;
let bucketOrigin: string;
let adminOrigin: string;
const received: Received[] = [];
const store = new MemoryBlobStore();

function listen(server: Server | ReturnType<typeof serve>): Promise<number> {
  return new Promise((done) => {
    if (server.listening) done((server.address() as AddressInfo).port);
    else server.once('listening', () => done((server.address() as AddressInfo).port));
  });
}

beforeAll(async () => {
  bucket = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        bytes: Buffer.concat(chunks).length,
      });
      res.setHeader('Access-Control-Allow-Origin', adminOrigin);
      res.setHeader('Access-Control-Allow-Methods', 'PUT');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, x-amz-meta-paragraf-notice-date');
      res.end();
    });
  }).listen(0, '127.0.0.1');
  bucketOrigin = `http://127.0.0.1:${await listen(bucket)}`;
  const signer: UploadUrlSigner = {
    sign: async (request) => ({
      method: 'PUT',
      url: `${bucketOrigin}/inbox/${request.path}?X-Amz-Signature=stand-in`,
      headers: {
        'Content-Type': request.mediaType,
        ...(request.provenance.noticeDate ? { 'x-amz-meta-paragraf-notice-date': request.provenance.noticeDate } : {}),
      },
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    }),
  };
  const app = createAdminApp({
    useCases: createUseCases({ store, clock: systemClock, defaultBaseUrl: 'http://127.0.0.1', uploadUrls: signer }),
    signIn: { checkToken: (t) => equal(t, TOKEN) },
    sessionSecret: 'x'.repeat(40),
    uploadOrigin: bucketOrigin,
    log: () => {},
  });
  admin = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  adminOrigin = `http://127.0.0.1:${await listen(admin)}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (admin ? admin.close(() => done()) : done()));
  await new Promise<void>((done) => (bucket ? bucket.close(() => done()) : done()));
});

describe('direct uploads in Chromium', () => {
  it('sends the chosen PDF straight to the presigned URL with the signed headers, not through the admin', async () => {
    const page = await browser.newPage({ locale: 'sv-SE' });
    page.setDefaultTimeout(0); // a hang is caught by the test timeout; a slow machine is not a failure
    const errors: string[] = [];
    // Script errors (the CSP refusing the PUT would be one); the favicon's 401 from this bare admin server is not.
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(`${adminOrigin}/admin/logga-in`);
    await page.getByLabel('Ditt namn').fill('Klara Kanslist');
    await page.getByLabel('Inloggningsnyckel').fill(TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${adminOrigin}/admin`);

    await page.getByLabel(/Protokoll \(PDF eller text\)/u).setInputFiles(PDF);
    await page.getByLabel(/Anslagsdag/u).fill('2026-06-18');
    await page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }).click();
    const status = page.locator('[data-status]');
    await page.waitForFunction(
      "/Mottaget|misslyckades/.test(document.querySelector('[data-status]')?.textContent ?? '')",
    );
    expect(await status.textContent()).toMatch(/^Mottaget/u);
    expect(await status.textContent()).toContain('alingsas-socialnamnden-2026-06-16.pdf');
    expect(page.url()).toBe(`${adminOrigin}/admin`);

    const puts = received.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toMatch(
      /^\/inbox\/admin\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{32}\/alingsas-socialnamnden-2026-06-16\.pdf\?/u,
    );
    expect(puts[0]!.bytes).toBe(readFileSync(PDF).length);
    expect(puts[0]!.headers['content-type']).toBe('application/pdf');
    expect(puts[0]!.headers['x-amz-meta-paragraf-notice-date']).toBe('2026-06-18');
    expect(puts[0]!.headers.origin).toBe(adminOrigin);
    // Nothing was ingested by the admin itself: the file went to the bucket only.
    const keys: string[] = [];
    for await (const m of store.list('')) keys.push(m.key);
    expect(keys).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
