/**
 * The clerk in a real browser: Debian's Chromium driven by playwright-core against `paragraf serve --admin`'s server
 * (the same composition as the command) on a loopback port over an empty store. Signs in with the key, uploads a real
 * protocol PDF with its notice date, reads the preview (§ count, the held §), releases one held § from the review
 * page, publishes, and finds that § on the public page with its appeal deadline.
 *
 * With SCREENSHOTS_DIR set, each admin page is also saved there as PNG (docs/images/admin-*.png are made so).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAdmin, type LocalAdmin } from '../../functions/cli/admin-server.ts';
import { startServer, type RunningServer } from '../../functions/cli/commands/serve.ts';

const PDF = resolve(import.meta.dirname, '../../data/samples/alingsas-socialnamnden-2026-06-16.pdf');
const MEETING = 'alingsas-socialnamnden-2026-06-16';
const TOKEN = 'test-nyckel-for-kanslist-0123';
const SHOTS = process.env.SCREENSHOTS_DIR;
const dir = mkdtempSync(join(tmpdir(), 'paragraf-admin-browser-'));
let server: RunningServer;
let admin: LocalAdmin;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const dataDir = join(dir, 'store');
  // The admin publishes under the address the server is reached at; port 0 is resolved by a first bind.
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  await new Promise((done) => server.server.close(done));
  admin = await localAdmin({ dataDir, baseUrl: base, env: { PARAGRAF_ADMIN_TOKEN: TOKEN } });
  server = await startServer({ dataDir, port: Number(new URL(base).port), host: '127.0.0.1', admin: admin.app });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.server.close(() => done()) : done()));
  await admin?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage: true });
}

describe('the municipality’s clerk in Chromium', () => {
  it('signs in, uploads a protocol with a notice date, previews, releases a held §, publishes, and finds the deadline', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 }, locale: 'sv-SE' });
    page.setDefaultTimeout(0); // a hang is caught by the test timeout; a slow machine is not a failure
    const response = await page.goto(`${base}/admin`);
    expect(response?.status()).toBe(401);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await shot(page, 'logga-in');
    await page.getByLabel('Ditt namn').fill('Klara Kanslist');
    await page.getByLabel('Inloggningsnyckel').fill(TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${base}/admin`);
    await page.getByRole('heading', { name: 'Publicera protokoll' }).waitFor();
    await shot(page, 'oversikt');

    await page.getByLabel(/Protokoll \(PDF eller text\)/u).setInputFiles(PDF);
    await page.getByLabel(/Anslagsdag/u).fill('2026-06-18');
    await page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Uppladdat' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('6 § hålls inne för granskning');
    await shot(page, 'uppladdat');

    await page.getByRole('link', { name: `Förhandsgranska ${MEETING}` }).click();
    await page.waitForURL(`${base}/admin/sammantraden/${MEETING}`);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('6 paragrafer, varav 6 hålls inne');
    expect(await main.textContent()).toContain('Inte publicerat än');
    expect(await page.locator('tr.held').count()).toBe(6);
    expect(await page.locator('tr.held', { hasText: 'Ekonomisk uppföljning 2026' }).textContent()).toContain(
      'nämnd vars paragrafer granskas först',
    );
    expect(await main.textContent()).toContain('2026-07-09 (beräknad från angiven anslagsdag 2026-06-18)');
    await shot(page, 'forhandsgranskning');

    await page.goto(`${base}/admin/granskning`);
    await shot(page, 'granskning');
    await page.getByRole('link', { name: `§ 35 ${MEETING}` }).click();
    await page.waitForURL(`${base}/admin/granskning/${MEETING}-35`);
    await shot(page, 'granska-paragraf');
    await page.getByLabel(/Lagstöd/u).fill('');
    await page.getByRole('button', { name: 'Frisläpp för publicering' }).click();
    await page.getByText('Frisläppt.').waitFor();

    await page.goto(`${base}/admin/sammantraden/${MEETING}`);
    await page.getByRole('button', { name: 'Publicera', exact: true }).click();
    await page.getByText(/Publicerat \(version 1\): 1 paragrafer tillagda/u).waitFor();

    // The public site: the released § with its appeal deadline; a held one is not there.
    await page.goto(`${base}/p/${MEETING}-35`);
    expect(await page.locator('h1').textContent()).toContain('Ekonomisk uppföljning 2026');
    const facts = await page.locator('main').textContent();
    expect(facts).toContain('Sista dag att överklaga');
    expect(facts).toContain('2026-07-09');
    expect((await page.goto(`${base}/p/${MEETING}-36`))?.status()).toBe(404);

    await page.goto(`${base}/admin/karantan`);
    await shot(page, 'karantan');
    await page.goto(`${base}/admin/installningar`);
    await shot(page, 'installningar');
    await page.getByRole('button', { name: /Logga ut/u }).click();
    await page.waitForURL(`${base}/admin/logga-in`);
    expect((await page.goto(`${base}/admin`))?.status()).toBe(401);
  });
});
