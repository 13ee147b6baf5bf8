import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = resolve('bin/paragraf.js');

/** `node bin/paragraf.js …` in a child process, as a user would run it. */
function paragraf(args: string[], cwd = process.cwd()): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'node',
      [BIN, ...args],
      { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, PARAGRAF_DEBUG: '' } },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

function files(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{
      isFile(): boolean;
      parentPath: string;
      name: string;
    }>
  )
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-cli-ingest-'));
const inbox = join(tmp, 'inbox');
const store = join(tmp, 'store');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(inbox, 'bad'), { recursive: true });
  copyFileSync(
    'data/samples/goteborg-kommunstyrelsen-2024-01-10.txt',
    join(inbox, 'goteborg-kommunstyrelsen-2024-01-10.txt'),
  );
  copyFileSync(
    'data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt',
    join(inbox, 'alingsas-kommunstyrelsen-2024-02-05-p28.txt'),
  );
  for (const name of ['empty.pdf', 'random-bytes.pdf', 'truncated.pdf', 'html-error-page-named-protokoll.pdf']) {
    copyFileSync(`test/fixtures/bad/${name}`, join(inbox, 'bad', name));
  }
  writeFileSync(join(inbox, 'bad', 'kallelse.txt'), 'Kallelse till sammanträde med kommunstyrelsen den 6 mars 2024.\n');
  writeFileSync(join(inbox, 'bad', 'stor.txt'), `${'Ärendet gäller en mycket lång text.\n'.repeat(40_000)}`);
  writeFileSync(join(inbox, '.DS_Store'), 'ignored');
});

const LINE = /^(ingested|replaced|unchanged|quarantined|failed) +(\S.*?) {2}(.*?)(?: {2}\(\d+ ms\))?$/u;

function parseLines(stdout: string): Array<{ status: string; file: string; rest: string }> {
  // Every line up to the summary ("N files: …"); after it only the hint of what to run next.
  const lines = stdout.trimEnd().split('\n');
  const summary = lines.findIndex((l) => /^\d+ files?: /u.test(l));
  return lines.slice(0, summary).map((line) => {
    const m = LINE.exec(line);
    if (!m) throw new Error(`unexpected output line: ${line}`);
    return { status: m[1] ?? '', file: m[2] ?? '', rest: m[3] ?? '' };
  });
}

describe('paragraf ingest', () => {
  it('ingests a folder: one line per file with its outcome, a summary, exit 1 because some files were quarantined', async () => {
    const run = await paragraf(['ingest', '--data', store, '--max-bytes', '1M', inbox]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const lines = parseLines(run.stdout);
    const byName = Object.fromEntries(lines.map((l) => [relative(inbox, l.file), [l.status, l.rest]]));
    expect(byName).toEqual({
      'alingsas-kommunstyrelsen-2024-02-05-p28.txt': ['ingested', '→ alingsas-kommunstyrelsen-2024-02-05 v1'],
      'goteborg-kommunstyrelsen-2024-01-10.txt': ['ingested', '→ goteborg-kommunstyrelsen-2024-01-10 v1'],
      'bad/empty.pdf': ['quarantined', 'empty: empty file (0 bytes)'],
      'bad/random-bytes.pdf': ['quarantined', expect.stringMatching(/^binary: /u)],
      'bad/truncated.pdf': ['quarantined', expect.stringMatching(/^truncated-pdf: /u)],
      'bad/html-error-page-named-protokoll.pdf': ['quarantined', expect.stringMatching(/^html: /u)],
      'bad/kallelse.txt': ['quarantined', expect.stringMatching(/^no-paragraphs: /u)],
      'bad/stor.txt': ['quarantined', expect.stringMatching(/^too-large: file is 1\.\d MiB, over the 1 MiB limit$/u)],
    });
    const out = run.stdout.trimEnd().split('\n');
    expect(out.at(-2)).toMatch(/^8 files: 2 ingested, 6 quarantined in \d+\.\d s$/u);
    expect(out.at(-1)).toBe(
      "next: 'paragraf publish' makes this public ('paragraf add' ingests and publishes in one step)",
    );

    const stored = files(store);
    expect(stored.filter((k) => k.startsWith('originals/') && !k.endsWith('.json'))).toHaveLength(8);
    expect(stored.filter((k) => k.startsWith('quarantine/'))).toHaveLength(6);
    expect(stored.filter((k) => k.startsWith('records/'))).toEqual([
      'records/alingsas/kommunstyrelsen/2024/alingsas-kommunstyrelsen-2024-02-05.json',
      'records/goteborg/kommunstyrelsen/2024/goteborg-kommunstyrelsen-2024-01-10.json',
    ]);
  });

  it('the same files again: unchanged or still quarantined, and the store is untouched', async () => {
    const before = files(store);
    const run = await paragraf(['ingest', '--data', store, '--max-bytes', '1M', inbox]);
    expect(run.code).toBe(1);
    const statuses = parseLines(run.stdout).map((l) => l.status);
    expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'quarantined')).toHaveLength(6);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^8 files: 2 unchanged, 6 quarantined in /u); // nothing new: no hint
    expect(files(store)).toEqual(before);
  });

  it('exits 0 when every file is ingested or unchanged, and reports a missing path without stopping', async () => {
    const good = join(inbox, 'goteborg-kommunstyrelsen-2024-01-10.txt');
    expect((await paragraf(['ingest', '--data', store, good])).code).toBe(0);
    const run = await paragraf(['ingest', '--data', store, join(tmp, 'no-such-file.pdf'), good]);
    expect(run.code).toBe(1);
    expect(parseLines(run.stdout).map((l) => [l.status, l.rest])).toEqual([
      ['failed', 'no such file or folder'],
      ['unchanged', '→ goteborg-kommunstyrelsen-2024-01-10 v1'],
    ]);
  });

  it('stores under data/store in the working directory by default', async () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const run = await paragraf(['ingest', join(inbox, 'alingsas-kommunstyrelsen-2024-02-05-p28.txt')], cwd);
    expect(run.code).toBe(0);
    expect(files(join(cwd, 'data/store')).filter((k) => k.startsWith('records/'))).toHaveLength(1);
  });

  it('without a path is a usage error (exit 2)', async () => {
    const run = await paragraf(['ingest']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^paragraf: ingest needs at least one PATH/u);
  });
});
