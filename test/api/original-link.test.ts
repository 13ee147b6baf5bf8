/**
 * The § and meeting pages link to the original where the municipality publishes it, opened at the § page, and only
 * when the URL is http(s): a `javascript:` or otherwise hostile URL in a record never becomes a link.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import { BASE_URL, protocol, publishedFixtures } from './fixtures.ts';

let app: ReturnType<typeof createApp>;

const withSource = (p: ReturnType<typeof protocol>, source: Record<string, string>) => ({
  ...p,
  meeting: { ...p.meeting, source: { ...p.meeting.source, ...source } },
});

beforeAll(async () => {
  const linked = withSource(
    protocol('Testby', 'Kommunstyrelsen', '2024-02-05', [
      { number: '1', title: 'Detaljplan', decision: 'Antas.', pages: [3, 4] },
    ]),
    {
      sourceUrl: 'https://diariet.testby.se/download/document?filename=UHJvdG9rb2xs%3D&id=17',
      portal: 'ciceron',
      portalDocumentId: 'DOK-17',
    },
  );
  const hostile = withSource(
    protocol('Testby', 'Kommunfullmäktige', '2024-03-01', [
      { number: '10', title: 'Budget', decision: 'Antas.', pages: [2, 2] },
    ]),
    {
      sourceUrl: 'javascript:alert(document.cookie)',
    },
  );
  const plain = protocol('Åby', 'Kommunstyrelsen', '2023-05-10', [
    { number: '7', title: 'Idrottshall', decision: 'Byggs.', pages: [4, 4] },
  ]);
  const { store, clock } = await publishedFixtures([linked, hostile, plain]);
  app = createApp({ store, clock, baseUrl: BASE_URL });
});

async function page(path: string): Promise<string> {
  const res = await app.request(path, { headers: { Accept: 'text/html' } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('link to the original', () => {
  it('on the § page: the source URL at the page where the § starts', async () => {
    const html = await page('/p/testby-kommunstyrelsen-2024-02-05-1');
    expect(html).toContain(
      '<a class="original" href="https://diariet.testby.se/download/document?filename=UHJvdG9rb2xs%3D&amp;id=17#page=3" rel="noopener external">Originalet hos kommunen, sidan 3</a>',
    );
  });

  it('on the meeting page: the document itself', async () => {
    const html = await page('/m/testby-kommunstyrelsen-2024-02-05');
    expect(html).toContain('href="https://diariet.testby.se/download/document?filename=UHJvdG9rb2xs%3D&amp;id=17"');
  });

  it('never for a URL that is not http(s), and not at all without one', async () => {
    for (const path of [
      '/p/testby-kommunfullmaktige-2024-03-01-10',
      '/m/testby-kommunfullmaktige-2024-03-01',
      '/p/aby-kommunstyrelsen-2023-05-10-7',
    ]) {
      const html = await page(path);
      expect(html, path).not.toContain('class="original"');
      expect(html, path).not.toContain('javascript:');
    }
  });
});
