import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = resolve('bin/paragraf.js');

/** `node bin/paragraf.js …` in a child process, as a user would run it. */
function paragraf(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const options = {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        PARAGRAF_DEBUG: '',
        PUBLIC_BASE_URL: '',
        ORGANISATION_NUMBER: '',
        MUNICIPALITY: '',
        ...env,
      },
    };
    execFile('node', [BIN, ...args], options, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-cli-publish-'));
const store = join(tmp, 'store');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function publicJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(store, 'public', path), 'utf8')) as Record<string, unknown>;
}

describe('paragraf generate / publish / export', () => {
  let first: Run;
  beforeAll(async () => {
    const generated = await paragraf(['generate', '--meetings', '40', '--data', store]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^generated 40 meetings, \d+ § \(\d+ held back\)/u);
    first = await paragraf([
      'publish',
      '--data',
      store,
      '--org-number',
      '212000-1355',
      '--publisher',
      'Testby kommun',
      '--base-url',
      'https://p.example.se/',
    ]);
  });

  it('publishes with progress on stderr and a summary on stdout', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/publish: \d+ partition\(s\) to check/u);
    expect(first.stderr).toContain('publish: writing indexes, snapshot and manifest');
    expect(first.stdout).toMatch(/^published sequence 1, snapshot \d{4}-\d{2}-\d{2}\n/u);
    expect(first.stdout).toMatch(/archive: +\d+ municipalities, \d+ partitions, 40 meetings, \d+ §/u);
    expect(first.stdout).toContain('manifest:   https://p.example.se/datasets/manifest.json');
    const manifest = publicJson('manifest.json');
    expect(manifest).toMatchObject({ sequence: 1, baseUrl: 'https://p.example.se', totals: { meetings: 40 } });
    expect(existsSync(join(store, 'public', 'catalog.rdf'))).toBe(true);
    expect(existsSync(join(store, '.#publish.lock'))).toBe(false);
  });

  it('finds nothing to do the second time', async () => {
    const again = await paragraf(['publish', '--data', store, '--base-url', 'https://p.example.se']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^nothing to publish \(sequence 1 is current\)/u);
    expect(again.stdout).toContain('writes:     0 files, 0 deletions');
  });

  it('exports the § table from the records and from the published files, both byte-equal to the dump, and it parses', async () => {
    const manifest = publicJson('manifest.json') as {
      dump: { files: Record<string, { path: string; sha256: string }> };
      totals: { paragraphs: number };
    };
    for (const from of ['records', 'published'] as const) {
      const out = join(tmp, `all-${from}.csv`);
      const run = await paragraf([
        'export',
        '--data',
        store,
        '--from',
        from,
        '--base-url',
        'https://p.example.se',
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(from === 'records' ? 'from records' : 'from published files');
      const bytes = readFileSync(out);
      expect(createHash('sha256').update(bytes).digest('hex'), from).toBe(
        manifest.dump.files['paragraphs.csv']!.sha256,
      );
      expect(parse(bytes, { columns: true })).toHaveLength(manifest.totals.paragraphs);
    }
  });

  it('falls back to the records for a file that is not published per partition (JSON)', async () => {
    const run = await paragraf(['export', '--data', store, '--format', 'json', '--table', 'meetings', '--out', '-']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('from records');
    expect(JSON.parse(run.stdout)).toHaveLength(40);
  });

  it('streams an export to standard output', async () => {
    const run = await paragraf(['export', '--data', store, '--format', 'ndjson', '--table', 'votes', '--out', '-']);
    expect(run.code, run.stderr).toBe(0);
    for (const line of run.stdout.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('vote_id');
  });

  it('refuses to run while another publish holds the lock, and takes over a dead holder’s lock', async () => {
    const sleeper = spawn('sleep', ['3600']); // a live holder until killed below, however long the publish takes
    try {
      writeFileSync(join(store, '.#publish.lock'), `${sleeper.pid}\n`);
      const locked = await paragraf(['publish', '--data', store]);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`another publish is running on this store (pid ${sleeper.pid}`);
    } finally {
      sleeper.kill();
    }
    await new Promise((r) => sleeper.once('exit', r));
    const taken = await paragraf(['publish', '--data', store, '--base-url', 'https://p.example.se']);
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(join(store, '.#publish.lock'))).toBe(false);
  });

  it('explains usage errors in one line', async () => {
    const bad = await paragraf(['publish', '--data', store, '--org-number', '212000-1356']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "paragraf: --org-number must be a valid organisationsnummer NNNNNN-NNNN, got '212000-1356' (see 'paragraf publish --help')\n",
    );
    const noOut = await paragraf(['export', '--data', store]);
    expect(noOut.code).toBe(2);
    const noCount = await paragraf(['generate']);
    expect(noCount.stderr).toContain('generate needs --meetings N');
  });
});
