/**
 * The admin pages tested like an attacker: every route refuses an anonymous or forged request; a POST without the
 * session's CSRF token or from another origin is refused even with a valid cookie; file names and titles cannot
 * inject markup; an upload's name cannot choose where it lands; the public site never links to the admin.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import { SessionKeys } from '../../functions/admin/session.ts';
import { FILE_NAME, plantedProtocol } from '../support/planted-protocol.ts';
import { adminFixture, ORIGIN, signIn, TOKEN } from './admin-support.ts';

async function keysOf(store: ReturnType<typeof adminFixture>['store']): Promise<string[]> {
  const keys: string[] = [];
  for await (const m of store.list('')) keys.push(m.key);
  return keys;
}

const GET_ROUTES = [
  '/admin',
  '/admin/',
  '/admin/granskning',
  '/admin/granskning/alingsas-kommunstyrelsen-2024-03-06-5',
  '/admin/karantan',
  '/admin/installningar',
  '/admin/sammantraden/alingsas-kommunstyrelsen-2024-03-06',
];
const POST_ROUTES = [
  '/admin/ladda-upp',
  '/admin/publicera',
  '/admin/installningar',
  '/admin/logga-ut',
  '/admin/sammantraden/alingsas-kommunstyrelsen-2024-03-06/anslag',
  '/admin/granskning/alingsas-kommunstyrelsen-2024-03-06-5/frislapp',
  '/admin/granskning/alingsas-kommunstyrelsen-2024-03-06-5/avvisa',
  '/admin/granskning/alingsas-kommunstyrelsen-2024-03-06-4/aterkalla',
];

function protocolFile(
  text = plantedProtocol({ body: 'Ärendet gäller 850709-9805 och vägen.' }),
  name = FILE_NAME,
): File {
  return new File([text], name, { type: 'text/plain' });
}

describe('admin: who may do what', () => {
  it('refuses every page and every form to an anonymous visitor (401), and writes nothing', async () => {
    const { app, store } = adminFixture();
    for (const path of GET_ROUTES) {
      const res = await app.request(`${ORIGIN}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(await res.text(), path).toContain('Logga in');
    }
    for (const path of POST_ROUTES) {
      const form = new FormData();
      form.set('files', protocolFile());
      const res = await app.request(`${ORIGIN}${path}`, { method: 'POST', headers: { Origin: ORIGIN }, body: form });
      expect(res.status, path).toBe(401);
    }
    expect(await keysOf(store)).toEqual([]);
  });

  it('refuses forged, tampered and expired session cookies', async () => {
    const { app, clock } = adminFixture();
    const client = await signIn(app);
    const [body, mac] = client.cookie.slice('paragraf_admin='.length).split('.');
    const other = new SessionKeys('y'.repeat(48)).issue('Mallory', Math.floor(clock.now().getTime() / 1000)).cookie;
    const asAdmin = Buffer.from(JSON.stringify({ user: 'Mallory', expires: 9_999_999_999, nonce: 'n' })).toString(
      'base64url',
    );
    for (const cookie of [
      `${body}.x${mac}`,
      `${asAdmin}.${mac}`,
      other,
      `${body}`,
      'garbage',
      `${body}.${mac}.${mac}`,
    ]) {
      const res = await app.request(`${ORIGIN}/admin`, { headers: { Cookie: `paragraf_admin=${cookie}` } });
      expect(res.status, cookie).toBe(401);
    }
    clock.advance(8 * 3600 * 1000 + 1000);
    expect((await client.get('/admin')).status).toBe(401);
  });

  it('signs in only with the right key, and sets a cookie no script or other site can use', async () => {
    const { app } = adminFixture();
    const wrong = await app.request(`${ORIGIN}/admin/logga-in`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      body: new URLSearchParams({ user: 'Mallory', token: `${TOKEN}x` }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await app.request(`${ORIGIN}/admin/logga-in`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      body: new URLSearchParams({ user: 'Klara', token: TOKEN }),
    });
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/u);
    expect(cookie).toMatch(/SameSite=Strict/u);
    expect(cookie).toMatch(/Path=\/admin/u);
    const https = await app.request('https://admin.test/admin/logga-in', {
      method: 'POST',
      headers: { Origin: 'https://admin.test' },
      body: new URLSearchParams({ user: 'Klara', token: TOKEN }),
    });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/u);
  });

  it('refuses a signed-in POST without the CSRF token, with another session’s, or from another origin (403)', async () => {
    const { app, store } = adminFixture();
    const klara = await signIn(app, 'Klara');
    const mallory = await signIn(app, 'Mallory');
    expect(klara.csrf).not.toBe(mallory.csrf);
    for (const path of POST_ROUTES) {
      const cases: Array<[string, RequestInit]> = [
        [
          'no token',
          {
            method: 'POST',
            headers: { Cookie: klara.cookie, Origin: ORIGIN },
            body: new URLSearchParams({ posted: '2024-03-08' }),
          },
        ],
        [
          'another session’s token',
          {
            method: 'POST',
            headers: { Cookie: klara.cookie, Origin: ORIGIN },
            body: new URLSearchParams({ _csrf: mallory.csrf }),
          },
        ],
        [
          'another origin',
          {
            method: 'POST',
            headers: { Cookie: klara.cookie, Origin: 'https://evil.test' },
            body: new URLSearchParams({ _csrf: klara.csrf }),
          },
        ],
        [
          'no Origin, cross-site fetch',
          {
            method: 'POST',
            headers: { Cookie: klara.cookie, 'Sec-Fetch-Site': 'cross-site' },
            body: new URLSearchParams({ _csrf: klara.csrf }),
          },
        ],
      ];
      for (const [name, init] of cases)
        expect((await app.request(`${ORIGIN}${path}`, init)).status, `${path}: ${name}`).toBe(403);
    }
    const put = await app.request(`${ORIGIN}/admin/publicera`, {
      method: 'PUT',
      headers: { Cookie: klara.cookie, Origin: ORIGIN },
    });
    expect(put.status).toBe(405);
    expect(await keysOf(store)).toEqual([]);
  });
});

describe('admin: hostile input', () => {
  it('escapes markup in file names and § titles, and a file name cannot choose where it lands', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app);
    const evilTitle = 'Yttrande <script>alert(1)</script> om <img src=x onerror=alert(2)>';
    const res = await client.post('/admin/ladda-upp', {
      files: protocolFile(
        plantedProtocol({ title: evilTitle }),
        '../../../etc/<img src=x onerror=alert(3)>alingsas-kommunstyrelsen-2024-03-06.txt',
      ),
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toMatch(/<img src=x|<script>alert/u);
    expect(page).toContain('&lt;img src=x onerror=alert(3)&gt;alingsas-kommunstyrelsen-2024-03-06.txt');
    const keys = await keysOf(store);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toMatch(/\.\.|etc\/|</u);
      expect(key).toMatch(/^(originals|records|pending|review|quarantine)\//u);
    }
    const preview = await (await client.get('/admin/sammantraden/alingsas-kommunstyrelsen-2024-03-06')).text();
    expect(preview).toContain('Yttrande &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview).not.toMatch(/<script>alert|<img src=x/u);
  });

  it('answers 404 for ids that are not ids, without reading outside the store’s layout', async () => {
    const { app } = adminFixture();
    const client = await signIn(app);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cboot.ini', 'a..b', 'A-B', '%3Cscript%3E', 'x'.repeat(300)]) {
      expect((await client.get(`/admin/sammantraden/${id}`)).status, id).toBe(404);
      expect((await client.get(`/admin/granskning/${id}`)).status, id).toBe(404);
      expect((await client.post(`/admin/granskning/${id}/avvisa`, { reason: 'x' })).status, id).toBe(404);
    }
  });

  it('the public site never links to the admin pages, and never answers for them', async () => {
    const { app, store, clock } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: protocolFile() });
    await client.post('/admin/publicera', {});
    const site = createApp({ store, clock });
    for (const path of [
      '/',
      '/m/alingsas-kommunstyrelsen-2024-03-06',
      '/p/alingsas-kommunstyrelsen-2024-03-06-4',
      '/v1/docs',
    ]) {
      const res = await site.request(path, { headers: { Accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toMatch(/\/admin/u);
    }
    expect((await site.request('/admin', { headers: { Accept: 'text/html' } })).status).toBe(404);
  });
});

describe('admin: upload limits', () => {
  it('refuses a body over the limit (413) before anything is stored, and notice fields with several files (400)', async () => {
    const { store, app: small } = adminFixture({ maxUploadBytes: 64 * 1024 });
    const client = await signIn(small);
    const big = await client.post('/admin/ladda-upp', { files: new File([new Uint8Array(200 * 1024)], 'stor.pdf') });
    expect(big.status).toBe(413);
    const two = await client.post('/admin/ladda-upp', { files: protocolFile(), noticeDate: '2024-03-13' });
    expect(two.status).toBe(200);
    const form = new FormData();
    form.set('_csrf', client.csrf);
    form.append('files', protocolFile());
    form.append('files', protocolFile(plantedProtocol(), 'alingsas-kommunstyrelsen-2024-03-07.txt'));
    form.set('noticeDate', '2024-03-13');
    const several = await small.request(`${ORIGIN}/admin/ladda-upp`, {
      method: 'POST',
      headers: { Cookie: client.cookie, Origin: ORIGIN },
      body: form,
    });
    expect(several.status).toBe(400);
    expect(await several.text()).toContain('ladda upp en fil i taget');
    expect((await keysOf(store)).filter((k) => k.startsWith('originals/'))).toHaveLength(2); // the one upload: bytes + meta
  });
});
