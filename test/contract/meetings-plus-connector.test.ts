import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RobotsDisallowedError } from '../../functions/ports/http-client.ts';
import { SoftNotFoundError } from '../../functions/ports/portal-connector.ts';
import { harness, testSource } from '../support/fake-portals/harness.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { startFakeMeetingsPlus, type MpFake, type MpFakeOptions } from '../support/fake-portals/meetings-plus-fake.ts';
import { portalConnectorContract, type PortalFixture } from './portal-connector.contract.ts';

const KF = 'Kommunfullmäktige';

function portal(robots?: string | null, nofollowMeetings = false): MpFakeOptions {
  return {
    robots: robots ?? null,
    today: '2026-06-20',
    nofollowMeetings,
    committees: [
      {
        slug: 'kommunfullmaktige',
        name: KF,
        meetings: [
          { date: '2026-09-14', style: 'mote' },
          { date: '2026-06-10', style: 'mote', pending: true },
          {
            date: '2026-04-22',
            style: 'slug-date',
            protocol: {
              filename: 'protokoll-kommunfullmaktige-2026-04-22',
              suffix: 20417,
              bytes: fakePdf('mp KF 2026-04-22'),
            },
            noticeDate: '2026-04-29',
          },
          {
            date: '2026-03-18',
            style: 'opaque',
            protocol: { filename: 'protokoll-kf-260318', bytes: fakePdf('mp KF 2026-03-18') },
            partials: [
              {
                text: 'Protokoll § 31 omedelbar justering',
                filename: 'protokoll-kf-260318-p31',
                bytes: fakePdf('mp § 31'),
              },
            ],
          },
          { date: '2026-02-25', style: 'mote', cancelled: true },
          {
            date: '2024-12-11',
            style: 'mote',
            protocol: { filename: 'protokoll-kf-241211', bytes: fakePdf('mp KF 2024-12-11') },
          },
        ],
      },
      {
        slug: 'kommunstyrelsen',
        name: 'Kommunstyrelsen',
        meetings: [{ date: '2026-04-01', style: 'mote', protocol: { filename: 'ks-260401', bytes: fakePdf('mp KS') } }],
      },
    ],
  };
}

async function setup(options: { robots?: string | null }, nofollow = false): Promise<PortalFixture & { fake: MpFake }> {
  const fake = await startFakeMeetingsPlus(portal(options.robots, nofollow));
  const source = testSource({ id: 'test-mp', system: 'meetings-plus', baseUrl: fake.origin, bodies: [KF] });
  const h = harness([source]);
  return {
    fake,
    connector: h.client.connectorFor(source),
    harness: h,
    server: fake,
    bodies: [KF, 'Kommunstyrelsen'],
    body: KF,
    range: { from: '2025-06-01', to: '2026-06-20' },
    expected: {
      '2026-06-10': { note: 'not-yet-published' },
      '2026-04-22': { protocol: { bytes: fakePdf('mp KF 2026-04-22'), related: 0 } },
      '2026-03-18': { protocol: { bytes: fakePdf('mp KF 2026-03-18'), related: 1 } },
      '2026-02-25': { note: 'cancelled' },
    },
    outside: '2024-12-11',
    htmlUrl: `${fake.origin}/committees/kommunfullmaktige/kommunfullmaktige-2026-04-22/protocol/protokoll-kommunfullmaktige-2026-04-22`,
    intervalMs: 1000,
    stop: () => fake.stop(),
  };
}

portalConnectorContract('Meetings+', setup);

describe('Meetings+ traps', () => {
  let f: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    f = await setup({});
  });
  afterAll(() => f.stop());

  const meeting = async (date: string) => {
    const bodies = await f.connector.listBodies();
    return (await f.connector.listMeetings(bodies.find((b) => b.name === KF)!, f.range)).find((m) => m.date === date)!;
  };

  it('reads all three link styles, past meetings under "Tidigare" included, and dates the opaque one from its text', async () => {
    const m = await meeting('2026-03-18');
    expect(m.key).toMatch(/^\/committees\/kommunfullmaktige\/kommunfullmaktige-[a-z0-9]+$/u);
    expect((await meeting('2026-04-22')).key).toBe('/committees/kommunfullmaktige/kommunfullmaktige-2026-04-22');
    expect((await meeting('2026-02-25')).key).toBe('/committees/kommunfullmaktige/mote-2026-02-25');
  });

  it('keeps the whole protocol URL (dotless "pdf", numeric suffix, ?downloadMode=open) and uses the suffix as version', async () => {
    const protocol = f.connector.pickProtocol((await f.connector.listDocuments(await meeting('2026-04-22'))).documents)
      .protocol!;
    expect(protocol.url).toBe(
      `${f.fake.origin}/committees/kommunfullmaktige/kommunfullmaktige-2026-04-22/protocol/protokoll-kommunfullmaktige-2026-04-22pdf-20417?downloadMode=open`,
    );
    expect(protocol.id).toBe(
      '/committees/kommunfullmaktige/kommunfullmaktige-2026-04-22/protocol/protokoll-kommunfullmaktige-2026-04-22pdf',
    );
    expect(protocol.version).toBe('20417');
  });

  it('reads the notice date stated on the meeting page', async () => {
    expect((await f.connector.listDocuments(await meeting('2026-04-22'))).noticeDate).toBe('2026-04-29');
  });

  it('takes a wrong committee URL (the "Sidan saknas" page, status 200) for what it is', async () => {
    await expect(f.connector.listMeetings({ id: 'finns-inte', name: 'Finns inte' }, f.range)).rejects.toBeInstanceOf(
      SoftNotFoundError,
    );
  });

  it('does not follow links on meeting pages whose robots meta tag says nofollow', async () => {
    const g = await setup({}, true);
    try {
      const bodies = await g.connector.listBodies();
      const m = (await g.connector.listMeetings(bodies.find((b) => b.name === KF)!, g.range))[0]!;
      await expect(g.connector.listDocuments(m)).rejects.toBeInstanceOf(RobotsDisallowedError);
    } finally {
      await g.stop();
    }
  });
});
