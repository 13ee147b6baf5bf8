import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { citation, municipalityOrganisation } from '../../functions/api/pages/cite.ts';
import { paragraphs } from '../../functions/api/pages/html.ts';
import { MemoryReadModel } from '../support/memory-read-model.ts';
import { BASE_URL, protocol, publishedFixtures } from './fixtures.ts';

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const { store, clock } = await publishedFixtures();
  app = createApp({ store, clock, baseUrl: BASE_URL });
});

async function page(path: string): Promise<string> {
  const res = await app.request(path, { headers: { Accept: 'text/html' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
  return res.text();
}

/** Structural accessibility: language, landmarks, skip link, one h1, no skipped heading level, a label for every control. */
function expectAccessible(html: string): void {
  expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/u);
  expect(html).toMatch(/<a class="skip" href="#main">/u);
  expect(html).toMatch(/<main id="main"/u);
  expect(html).toMatch(/<header>[\s\S]*<nav aria-label="[^"]+">/u);
  expect(html).toMatch(/<footer>/u);
  expect(html.match(/<h1[ >]/gu)).toHaveLength(1);
  const levels = [...html.matchAll(/<h([1-6])[ >]/gu)].map((m) => Number(m[1]));
  levels.forEach((l, i) => i > 0 && expect(l - levels[i - 1]!).toBeLessThanOrEqual(1));
  for (const m of html.matchAll(/<(input|select)\b([^>]*)>/gu)) {
    const attrs = m[2]!;
    if (/type="(hidden|submit)"/u.test(attrs)) continue;
    const id = /\bid="([^"]+)"/u.exec(attrs)?.[1];
    expect(id, `${m[0]} has an id`).toBeDefined();
    expect(html).toContain(`<label for="${id}"`);
  }
  expect(html).not.toMatch(/<script|<img(?![^>]*alt=)/iu);
}

describe('pages', () => {
  it('home: search form, results, dataset downloads', async () => {
    const html = await page('/');
    expectAccessible(html);
    expect(html).toContain('9 paragrafer från 6 sammanträden i 2 kommuner.');
    expect(html).toContain('<form class="search" method="get" action="/" role="search"');
    expect(html).toContain('<option value="testby">Testby</option>');
    expect(html).toContain('<option value="2025">2025</option>');
    expect(html).toContain('id="dataset"');
    expect(html).toContain('<form method="get" action="/v1/datasets/download">');
    expect(html).toMatch(/href="[^"]+\/datasets\/dumps\/[0-9a-f]+\/paragraphs\.csv" download>paragraphs\.csv<\/a>/u);
  });

  it('home: searching filters the results, keeps the form filled, offers CSV and Atom of the same filter', async () => {
    const html = await page('/?q=f%C3%B6rskol&municipality=testby&year=2024');
    expectAccessible(html);
    expect(html).toContain('value="förskol"');
    expect(html).toContain('<option value="testby" selected>Testby</option>');
    expect(html).toContain('3 paragrafer.');
    expect(html.match(/<li>\n<h3><a href="\/p\//gu)).toHaveLength(3);
    expect(html).toContain('href="/v1/paragraphs?q=f%C3%B6rskol&amp;municipality=testby&amp;year=2024&amp;format=csv"');
    expect(html).toContain('href="/v1/feed.atom?q=f%C3%B6rskol&amp;municipality=testby"');
  });

  it('home: a search finds the word forms and marks the words that matched in title and excerpt', async () => {
    const html = await page('/?q=detaljplanerna+');
    expectAccessible(html);
    expect(html).toContain('3 paragrafer.');
    expect(html).toContain('<mark>Detaljplan</mark> för förskola vid Åsen');
    expect(html).toContain('att anta <mark>detaljplanen</mark> för förskolan.');
    expect(html).not.toMatch(/<mark>(för|att)<\/mark>/u);
  });

  it('shows the decision reflowed, with its law citation linked, while the API keeps the verbatim text', async () => {
    const html = await page('/p/testby-kommunfullmaktige-2024-03-01-10');
    expect(html).toContain(
      '<p>Kommunfullmäktige antar detaljplanen, med stöd av <a class="law" href="https://lagen.nu/2017:725#K5P1" title="KL (SFS 2017:725)">5 kap. 1 § KL</a>.</p>',
    );
    const record = (await (await app.request('/v1/paragraphs/testby-kommunfullmaktige-2024-03-01-10')).json()) as {
      decision: string;
    };
    expect(record.decision).toBe('Kommunfullmäktige antar\ndetaljplanen, med stöd av 5 kap.\n1 § KL.');
  });

  it('links law citations in § text to the statute at chapter and section, escaping the rest', () => {
    const out = paragraphs('Överklagas enligt 13 kap. 5 § KL <b>.\nSe 5 kap 20a § kommunallagen.').toString();
    expect(out).toBe(
      '<p>Överklagas enligt <a class="law" href="https://lagen.nu/2017:725#K13P5" title="KL (SFS 2017:725)">13 kap. 5 § KL</a> &lt;b&gt;.' +
        '<br>Se <a class="law" href="https://lagen.nu/2017:725#K5P20A" title="KL (SFS 2017:725)">5 kap 20a § kommunallagen</a>.</p>',
    );
  });

  it('home: bad filters are explained, not a crash', async () => {
    const res = await app.request('/?year=abc', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('year: must be an integer');
  });

  it('§ permalink page: title, decision, case link, vote roll, reservation, source, citation, downloads', async () => {
    const html = await page('/p/testby-kommunstyrelsen-2024-02-05-1');
    expectAccessible(html);
    expect(html).toContain('<h1>§ 1 Detaljplan för förskola vid Åsen</h1>');
    expect(html).toContain(
      '<link rel="canonical" href="https://protokoll.example.se/p/testby-kommunstyrelsen-2024-02-05-1">',
    );
    expect(html).toContain('<p>Kommunstyrelsen föreslår kommunfullmäktige att anta detaljplanen för förskolan.</p>');
    expect(html).toContain('<a href="/c/KS%202023%2F12?municipality=testby">KS 2023/12</a>');
    expect(html).toContain('<strong>Ja 3, Nej 2</strong>');
    expect(html).toContain('<tr><td>Bo Berg</td><td>M</td><td>Nej</td></tr>');
    expect(html).toContain('<h3>Bo Berg (M), David Falk (M)</h3>');
    expect(html).toContain(
      '<a href="/p/testby-kommunstyrelsens-arbetsutskott-2024-01-20-3">Kommunstyrelsens arbetsutskott den 20 januari 2024, § 3</a>',
    );
    expect(html).toContain('<li>Kommunfullmäktige den 1 mars 2019, § 40</li>');
    expect(html).toContain(
      '<p class="cite">Testbys kommun, Kommunstyrelsen, protokoll 2024-02-05, § 1 (s. 3–4). Hämtad från https://protokoll.example.se/p/testby-kommunstyrelsen-2024-02-05-1</p>',
    );
    expect(html).toContain('<a href="/v1/paragraphs/testby-kommunstyrelsen-2024-02-05-1?format=csv">CSV</a>');
    expect(html).toMatch(/<a href="\/datasets\/meetings\/testby\/kommunstyrelsen\/2024\/[^"]+\.json">/u);
  });

  it('meeting page lists its § in printed order; a held-back meeting says so', async () => {
    const html = await page('/m/testby-kommunstyrelsen-2024-02-05');
    expectAccessible(html);
    expect(html).toContain('<h1>Kommunstyrelsen, Testby: sammanträde 2024-02-05</h1>');
    const order = [...html.matchAll(/href="\/p\/(testby-kommunstyrelsen-2024-02-05-\d+)"/gu)].map((m) => m[1]);
    expect(order).toEqual([
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsen-2024-02-05-2',
      'testby-kommunstyrelsen-2024-02-05-3',
    ]);
    expect(await page('/m/testby-socialnamnden-2024-02-06')).toContain(
      'Inga paragrafer från det här sammanträdet är publicerade',
    );
  });

  it('a protocol or § read with low confidence, or from a damaged text layer, tells the reader to check the original', async () => {
    const meeting = await page('/m/testby-kommunfullmaktige-2024-03-01');
    expectAccessible(meeting);
    expect(meeting).toContain(
      '<dt>Tolkning</dt><dd class="warning">Protokollet tolkades med låg säkerhet (0,45): mallen kan vara okänd, jämför med originalet. Textlagret i källdokumentet verkar skadat; stavningen kan avvika från det tryckta.</dd>',
    );
    const low = await page('/p/testby-kommunfullmaktige-2024-03-01-11');
    expect(low).toContain(
      '<dd class="warning">Paragrafen tolkades med låg säkerhet (0,42); jämför med originalet. Textlagret',
    );
    // Same damaged text layer, but this § was read with confidence: only the text layer is mentioned.
    const sure = await page('/p/testby-kommunfullmaktige-2024-03-01-10');
    expect(sure).toContain('<dt>Tolkning</dt><dd class="warning">Textlagret i källdokumentet verkar skadat');
    expect(sure).not.toContain('låg säkerhet');
    for (const path of ['/m/testby-kommunstyrelsen-2024-02-05', '/p/testby-kommunstyrelsen-2024-02-05-1'])
      expect(await page(path)).not.toContain('<dt>Tolkning</dt>');
  });

  it('case page: the path through the bodies, oldest first; ambiguity across municipalities is explained', async () => {
    const html = await page('/c/KS%202023%2F12?municipality=testby');
    expectAccessible(html);
    const order = [...html.matchAll(/<h3><a href="\/p\/([^"]+)"/gu)].map((m) => m[1]);
    expect(order).toEqual([
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunfullmaktige-2024-03-01-10',
    ]);
    const both = await page('/c/KS%202023%2F12');
    expect(both).toContain('Diarienumret förekommer i flera kommuner (aby, testby)');
  });

  it('API docs page is accessible too', async () => {
    expectAccessible(await page('/v1/docs'));
  });
});

describe('citation', () => {
  it('names the organisation in the genitive, the body, the protocol date, the § and its pages', () => {
    expect(municipalityOrganisation('Alingsås')).toBe('Alingsås kommun');
    expect(municipalityOrganisation('Göteborg')).toBe('Göteborgs Stad'); // the municipality's own name (issue 16)
    expect(municipalityOrganisation('Uppsala')).toBe('Uppsala kommun');
    expect(municipalityOrganisation('Lund')).toBe('Lunds kommun');
    expect(municipalityOrganisation('Haparanda')).toBe('Haparanda stad');
    expect(municipalityOrganisation('Testby kommun')).toBe('Testby kommun');
    const base = { municipalityName: 'Alingsås', bodyName: 'kommunstyrelsen', meetingDate: '2024-02-05', number: '28' };
    expect(citation({ ...base, pages: [3, 3] } as never, 'https://x.se/p/a')).toBe(
      'Alingsås kommun, Kommunstyrelsen, protokoll 2024-02-05, § 28 (s. 3). Hämtad från https://x.se/p/a',
    );
    expect(citation({ ...base, pages: [0, 0] } as never, 'https://x.se/p/a')).toBe(
      'Alingsås kommun, Kommunstyrelsen, protokoll 2024-02-05, § 28. Hämtad från https://x.se/p/a',
    );
  });
});

describe('§ page of a redacted §', () => {
  it('says text was removed and gives the legal basis when the reviewer stated one', async () => {
    const p = protocol('Testby', 'Kommunstyrelsen', '2024-02-05', [
      {
        number: '7',
        title: 'Ansökan om bidrag',
        redacted: true,
        redactionBasis: 'OSL 26 kap. 1 §',
        text: '§ 7\nAnsökan om bidrag från [uppgift borttagen]',
      },
      {
        number: '8',
        title: 'Personalärende',
        redacted: true,
        text: '§ 8\nPersonalärende\nBorttagen på grund av sekretess',
      },
    ]);
    const site = createApp({
      store: new MemoryBlobStore(),
      readModel: new MemoryReadModel([p], { sequence: 1, publishedAt: '2026-11-27T10:00:00.000Z' }),
    });
    const html = async (id: string) => (await site.request(`/p/${id}`, { headers: { Accept: 'text/html' } })).text();
    expect(await html(p.paragraphs[0]!.id)).toContain(
      '<dd>Text har tagits bort på grund av sekretess (OSL 26 kap. 1 §).</dd>',
    );
    expect(await html(p.paragraphs[1]!.id)).toContain('<dd>Text har tagits bort på grund av sekretess.</dd>');
  });
});
