/**
 * End to end in a real browser: Debian's Chromium (installed by .ci/run) driven by playwright-core against
 * `paragraf serve`'s server on a random loopback port, over a store filled by ingesting data/samples and publishing
 * with the real pipeline. A person searches, opens a §, follows its case, and downloads CSV that must parse.
 * No browser is ever downloaded; without /usr/bin/chromium this test fails (CI installs it), it does not skip.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { startServer, type RunningServer } from '../../functions/cli/commands/serve.ts';
import { systemClock } from '../../functions/ports/clock.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { publishDatasets } from '../../functions/pipeline/publish-datasets.ts';

const SOURCE_SAMPLE = 'alingsas-kommunstyrelsen-2026-06-01.pdf';
const SOURCE_URL = 'https://www.alingsas.se/protokoll/kommunstyrelsen-2026-06-01.pdf';
const LAW_SAMPLE = 'alingsas-kommunstyrelsen-2024-02-05-p28.txt';
const LAW_CITATION = 'med stöd av 6 kap. 6 § kommunallagen';
const SAMPLES = resolve(import.meta.dirname, '../../data/samples');
const dir = mkdtempSync(join(tmpdir(), 'paragraf-browser-'));
let server: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const store = new FsBlobStore(join(dir, 'store'));
  // The server first (port 0 picks a free one), so the publish can write permalinks with its real address.
  server = await startServer({ dataDir: join(dir, 'store'), port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  const extractor = createDocumentExtractor();
  for (const name of readdirSync(SAMPLES).sort()) {
    // One sample as a municipality would upload it with its public address, one with a law citation in its decision.
    let bytes = readFileSync(join(SAMPLES, name));
    if (name === LAW_SAMPLE)
      bytes = Buffer.from(
        bytes
          .toString('utf8')
          .replace('från och med 1 februari 2024.\n2.', `från och med 1 februari 2024, ${LAW_CITATION}.\n2.`),
      );
    const provenance = name === SOURCE_SAMPLE ? { provenance: { sourceUrl: SOURCE_URL } } : {};
    const outcome = await ingestDocument(
      { store, extractor, clock: systemClock },
      { bytes, fileName: name, ...provenance },
    );
    expect(outcome.status, name).not.toBe('quarantined');
  }
  await publishDatasets({ store, clock: systemClock }, { baseUrl: base, publisher: { name: 'Paragraf' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.server.close(() => done()) : done()));
  rmSync(dir, { recursive: true, force: true });
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('a journalist in Chromium', () => {
  it('searches, opens a §, follows its case and downloads CSV that parses', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    page.setDefaultTimeout(0); // no own deadline: a hang is caught by the test timeout, a slow machine is not a failure
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');

    // Search, with a filter chosen in the form as a person would.
    await page.getByLabel('Sökord').fill('detaljplan');
    await page.getByLabel('Kommun', { exact: true }).selectOption('alingsas');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/\?q=detaljplan/u);
    const results = page.locator('ol.results > li');
    expect(await results.count()).toBeGreaterThanOrEqual(1);
    const first = results.first().locator('h3 a');
    const title = (await first.textContent())!;
    expect(title).toMatch(/Detaljplan/u);

    // The § page: heading, decision, citation.
    await first.click();
    await page.waitForURL(/\/p\/alingsas-/u);
    const paragraphUrl = page.url();
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('p.cite').textContent()).toMatch(
      new RegExp(
        `^Alingsås kommun, [A-ZÅÄÖ][a-zåäö]+, protokoll \\d{4}-\\d{2}-\\d{2}, § \\d+ \\(s\\. \\d+(–\\d+)?\\)\\. Hämtad från ${paragraphUrl.replace(/[.?]/gu, '\\$&')}$`,
        'u',
      ),
    );

    // Its CSV downloads and parses, with this § as the only row.
    const one = await download(page, () => page.getByRole('link', { name: 'CSV', exact: true }).click());
    const oneRows = parse(one.text, { columns: true }) as Array<Record<string, string>>;
    expect(oneRows).toHaveLength(1);
    expect(oneRows[0]!.permalink).toBe(paragraphUrl);

    // Follow the case number to the case's timeline, which lists this §.
    const caseLink = page.locator('dt:text("Diarienummer") + dd a').first();
    const caseNumber = (await caseLink.textContent())!;
    await caseLink.click();
    await page.waitForURL(/\/c\//u);
    expect(await page.locator('h1').textContent()).toBe(`Ärende ${caseNumber}`);
    const timeline = await page
      .locator('ol.results h3 a')
      .evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
    expect(timeline).toContain(paragraphUrl);

    // The search results as CSV, from the home page: every row is a § that matched.
    await page.goto(`${base}/?q=detaljplan`);
    const all = await download(page, () => page.getByRole('link', { name: 'Ladda ner träffarna som CSV' }).click());
    expect(all.name).toBe('paragrafer.csv');
    const rows = parse(all.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(await page.locator('ol.results > li').count());
    for (const row of rows) expect(`${row.title} ${row.decision}`).toMatch(/detaljplan/iu);
    await page.close();
  });

  it('follows a § to the original at its page, and a law citation to the statute', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    const list = (await (
      await fetch(`${base}/v1/paragraphs?meeting=alingsas-kommunstyrelsen-2026-06-01&limit=1`)
    ).json()) as { items: Array<{ id: string; pages: [number, number] }> };
    const first = list.items[0]!;
    await page.goto(`${base}/p/${first.id}`);
    const original = page.locator('a.original');
    expect(await original.getAttribute('href')).toBe(`${SOURCE_URL}#page=${first.pages[0]}`);
    expect(await original.textContent()).toBe(`Originalet hos kommunen, sidan ${first.pages[0]}`);

    await page.goto(`${base}/p/alingsas-kommunstyrelsen-2024-02-05-28`);
    const law = page.locator('a.law');
    expect(await law.count()).toBe(1);
    expect(await law.textContent()).toBe('6 kap. 6 § kommunallagen');
    expect(await law.getAttribute('href')).toBe('https://lagen.nu/2017:725#K6P6');
    await page.close();
  });

  it('does not scroll sideways on a phone or a desktop: the API docs, the start page, a § page', async () => {
    for (const width of [375, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      page.setDefaultTimeout(0);
      for (const path of ['/v1/docs', '/', '/p/alingsas-kommunstyrelsen-2024-02-05-28']) {
        await page.goto(`${base}${path}`);
        const [scroll, client] = (await page.evaluate(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
        )) as [number, number];
        expect(scroll, `${path} at ${width}px`).toBeLessThanOrEqual(client);
      }
      await page.close();
    }
  });

  it('works without JavaScript: the same search by the form alone', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    await page.goto(`${base}/`);
    await page.getByLabel('Sökord').fill('budget');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/\?q=budget/u);
    expect(await page.locator('ol.results > li').count()).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});
