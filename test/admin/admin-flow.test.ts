/**
 * The clerk's day in the admin pages, in process: upload a protocol with its notice date, read the preview (§ list,
 * the held § and why), publish, find the appeal deadline on the public § page; release a held § with masking through
 * the same operation as `paragraf review release`; set the organisation number and see catalog.rdf appear at once.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import { readDecision } from '../../functions/pipeline/review/decision.ts';
import { PUBLIC_PREFIX } from '../../functions/published/paths.ts';
import { FILE_NAME, plantedProtocol } from '../support/planted-protocol.ts';
import { adminFixture, signIn } from './admin-support.ts';

const MEETING = 'alingsas-kommunstyrelsen-2024-03-06';
const HELD = `${MEETING}-5`;
const withNumber = () =>
  new File([plantedProtocol({ body: 'Ärendet gäller 850709-9805 och vägen.' })], FILE_NAME, { type: 'text/plain' });

async function publicPage(store: Parameters<typeof createApp>[0]['store'], path: string): Promise<string> {
  const res = await createApp({ store }).request(path, { headers: { Accept: 'text/html' } });
  expect(res.status, path).toBe(200);
  return res.text();
}

describe('admin: upload, preview, publish', () => {
  it('shows what will be published before it is, then publishes it with the appeal deadline', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app);
    const uploaded = await (
      await client.post('/admin/ladda-upp', { files: withNumber(), noticeDate: '2024-03-11' })
    ).text();
    expect(uploaded).toContain('1 § hålls inne för granskning');
    const preview = await (await client.get(`/admin/sammantraden/${MEETING}`)).text();
    expect(preview).toContain('Inte publicerat än');
    expect(preview).toContain('3 paragrafer, varav 1 hålls inne');
    expect(preview).toMatch(/<tr class="held"><td class="num">5<\/td>[\s\S]*?personnummer eller samordningsnummer/u);
    expect(preview).not.toContain('850709-9805');
    // KL 13 kap. 5 §: three weeks from Monday 11 March 2024 is Monday 1 April, annandag påsk: the next weekday.
    expect(preview).toContain('2024-04-02 (beräknad från angiven anslagsdag 2024-03-11)');
    expect(await store.head(`${PUBLIC_PREFIX}manifest.json`)).toBeNull();

    const published = await (await client.post('/admin/publicera', {})).text();
    expect(published).toMatch(/Publicerat \(version 1\): 2 paragrafer tillagda/u);
    const paragraph = await publicPage(store, `/p/${MEETING}-4`);
    expect(paragraph).toContain('Sista dag att överklaga');
    expect(paragraph).toContain('2024-04-02');
    expect((await createApp({ store }).request(`/p/${HELD}`, { headers: { Accept: 'text/html' } })).status).toBe(404);
  });

  it('changes the notice date of a published meeting; the next publish shows the new deadline', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: withNumber() });
    await client.post('/admin/publicera', {});
    expect(await publicPage(store, `/m/${MEETING}`)).not.toContain('Sista dag att överklaga');
    const saved = await (
      await client.post(`/admin/sammantraden/${MEETING}/anslag`, { posted: '2024-03-13', removed: '2024-04-04' })
    ).text();
    expect(saved).toContain('Sista dag att överklaga: 2024-04-03');
    const refused = await client.post(`/admin/sammantraden/${MEETING}/anslag`, { posted: '2024-02-30' });
    expect(refused.status).toBe(400);
    await client.post('/admin/publicera', {});
    expect(await publicPage(store, `/m/${MEETING}`)).toContain('2024-04-03');
  });

  it('releases a held § with masking through the review operations, recording who decided', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app, 'Klara Kanslist');
    await client.post('/admin/ladda-upp', { files: withNumber() });
    const detail = await (await client.get(`/admin/granskning/${HELD}`)).text();
    expect(detail).toContain('850709-9805'); // the reviewer must read what was held
    const refused = await client.post(`/admin/granskning/${HELD}/frislapp`, { redactions: 'finns inte i texten' });
    expect(refused.status).toBe(422);
    const released = await client.post(`/admin/granskning/${HELD}/frislapp`, {
      redactions: '850709-9805',
      basis: 'OSL 21 kap. 7 §',
    });
    expect(released.status).toBe(200);
    expect(await released.text()).toContain('Frisläppt');
    const decision = await readDecision(store, MEETING, HELD);
    expect(decision?.state).toBe('released');
    expect(decision?.history.at(-1)?.by).toBe('Klara Kanslist');
    await client.post('/admin/publicera', {});
    const page = await publicPage(store, `/p/${HELD}`);
    expect(page).toContain('[uppgift borttagen]');
    expect(page).not.toContain('9805');
  });

  it('uploading the same protocol again with a notice date sets the date on its meeting', async () => {
    const { app } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: withNumber() });
    const again = await (
      await client.post('/admin/ladda-upp', { files: withNumber(), noticeDate: '2024-03-13' })
    ).text();
    expect(again).toContain('redan inläst (oförändrad)');
    const preview = await (await client.get(`/admin/sammantraden/${MEETING}`)).text();
    expect(preview).toContain('2024-04-03 (beräknad från angiven anslagsdag 2024-03-13)');
  });

  it('rejects a § with a reason; the reason is required', async () => {
    const { app } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: withNumber() });
    expect((await client.post(`/admin/granskning/${HELD}/avvisa`, { reason: ' ' })).status).toBe(422);
    const ok = await (await client.post(`/admin/granskning/${HELD}/avvisa`, { reason: 'Enskild person' })).text();
    expect(ok).toContain('Avvisad');
    expect(await (await client.get('/admin/granskning')).text()).toMatch(
      /avvisad<\/td><td><a href="\/admin\/granskning\/alingsas-kommunstyrelsen-2024-03-06-5">/u,
    );
  });

  it('withdraws a published § from the preview page: the next publish takes it off the public site', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app, 'Klara Kanslist');
    await client.post('/admin/ladda-upp', { files: withNumber() });
    await client.post('/admin/publicera', {});
    expect(await publicPage(store, `/p/${MEETING}-4`)).toContain('Budget 2025');
    const preview = await (await client.get(`/admin/sammantraden/${MEETING}`)).text();
    expect(preview).toContain(`action="/admin/granskning/${MEETING}-4/aterkalla"`);
    expect((await client.post(`/admin/granskning/${MEETING}-4/aterkalla`, { reason: '' })).status).toBe(422);
    const done = await (
      await client.post(`/admin/granskning/${MEETING}-4/aterkalla`, { reason: 'Namn på enskild' })
    ).text();
    expect(done).toContain('Återkallad');
    expect((await readDecision(store, MEETING, `${MEETING}-4`))?.history.at(-1)).toMatchObject({
      action: 'withdraw',
      by: 'Klara Kanslist',
    });
    await client.post('/admin/publicera', {});
    const gone = await createApp({ store }).request(`/p/${MEETING}-4`, { headers: { Accept: 'text/html' } });
    expect(gone.status).not.toBe(200);
    expect(await gone.text()).not.toContain('Budget 2025');
  });

  it('lists quarantined files with the reason', async () => {
    const { app } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', {
      files: new File(['<html><body>inte ett protokoll</body></html>'], 'sida.html'),
    });
    const page = await (await client.get('/admin/karantan')).text();
    expect(page).toMatch(/<td>sida\.html<\/td><td><code>html<\/code>/u);
  });
});

describe('admin: settings take effect', () => {
  it('publishes catalog.rdf as soon as the organisation number is set, with nothing else changed', async () => {
    const { app, store } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: withNumber() });
    await client.post('/admin/publicera', {});
    expect(await store.head(`${PUBLIC_PREFIX}catalog.rdf`)).toBeNull();
    const bad = await client.post('/admin/installningar', {
      organisationNumber: '212000-1356',
      baseUrl: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('organisationsnumret måste vara ett giltigt nummer');
    expect(text).toContain('http(s)-adress');
    const ok = await (
      await client.post('/admin/installningar', {
        baseUrl: 'https://data.alingsas.test/',
        publisherName: 'Alingsås kommun',
        organisationNumber: '212000-1355',
        contactEmail: 'kansli@alingsas.test',
      })
    ).text();
    expect(ok).toContain('Sparat och publicerat (version 2)');
    const rdf = new TextDecoder().decode((await store.get(`${PUBLIC_PREFIX}catalog.rdf`))!);
    expect(rdf).toContain('2120001355');
    const again = await (
      await client.post('/admin/installningar', {
        baseUrl: 'https://data.alingsas.test',
        publisherName: 'Alingsås kommun',
        organisationNumber: '212000-1355',
        contactEmail: 'kansli@alingsas.test',
      })
    ).text();
    expect(again).toContain('Sparat; inget behövde publiceras om.');
  });
});

describe('admin: a corrected protocol', () => {
  it('marks the § it changed as "Rättad" with date and reason, and keeps the notice date given before', async () => {
    const { app, store, clock } = adminFixture();
    const client = await signIn(app);
    await client.post('/admin/ladda-upp', { files: withNumber(), noticeDate: '2024-03-13' });
    await client.post('/admin/publicera', {});
    clock.set('2024-03-20T09:00:00Z');
    const corrected = plantedProtocol({
      body: 'Ärendet gäller 850709-9805 och vägen.',
      item: 'Meddela Trafikverket och länsstyrelsen beslutet.',
    }).replace('Kommunstyrelsen godkänner förslaget.', 'Kommunstyrelsen godkänner förslaget med en ändring.');
    const uploaded = await (await client.post('/admin/ladda-upp', { files: new File([corrected], FILE_NAME) })).text();
    expect(uploaded).toContain('inläst som rättad version');
    const preview = await (await client.get(`/admin/sammantraden/${MEETING}`)).text();
    expect(preview).toMatch(/<td class="num">4<\/td>[\s\S]*?<strong>Rättad<\/strong> 2024-03-20/u);
    await client.post('/admin/publicera', {});
    const changed = await publicPage(store, `/p/${MEETING}-4`);
    expect(changed).toContain('<strong>Rättad</strong> 2024-03-20: Ersatt av en rättad version av protokollet');
    expect(changed).toContain('2024-04-03'); // the notice date given with the first version still counts
    const same = await publicPage(store, `/p/${MEETING}-6`);
    expect(same).not.toContain('Rättad');
  });
});
