/**
 * `paragraf harvest` end to end, as an operator runs it: a fake Ciceron and a fake Netpublicator on loopback serve
 * two real protocols; the CLI (a child process) harvests them into a store, ingests them with their provenance,
 * `paragraf publish` publishes, and the § pages served from the published files link to the originals on the portals
 * at the right page. A second harvest fetches nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../functions/cli/commands/serve.ts';
import { startFakeCiceron, type CiceronFake } from '../support/fake-portals/ciceron-fake.ts';
import { fakePdf } from '../support/fake-portals/loopback-server.ts';
import { startFakeNetpublicator, type NpFake } from '../support/fake-portals/netpublicator-fake.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = resolve('bin/paragraf.js');
const KF_PDF = readFileSync('data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf');
const KS_PDF = readFileSync('data/samples/alingsas-kommunstyrelsen-2026-06-01.pdf');

function paragraf(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const options = {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, PARAGRAF_DEBUG: '', HARVEST_CONTACT: '', PUBLIC_BASE_URL: '', ...env },
    };
    execFile('node', [BIN, ...args], options, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-cli-harvest-'));
const store = join(tmp, 'store');
const sourcesFile = join(tmp, 'sources.json');
let ciceron: CiceronFake;
let np: NpFake;
let harvest: (extra?: string[]) => Promise<Run>;

beforeAll(async () => {
  ciceron = await startFakeCiceron({
    diaries: [{ name: 'KS', instances: ['Kommunfullmäktige', 'Kommunstyrelsen'] }],
    meetings: [
      {
        diary: 'KS',
        board: 'Kommunfullmäktige',
        date: '2026-06-10',
        documents: [
          { name: 'Kallelse KF 2026-06-10', filename: 'Kallelse KF 260610.pdf', bytes: fakePdf('kallelse') },
          { name: 'Protokoll Kommunfullmäktige 2026-06-10', filename: 'Protokoll KF 260610 §§ 116.pdf', bytes: KF_PDF },
        ],
        details: { anslagsdatum: '2026-06-15' },
      },
    ],
  });
  np = await startFakeNetpublicator({
    reader: 'r01696490',
    rootId: '4711',
    bodies: [{ name: 'Kommunstyrelsen', yearChannels: true }],
    meetings: [
      {
        body: 'Kommunstyrelsen',
        date: '2026-06-01',
        documents: [
          { name: 'Kallelse KS 2026-06-01', bytes: fakePdf('kallelse ks') },
          { name: 'Protokoll KS 2026-06-01', bytes: KS_PDF },
        ],
        paragraphChannels: ['§ 94 Information'],
      },
    ],
  });
  const common = { municipality: 'Alingsås', status: 'active', minIntervalMs: 0 };
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      sources: [
        {
          ...common,
          id: 'alingsas-ciceron-test',
          system: 'ciceron',
          baseUrl: ciceron.origin,
          bodies: ['Kommunfullmäktige'],
        },
        {
          ...common,
          id: 'alingsas-np-test',
          system: 'netpublicator',
          baseUrl: `${np.origin}/anslagstavla`,
          bodies: ['Kommunstyrelsen'],
          netpublicator: { reader: 'r01696490', rootId: '4711', apiBase: np.origin },
        },
      ],
    }),
  );
  harvest = (extra = []) =>
    paragraf(['harvest', '--sources', sourcesFile, '--data', store, '--since', '2026-01-01', ...extra], {
      HARVEST_CONTACT: 'oppna-data@alingsas.example',
    });
});

afterAll(async () => {
  await ciceron?.stop();
  await np?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('paragraf harvest', () => {
  it('refuses to run without a contact for the User-Agent', async () => {
    const run = await paragraf(['harvest', '--sources', sourcesFile, '--data', store]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--contact: a contact .* is required/u);
  });

  it('lists and picks in a dry run without fetching or writing anything', async () => {
    const run = await harvest(['--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('alingsas-ciceron-test (ciceron, Alingsås) 2026-01-01…');
    expect(run.stdout).toMatch(/\[dry run\]: 1 meeting seen, 1 protocol\(s\) to fetch/u);
    expect(ciceron.downloads() + np.downloads()).toBe(0);
    expect(existsSync(join(store, 'harvest'))).toBe(false);
  });

  it('harvests both portals into the store, ingests with provenance, and reports per source', async () => {
    const run = await harvest();
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toMatch(/harvest: alingsas-ciceron-test Kommunfullmäktige 2026-06-10 new/u);
    expect(run.stderr).toMatch(/harvest: alingsas-np-test Kommunstyrelsen 2026-06-01 new/u);
    expect(run.stdout).toMatch(
      /alingsas-ciceron-test .*: 1 meeting seen, 1 new, 0 changed, 0 unchanged, 0 protocols missing, 0 errors/u,
    );
    expect(run.stdout).toMatch(/alingsas-np-test .*: 1 meeting seen, 1 new/u);
    expect(run.stdout).toMatch(
      /ingested +inbox\/harvest\/alingsas-ciceron-test\/alingsas-kommunfullmaktige-2026-06-10-[0-9a-f]{8}\.pdf +→ alingsas-kommunfullmaktige-2026-06-10 v1/u,
    );
    expect(run.stdout).toContain('ingest: 2 file(s): 2 ingested');
    expect(ciceron.downloads()).toBe(1);
    expect(np.downloads()).toBe(1);
    for (const r of [...ciceron.requests, ...np.requests])
      expect(r.headers['user-agent']).toContain('oppna-data@alingsas.example');
    const record = JSON.parse(
      readFileSync(
        join(store, 'records/alingsas/kommunfullmaktige/2026/alingsas-kommunfullmaktige-2026-06-10.json'),
        'utf8',
      ),
    ) as {
      protocol: { meeting: { source: Record<string, unknown>; appeal?: Record<string, unknown> } };
    };
    expect(record.protocol.meeting.source).toMatchObject({
      portal: 'ciceron',
      noticeDate: '2026-06-15',
      sourceUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/download\/document\?filename=/u),
    });
    expect(record.protocol.meeting.appeal).toMatchObject({ noticeDate: '2026-06-15', basis: 'supplied-notice' });
  });

  it('fetches nothing the second time and says everything is unchanged', async () => {
    const run = await harvest();
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/alingsas-ciceron-test .*: 1 meeting seen, 0 new, 0 changed, 1 unchanged/u);
    expect(run.stdout).toContain('ingest: nothing new in the inbox');
    expect(ciceron.downloads()).toBe(1);
    expect(np.downloads()).toBe(1);
  });

  it('publishes, and the § pages link to the originals on the portals at the § page', async () => {
    let server: RunningServer | undefined;
    try {
      server = await startServer({ dataDir: store, port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const published = await paragraf(['publish', '--data', store, '--base-url', base]);
      expect(published.code, published.stderr).toBe(0);
      const kf = await (await fetch(`${base}/p/alingsas-kommunfullmaktige-2026-06-10-116`)).text();
      const kfLink = /<a class="original" href="([^"]+)"/u.exec(kf)?.[1]?.replace(/&amp;/gu, '&');
      expect(kfLink).toMatch(new RegExp(`^${ciceron.origin}/download/document\\?filename=[^&]+&id=\\d+#page=4$`, 'u'));
      expect(kf).toContain('Originalet hos kommunen, sidan 4');
      const ks = await (await fetch(`${base}/p/alingsas-kommunstyrelsen-2026-06-01-98`)).text();
      const ksLink = /<a class="original" href="([^"]+)"/u.exec(ks)?.[1]?.replace(/&amp;/gu, '&');
      expect(ksLink).toMatch(
        new RegExp(`^${np.origin}/api/public/r01696490/document/[0-9a-f-]+\\?hash=4711-\\d+-\\d+-\\d+#page=10$`, 'u'),
      );
      // The link works: it is the original's bytes (the fragment stays in the browser).
      const original = await fetch(kfLink!.replace(/#.*$/u, ''));
      expect(Buffer.from(await original.arrayBuffer()).equals(KF_PDF)).toBe(true);
    } finally {
      await new Promise<void>((done) => (server ? server.server.close(() => done()) : done()));
    }
  });
});
