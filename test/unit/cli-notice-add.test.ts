/**
 * The clerk's commands in-process: `paragraf add` ingests and publishes in one step; `paragraf notice` gives the
 * anslag day after ingest and the next publish shows the deadline; a publish without --base-url keeps the base URL
 * already published (or set in the admin settings) instead of silently moving every permalink; ingest says what next.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';
import { FILE_NAME, plantedProtocol } from '../support/planted-protocol.ts';

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-notice-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const MEETING = 'alingsas-kommunstyrelsen-2024-03-06';

function protocol(dir: string): string {
  mkdirSync(join(tmp, 'in', dir), { recursive: true });
  const file = join(tmp, 'in', dir, FILE_NAME);
  writeFileSync(file, plantedProtocol());
  return file;
}

function manifest(store: string): { baseUrl: string; sequence: number } {
  return JSON.parse(readFileSync(join(store, 'public', 'manifest.json'), 'utf8'));
}

describe('paragraf ingest, add and notice', () => {
  it('ingest says what to run next; add publishes in one step', async () => {
    const store = join(tmp, 'a');
    const file = protocol('a');
    const ingest = captureIo();
    expect(await main(['ingest', '--data', store, file], ingest), ingest.err).toBe(0);
    expect(ingest.out).toContain("next: 'paragraf publish' makes this public");
    const add = captureIo();
    expect(await main(['add', '--data', store, file, '--base-url', 'https://data.example.test'], add), add.err).toBe(0);
    expect(add.out).not.toContain('next:');
    expect(add.out).toContain('published sequence 1');
    expect(manifest(store).baseUrl).toBe('https://data.example.test');
  });

  it('notice stores the day, refuses nonsense, and the next publish shows the deadline', async () => {
    const store = join(tmp, 'b');
    expect(await main(['add', '--data', store, protocol('b')], captureIo())).toBe(0);
    const usage = captureIo();
    expect(await main(['notice', MEETING, '--posted', '2024-02-30', '--data', store], usage)).toBe(2);
    const missing = captureIo();
    expect(
      await main(['notice', 'alingsas-kommunstyrelsen-1999-01-01', '--posted', '2024-03-13', '--data', store], missing),
    ).toBe(1);
    expect(missing.err).toContain('no meeting');
    const early = captureIo();
    expect(await main(['notice', MEETING, '--posted', '2024-03-01', '--data', store], early)).toBe(1);
    const ok = captureIo();
    expect(
      await main(['notice', MEETING, '--posted', '2024-03-13', '--removed', '2024-04-04', '--data', store], ok),
      ok.err,
    ).toBe(0);
    expect(ok.out).toContain('last day to appeal 2024-04-03 (from 2024-03-13)');
    const publish = captureIo();
    expect(await main(['publish', '--data', store], publish), publish.err).toBe(0);
    expect(publish.out).toContain('published sequence 2');
    const record = readFileSync(
      join(store, 'records', 'alingsas', 'kommunstyrelsen', '2024', `${MEETING}.json`),
      'utf8',
    );
    const meeting = JSON.parse(record).protocol.meeting;
    expect(meeting.notice).toEqual({});
    expect(meeting.source).toMatchObject({ noticeDate: '2024-03-13', noticeRemovedDate: '2024-04-04' });
    expect(meeting.appeal).toEqual({ noticeDate: '2024-03-13', lastDay: '2024-04-03', basis: 'supplied-notice' });
  });

  it('a publish without --base-url keeps the published base URL', async () => {
    const store = join(tmp, 'c');
    expect(
      await main(['add', '--data', store, protocol('c'), '--base-url', 'https://data.kommun.test'], captureIo()),
    ).toBe(0);
    expect(await main(['notice', MEETING, '--posted', '2024-03-13', '--data', store], captureIo())).toBe(0);
    const publish = captureIo();
    expect(await main(['publish', '--data', store], publish), publish.err).toBe(0);
    expect(manifest(store)).toMatchObject({ baseUrl: 'https://data.kommun.test', sequence: 2 });
    expect(publish.out).toContain('partitions: 1 checked, 1 rebuilt'); // not a full rebuild of every permalink
  });

  it('start fails on a busy port before it ingests or publishes anything', async () => {
    const store = join(tmp, 'd');
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    const io = captureIo();
    expect(await main(['start', '--data', store, '--port', String(port)], io)).toBe(70);
    expect(io.err).toMatch(/EADDRINUSE/u);
    await new Promise((done) => blocker.close(done));
    expect(() => readFileSync(join(store, 'public', 'manifest.json'))).toThrow();
    expect(() => readFileSync(join(store, '.#samples-ingested'))).toThrow();
  });
});
