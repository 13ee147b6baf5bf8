import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeCiceron,
  latin1Base64,
  type CiceronFake,
  type CiceronFakeOptions,
} from '../support/fake-portals/ciceron-fake.ts';
import { harness, testSource } from '../support/fake-portals/harness.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { HttpStatusError } from '../../functions/ports/http-client.ts';
import { portalConnectorContract, type PortalFixture } from './portal-connector.contract.ts';

const KF = 'Kommunfullmäktige';
const KS = 'Kommunstyrelsen';
const doc = (name: string, filename = `${name}.pdf`) => ({ name, filename, bytes: fakePdf(`ciceron ${filename}`) });

/** Names as seen on Ciceron: "Protokoll Kommunfullmäktige <date>", "Protokoll KF YYMMDD", with å/ä/ö/§ in file names. */
function portal(robots?: string | null): CiceronFakeOptions {
  return {
    robots: robots ?? null,
    flaky: true,
    diaries: [
      { name: 'KS', instances: [KF, KS] },
      { name: 'BUN', instances: ['Barn- och utbildningsnämnden'] },
    ],
    meetings: [
      {
        diary: 'KS',
        board: KF,
        date: '2025-11-24',
        documents: [
          doc('Kallelse Kommunfullmäktige 2025-11-24'),
          doc('Protokoll Kommunfullmäktige 2025-11-24', 'Protokoll KF 251124 §§ 80-95 åäö.pdf'),
          doc('Anslagsbevis KF 251124'),
        ],
      },
      {
        diary: 'KS',
        board: KF,
        date: '2026-02-02',
        documents: [
          doc('Kungörelse KF 260202'),
          doc('Protokoll KF 260202'),
          doc('Protokoll KF 260202 § 5 omedelbar justering'),
          doc('Närvaro KF 260202'),
          doc('Omröstningsresultat KF 260202'),
        ],
        details: { anslagsdatum: '2026-02-09' },
      },
      { diary: 'KS', board: KF, date: '2026-03-30', documents: [doc('Kallelse KF 260330'), doc('Talare KF 260330')] },
      {
        diary: 'KS',
        board: KF,
        date: '2026-05-18',
        documents: [
          doc('Protokoll Kommunfullmäktige 2026-05-18 GDPR-säkrat', 'Protokoll KF § 1-40 gdpr.pdf'),
          doc('Protokoll Kommunfullmäktige 2026-05-18', 'Protokoll KF § 1-40.pdf'),
        ],
      },
      { diary: 'KS', board: KF, date: '2024-01-15', documents: [doc('Protokoll KF 240115')] },
      { diary: 'KS', board: KS, date: '2026-02-09', documents: [doc('Protokoll KS 260209')] },
    ],
  };
}

const expected: PortalFixture['expected'] = {
  '2025-11-24': { protocol: { bytes: fakePdf('ciceron Protokoll KF 251124 §§ 80-95 åäö.pdf'), related: 0 } },
  '2026-02-02': { protocol: { bytes: fakePdf('ciceron Protokoll KF 260202.pdf'), related: 1 } },
  '2026-03-30': {},
  '2026-05-18': { protocol: { bytes: fakePdf('ciceron Protokoll KF § 1-40 gdpr.pdf'), related: 1 } },
};

async function setup(
  options: { robots?: string | null },
  flaky = true,
): Promise<PortalFixture & { fake: CiceronFake }> {
  const fake = await startFakeCiceron({ ...portal(options.robots), flaky });
  const source = testSource({
    id: 'test-ciceron',
    system: 'ciceron',
    baseUrl: fake.origin,
    bodies: [KF],
    ciceron: { doctype: 1 },
  });
  const h = harness([source]);
  return {
    fake,
    connector: h.client.connectorFor(source),
    harness: h,
    server: fake,
    bodies: [KF, KS, 'Barn- och utbildningsnämnden'],
    body: KF,
    range: { from: '2025-06-01', to: '2026-06-20' },
    expected,
    outside: '2024-01-15',
    htmlUrl: `${fake.origin}/`,
    intervalMs: 1000,
    stop: () => fake.stop(),
  };
}

portalConnectorContract('Ciceron', (o) => setup(o));

describe('Ciceron traps', () => {
  let f: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    f = await setup({});
  });
  afterAll(() => f.stop());

  const kfMeetings = async () => {
    const bodies = await f.connector.listBodies();
    return f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range);
  };

  it('opens a session with CiceronsokServer:Test and sends session_id at the top level and as the cicsoksid cookie', async () => {
    await f.connector.listBodies();
    const calls = f.fake.requests
      .filter((r) => r.pathname === '/json')
      .map(
        (r): Record<string, unknown> => ({
          ...(JSON.parse(r.body) as Record<string, unknown>),
          cookie: r.headers['cookie'],
        }),
      );
    expect(calls[0]).toMatchObject({ jsonrpc: '2.0', method: 'CiceronsokServer:Test' });
    const later = calls.find((c) => c['method'] === 'CiceronsokServer:ReadDiaries')!;
    expect(later['session_id']).toMatch(/^sid\d+$/u);
    expect(later['cookie']).toBe(`cicsoksid=${String(later['session_id'])}`);
    expect((later['params'] as Record<string, unknown>)['session_id']).toBeUndefined();
  });

  it('passes Search its param as a JSON string with diary, board and dates', async () => {
    await kfMeetings();
    const search = f.fake.requests
      .map((r) =>
        r.pathname === '/json'
          ? (JSON.parse(r.body) as { method: string; params: Record<string, unknown> })
          : undefined,
      )
      .find((c) => c?.method === 'CiceronsokServer:Search')!;
    expect(typeof search.params['param']).toBe('string');
    expect(JSON.parse(search.params['param'] as string)).toMatchObject({
      diary: 'KS',
      board: KF,
      from_date: '2025-06-01',
      to_date: '2026-06-20',
    });
  });

  it("keeps one search per body, so positions of one body are never read against another body's search", async () => {
    const bodies = await f.connector.listBodies();
    const kf = await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range);
    await f.connector.listMeetings(bodies.find((b) => b.name === KS)!, f.range);
    const listed = await f.connector.listDocuments(kf.find((m) => m.date === '2026-02-02')!);
    expect(listed.documents.map((d) => d.name)).toContain('Protokoll KF 260202');
  });

  it('searches again when the session expired and the positions are gone', async () => {
    const meetings = await kfMeetings();
    f.fake.expireSessions();
    const listed = await f.connector.listDocuments(meetings.find((m) => m.date === '2025-11-24')!);
    expect(listed.documents.map((d) => d.name)).toContain('Protokoll Kommunfullmäktige 2025-11-24');
  });

  it('copies filename_b64 verbatim (Latin-1 å/ä/ö/§), URL-encoding "=", "+" and "/"', async () => {
    const meeting = (await kfMeetings()).find((m) => m.date === '2025-11-24')!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    const b64 = latin1Base64('Protokoll KF 251124 §§ 80-95 åäö.pdf');
    expect(protocol.url).toContain(`filename=${encodeURIComponent(b64)}&`);
    expect(protocol.url).not.toMatch(/filename=[^&]*[=+/]/u);
    expect(protocol.id).toMatch(/^DOK-\d+$/u);
  });

  it('gets an HTML error page (HTTP 500) for a re-encoded file name, and reports it as an error', async () => {
    const meeting = (await kfMeetings()).find((m) => m.date === '2025-11-24')!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    const utf8 = Buffer.from('Protokoll KF 251124 §§ 80-95 åäö.pdf', 'utf8').toString('base64');
    const reencoded = {
      ...protocol,
      url: protocol.url.replace(/filename=[^&]*/u, `filename=${encodeURIComponent(utf8)}`),
    };
    await expect(f.connector.fetchDocument(reencoded)).rejects.toBeInstanceOf(HttpStatusError);
  });

  it('retries the sporadic 502 with backoff and then gets the document', async () => {
    const meeting = (await kfMeetings()).find((m) => m.date === '2026-02-02')!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    const before = f.harness.events.length;
    const fetched = await f.connector.fetchDocument(protocol);
    expect(new TextDecoder().decode(fetched.bytes)).toContain('Protokoll KF 260202.pdf');
    const retries = f.harness.events.slice(before).filter((e) => e.type === 'retry');
    expect(retries).toEqual([expect.objectContaining({ reason: 'HTTP 502', delayMs: 2000, attempt: 1 })]);
  });

  it('reads the notice date the details give (anslagsdatum)', async () => {
    const meeting = (await kfMeetings()).find((m) => m.date === '2026-02-02')!;
    expect((await f.connector.listDocuments(meeting)).noticeDate).toBe('2026-02-09');
  });

  it('answers HEAD with 404 while GET works, and the connector never asks HEAD', async () => {
    const meeting = (await kfMeetings()).find((m) => m.date === '2025-11-24')!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    const head = await fetch(protocol.url, { method: 'HEAD' });
    expect(head.status).toBe(404);
    await expect(f.connector.fetchDocument(protocol)).resolves.toMatchObject({ mediaType: 'application/pdf' });
  });

  it('reads a long result list page by page, 100 at a time (limits above 250 are refused)', async () => {
    const days = Array.from({ length: 230 }, (_, i) =>
      new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const big = await startFakeCiceron({
      diaries: [{ name: 'KS', instances: [KF] }],
      meetings: days.map((date) => ({ diary: 'KS', board: KF, date, documents: [] })),
    });
    try {
      const source = testSource({ id: 'test-ciceron-big', system: 'ciceron', baseUrl: big.origin, bodies: [KF] });
      const connector = harness([source]).client.connectorFor(source);
      const [body] = await connector.listBodies();
      const meetings = await connector.listMeetings(body!, { from: '2025-01-01', to: '2025-12-31' });
      expect(meetings.map((m) => m.date).sort()).toEqual(days);
      const pages = big.requests
        .map((r) =>
          r.pathname === '/json'
            ? (JSON.parse(r.body) as { method: string; params: { offset?: number; limit?: number } })
            : undefined,
        )
        .filter((c) => c?.method === 'CiceronsokServer:ReadItems')
        .map((c) => [c!.params.offset, c!.params.limit]);
      expect(pages).toEqual([
        [0, 100],
        [100, 100],
        [200, 100],
      ]);
    } finally {
      await big.stop();
    }
  });
});
