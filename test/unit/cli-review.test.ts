import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';
import { plantedProtocol } from '../support/planted-protocol.ts';

/** The reviewer's name, as the CLI reads it. */
const ENV = { PARAGRAF_USER: 'Eva' };

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-review-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('paragraf review in-process: a review-first body', () => {
  it('holds every § of a social services board and releases the ordinary ones together', async () => {
    const file = join(tmp, 'alingsas-socialnamnden-2024-03-06.txt');
    writeFileSync(file, plantedProtocol({ bodyLine: 'Socialnämnden' }));
    const store = join(tmp, 'store');
    const ingest = captureIo(ENV);
    expect(await main(['ingest', '--data', store, file], ingest), ingest.err).toBe(0);
    expect(ingest.out).toContain('3 § held for review');

    const ids = ['4', '5', '6'].map((n) => `alingsas-socialnamnden-2024-03-06-${n}`);
    const usage = captureIo(ENV);
    expect(await main(['review', 'release', ...ids, '--redact', 'x y', '--data', store], usage)).toBe(2);
    expect(usage.err).toContain('--redact goes with exactly one § id');

    const release = captureIo(ENV);
    expect(await main(['review', 'release', ...ids, '--data', store], release), release.err).toBe(0);
    expect(release.out.trim().split('\n')).toHaveLength(3);

    const list = captureIo(ENV);
    expect(await main(['review', 'list', '--data', store, '--state', 'released'], list)).toBe(0);
    expect(
      list.out
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/u)[1]),
    ).toEqual(ids);

    const bad = captureIo(ENV);
    expect(await main(['review', 'show', 'not a § id', '--data', store], bad)).toBe(2);
    expect(await main(['review', 'reject', ids[0]!, '--data', store], captureIo(ENV))).toBe(2); // --reason is required
  });
});
