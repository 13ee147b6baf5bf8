/**
 * `paragraf harvest` refuses what it cannot do safely before it sends a single request: no contact, unknown or
 * incomplete sources, no active source (the shipped ones are all unverified), a broken sources file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-cli-harvest-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const io = captureIo;

const run = async (args: string[], env: Record<string, string> = { HARVEST_CONTACT: 'oppna-data@kommun.example' }) => {
  const captured = io(env);
  const code = await main(['harvest', '--data', join(tmp, 'store'), ...args], captured);
  return { code, ...captured };
};

describe('paragraf harvest refuses before any request', () => {
  it('without a contact for the User-Agent', async () => {
    const r = await run([], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--contact: a contact \(e-mail address or URL\) is required/u);
  });

  it('when no source is active (every shipped source is unverified), saying how many were skipped', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/harvest: \d+ unverified source\(s\) skipped/u);
    expect(r.err).toMatch(/no active sources to harvest: name one with --source ID/u);
  });

  it('for an unknown source, and for an unverified one that still lacks what its system needs', async () => {
    expect((await run(['--source', 'atlantis'])).err).toMatch(/unknown source 'atlantis'/u);
    const r = await run(['--source', 'sigtuna-netpublicator']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /source 'sigtuna-netpublicator' cannot be harvested yet: "netpublicator" needs "reader" and "rootId"/u,
    );
  });

  it('for a sources file with problems, naming each', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        sources: [{ id: 'x', municipality: 'Atlantis', system: 'ciceron', baseUrl: 'ftp://x', status: 'active' }],
      }),
    );
    const r = await run(['--sources', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /sources\[0\]: "municipality" must name one of the 290 .*"baseUrl" must be an http\(s\) URL/u,
    );
  });

  it('for a --since that is not a date', async () => {
    expect((await run(['--since', '2026-13-01'])).err).toMatch(/--since must be a date as YYYY-MM-DD/u);
  });
});
