import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalResponseError } from '../../functions/ports/portal-connector.ts';
import { harness, testSource } from '../support/fake-portals/harness.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { startFakeSiteVision, type SvFake, type SvFakeFile } from '../support/fake-portals/sitevision-fake.ts';
import { portalConnectorContract, type PortalFixture } from './portal-connector.contract.ts';

const KF = 'Kommunfullmäktige';
const APP = '/appresource/4.1a2b3c/12.4d5e6f/files';
const file = (node: string, name: string, unixms = 1_700_000_000_000): SvFakeFile => ({
  node,
  unixms,
  name,
  bytes: fakePdf(`sv ${node} ${name}`),
});

/** The protocol folder (file share) and the kallelse folder (a page) both hold "KF 2026-03-16.pdf". */
const protocols = [
  file('18.11', '260209-kf-protokoll.pdf'),
  file('18.12', 'Protokoll KF 260316 §§ 1-24.pdf'),
  file('18.13', 'Protokoll KF 260316 § 12 tillägg.pdf'),
  file('18.14', 'Protkoll KF 260420.pdf'),
  file('18.15', '260518-kf-protokoll.pdf'),
  file('18.16', '260518-kf-protokoll-gdpr.pdf'),
  file('18.17', 'KF 2026-06-08.pdf'),
  file('18.18', '240212-kf-protokoll.pdf'),
];
const kallelser = [file('18.21', 'KF 2026-06-08.pdf'), file('18.22', 'Kallelse KF 260720.pdf')];

async function setup(options: { robots?: string | null }): Promise<PortalFixture & { fake: SvFake }> {
  const fake = await startFakeSiteVision({
    appresource: APP,
    shares: { '19.777': protocols },
    pages: { '/politik/kallelser-kf.html': kallelser },
    robots: options.robots ?? null,
  });
  const source = testSource({
    id: 'test-sv',
    system: 'sitevision',
    baseUrl: fake.origin,
    bodies: [KF],
    sitevision: {
      folders: [
        { body: KF, fileShare: { appresource: APP, folderId: '19.777' }, kind: 'protocols' },
        { body: KF, page: `${fake.origin}/politik/kallelser-kf.html` },
      ],
    },
  });
  const h = harness([source]);
  const bytes = (node: string) => protocols.find((p) => p.node === node)!.bytes;
  return {
    fake,
    connector: h.client.connectorFor(source),
    harness: h,
    server: fake,
    bodies: [KF],
    body: KF,
    range: { from: '2025-06-01', to: '2026-06-20' },
    expected: {
      '2026-02-09': { protocol: { bytes: bytes('18.11'), related: 0 } },
      '2026-03-16': { protocol: { bytes: bytes('18.12'), related: 1 } },
      '2026-04-20': { protocol: { bytes: bytes('18.14'), related: 0 } },
      '2026-05-18': { protocol: { bytes: bytes('18.16'), related: 1 } },
      '2026-06-08': { protocol: { bytes: bytes('18.17'), related: 0 } },
    },
    outside: '2024-02-12',
    htmlUrl: `${fake.origin}/politik/kallelser-kf.html`,
    intervalMs: 1000,
    stop: () => fake.stop(),
  };
}

portalConnectorContract('SiteVision folders', setup);

describe('SiteVision traps', () => {
  let f: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    f = await setup({});
  });
  afterAll(() => f.stop());

  const documentsOf = async (date: string) => {
    const [body] = await f.connector.listBodies();
    const meeting = (await f.connector.listMeetings(body!, f.range)).find((m) => m.date === date)!;
    return f.connector.pickProtocol((await f.connector.listDocuments(meeting)).documents);
  };

  it('tells a protocol from a kallelse with the same file name by node id and folder kind', async () => {
    const choice = await documentsOf('2026-06-08');
    expect(choice.protocol?.id).toBe('18.17');
    expect(choice.related).toEqual([]);
  });

  it('prefers the "-gdpr" variant and keeps the other as related', async () => {
    const choice = await documentsOf('2026-05-18');
    expect(choice.protocol?.id).toBe('18.16');
    expect(choice.related.map((d) => d.id)).toEqual(['18.15']);
  });

  it('reads "Protkoll" as a protocol and a §-supplement as related', async () => {
    expect((await documentsOf('2026-04-20')).protocol?.id).toBe('18.14');
    expect((await documentsOf('2026-03-16')).related.map((d) => d.id)).toEqual(['18.13']);
  });

  it('uses the node id as document id and the upload time as version', async () => {
    const protocol = (await documentsOf('2026-02-09')).protocol!;
    expect(protocol).toMatchObject({ id: '18.11', version: '1700000000000' });
    expect(protocol.url).toBe(`${f.fake.origin}/download/18.11/1700000000000/260209-kf-protokoll.pdf`);
  });

  it('says so when a configured folder is gone', async () => {
    const source = testSource({
      id: 'test-sv-gone',
      system: 'sitevision',
      baseUrl: f.fake.origin,
      bodies: [KF],
      sitevision: { folders: [{ body: KF, fileShare: { appresource: APP, folderId: '19.404' } }] },
    });
    const connector = harness([source]).client.connectorFor(source);
    const [body] = await connector.listBodies();
    await expect(connector.listMeetings(body!, f.range)).rejects.toThrow(/HTTP 404/u);
    expect(PortalResponseError).toBeDefined();
  });
});
