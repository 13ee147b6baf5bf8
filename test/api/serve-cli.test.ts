/** `paragraf serve` as a user runs it: a child process on a free port, answering, stopped cleanly by a signal. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { publishedFixtures } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'paragraf-serve-'));
beforeAll(async () => {
  await publishedFixtures(undefined, new FsBlobStore(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paragraf(args: string[]) {
  const child = spawn(process.execPath, ['bin/paragraf.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '', PUBLIC_BASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  /** The first match of `pattern` in standard output, or undefined when the process exits first: no deadline of its own. */
  const waitFor = (pattern: RegExp) =>
    new Promise<string | undefined>((done) => {
      const look = () => {
        const match = pattern.exec(stdout)?.[1];
        if (match) done(match);
        return match;
      };
      if (look()) return;
      child.stdout.on('data', look);
      void exited.then(() => done(look()));
    });
  return { child, exited, waitFor, out: () => stdout, err: () => stderr };
}

describe('paragraf serve', () => {
  it('prints its URL, serves the published data, and exits 0 on SIGTERM', async () => {
    const run = paragraf(['serve', '--data', dir, '--port', '0']);
    const url = await run.waitFor(/on (http:\/\/localhost:\d+\/)/u);
    expect(url, run.err()).toBeDefined();
    const res = await fetch(`${url!.replace('localhost', '127.0.0.1')}v1/paragraphs?count=true&limit=1`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(9);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad port with a usage error (exit 2, one line)', async () => {
    const run = paragraf(['serve', '--data', dir, '--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.err()).toBe("paragraf: --port must be a number 0-65535, got 'eighty' (see 'paragraf serve --help')\n");
  });
});
