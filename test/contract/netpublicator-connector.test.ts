import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerConfig } from '../../functions/adapters/portals/netpublicator-connector.ts';
import { harness, testSource } from '../support/fake-portals/harness.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { startFakeNetpublicator, type NpFake, type NpFakeOptions } from '../support/fake-portals/netpublicator-fake.ts';
import { portalConnectorContract, type PortalFixture } from './portal-connector.contract.ts';

const KF = 'Kommunfullmäktige';
const KS = 'Kommunstyrelsen';
const doc = (name: string) => ({ name, bytes: fakePdf(`np ${name}`) });

/** Names as seen on Netpublicator: "Protokoll KF <date>", "KF YYYY-MM-DD - Protokoll", "Protokoll Omedelbar justering §X". */
function portal(robots?: string | null): NpFakeOptions {
  return {
    reader: 'r01696490',
    rootId: '4711',
    robots: robots ?? null,
    temporary403: true,
    bodies: [
      { name: KF, yearChannels: true },
      { name: KS, yearChannels: false },
    ],
    meetings: [
      {
        body: KF,
        date: '2025-09-22',
        documents: [
          doc('Kallelse KF 2025-09-22'),
          doc('KF 2025-09-22 - Protokoll'),
          doc('Tillkännagivande KF 2025-09-22'),
        ],
        paragraphChannels: ['§ 101 Budget', '§ 102 Motion om cykelbanor'],
      },
      {
        body: KF,
        date: '2026-01-26',
        documents: [
          doc('Protokoll KF 2026-01-26'),
          doc('Protokoll Omedelbar justering §7'),
          doc('Närvaroförteckning KF 2026-01-26'),
          doc('Röstningsbilaga KF 2026-01-26'),
        ],
      },
      { body: KF, date: '2026-04-20', documents: [doc('Kallelse KF 2026-04-20')] },
      { body: KF, date: '2023-11-27', documents: [doc('Protokoll KF 2023-11-27')] },
      { body: KS, date: '2026-03-02', documents: [doc('Protokoll KS 2026-03-02')] },
    ],
  };
}

async function setup(options: { robots?: string | null }): Promise<PortalFixture & { fake: NpFake }> {
  const fake = await startFakeNetpublicator(portal(options.robots));
  const source = testSource({
    id: 'test-np',
    system: 'netpublicator',
    baseUrl: `${fake.origin}/anslagstavla`,
    bodies: [KF],
    netpublicator: { reader: 'r01696490', rootId: '4711', apiBase: fake.origin },
  });
  const h = harness([source]);
  return {
    fake,
    connector: h.client.connectorFor(source),
    harness: h,
    server: fake,
    bodies: [KF, KS],
    body: KF,
    range: { from: '2025-01-01', to: '2026-06-20' },
    expected: {
      '2025-09-22': { protocol: { bytes: fakePdf('np KF 2025-09-22 - Protokoll'), related: 0 } },
      '2026-01-26': { protocol: { bytes: fakePdf('np Protokoll KF 2026-01-26'), related: 1 } },
      '2026-04-20': {},
    },
    outside: '2023-11-27',
    htmlUrl: `${fake.origin}/anslagstavla`,
    intervalMs: 3000,
    stop: () => fake.stop(),
  };
}

portalConnectorContract('Netpublicator', setup);

describe('Netpublicator traps', () => {
  let f: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    f = await setup({});
  });
  afterAll(() => f.stop());

  const reads = () =>
    f.fake.requests
      .filter((r) => r.pathname.endsWith('/read'))
      .map((r) => `${r.query.get('hash')} ${r.query.get('isr')}`);

  it('reads the root with isr=true and everything below it with isr=false, paths joined by "-"', async () => {
    const bodies = await f.connector.listBodies();
    await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range);
    const seen = reads();
    expect(seen[0]).toBe('4711 true');
    expect(seen.slice(1).every((r) => r.endsWith(' false') && r.startsWith('4711-'))).toBe(true);
  });

  it('descends only into year channels that overlap the range (not 2023), and not into per-§ channels', async () => {
    const before = f.fake.requests.length;
    const bodies = await f.connector.listBodies();
    const meetings = await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, {
      from: '2026-01-01',
      to: '2026-06-20',
    });
    expect(meetings.map((m) => m.date).sort()).toEqual(['2026-01-26', '2026-04-20']);
    const paths = f.fake.requests
      .slice(before)
      .filter((r) => r.pathname.endsWith('/read'))
      .map((r) => r.query.get('hash')!);
    expect(paths).toHaveLength(3); // root, the body, its 2026 channel
  });

  it('fetches a document with the path of its parent meeting as hash', async () => {
    const bodies = await f.connector.listBodies();
    const meeting = (await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range)).find(
      (m) => m.date === '2026-01-26',
    )!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    expect(protocol.url).toMatch(
      new RegExp(`/api/public/r01696490/document/${protocol.id}\\?hash=${encodeURIComponent(meeting.key)}$`, 'u'),
    );
    expect(meeting.key.split('-')).toHaveLength(4); // root, body, year, meeting
  });

  it('waits and retries after the temporary 403, three seconds apart at least', async () => {
    const bodies = await f.connector.listBodies();
    const meeting = (await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range)).find(
      (m) => m.date === '2025-09-22',
    )!;
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents).protocol!;
    const before = f.harness.events.length;
    await f.connector.fetchDocument(protocol);
    const events = f.harness.events.slice(before);
    expect(events.filter((e) => e.type === 'retry')).toEqual([expect.objectContaining({ reason: 'HTTP 403' })]);
    const starts = events.flatMap((e) => (e.type === 'request' ? [e.at] : []));
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(3000);
  });

  it('finds reader and root on a municipal page that embeds np-publicreader.js', async () => {
    const source = testSource({
      id: 'test-np-page',
      system: 'netpublicator',
      baseUrl: f.fake.origin,
      bodies: [KF],
      netpublicator: { page: `${f.fake.origin}/anslagstavla`, apiBase: f.fake.origin },
    });
    const connector = harness([source]).client.connectorFor(source);
    expect((await connector.listBodies()).map((b) => b.name)).toEqual([KF, KS]);
    expect(readerConfig('<div data-np-config=\'{"readerName":"x\\"><script>","rootId":"1"}\'></div>')).toBeUndefined();
  });
});
