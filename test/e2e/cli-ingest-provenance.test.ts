/**
 * `paragraf ingest --source-url URL --notice-date YYYY-MM-DD` for one file: the provenance a later admin upload
 * will send too. It is kept in the record's source, the notice date gives the appeal deadline, and wrong use is a
 * usage error before anything is written.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/paragraf.js');
const SAMPLE = 'data/samples/goteborg-kommunstyrelsen-2024-01-10.txt';
const tmp = mkdtempSync(join(tmpdir(), 'paragraf-ingest-provenance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function paragraf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', [BIN, ...args], { env: { ...process.env, PARAGRAF_DEBUG: '' } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('paragraf ingest --source-url --notice-date', () => {
  it('keeps the source URL and the notice date of one file', async () => {
    const store = join(tmp, 'one');
    const url = 'https://goteborg.se/wps/wcm/connect/protokoll-ks-2024-01-10.txt';
    const run = await paragraf(['ingest', SAMPLE, '--data', store, '--source-url', url, '--notice-date', '2024-01-15']);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(
      readFileSync(
        join(store, 'records/goteborg/kommunstyrelsen/2024/goteborg-kommunstyrelsen-2024-01-10.json'),
        'utf8',
      ),
    ) as {
      protocol: { meeting: { source: Record<string, unknown>; appeal?: Record<string, unknown> } };
    };
    expect(record.protocol.meeting.source).toMatchObject({ sourceUrl: url, noticeDate: '2024-01-15' });
    expect(record.protocol.meeting.appeal).toMatchObject({ noticeDate: '2024-01-15', basis: 'supplied-notice' });
  });

  it.each([
    [['--source-url', 'javascript:alert(1)'], /--source-url must be an http\(s\) URL/u],
    [['--notice-date', '2024-02-30'], /--notice-date must be a date as YYYY-MM-DD/u],
    [
      ['--source-url', 'https://k.se/a.pdf', 'data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt'],
      /describe one file; 2 files were named or found/u,
    ],
  ])('refuses %j as a usage error and writes nothing', async (extra, message) => {
    const store = join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    const run = await paragraf(['ingest', SAMPLE, '--data', store, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(store, 'originals'))).toBe(false);
  });
});
