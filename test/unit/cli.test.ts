import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';
import type { Protocol } from '../../functions/core/records/types.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command in-process, as bin/paragraf.js does: `main(args, io)`, with stdout, stderr and the exit code
 * captured. The real process (the bin wrapper, exit status, a working directory) is exercised by the spawning tests
 * in test/e2e and test/api/serve-cli.test.ts.
 */
async function paragraf(...args: string[]): Promise<Run> {
  const io = captureIo({ ...process.env, PARAGRAF_DEBUG: '' });
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

const SEED = 'data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt';
const tmp = mkdtempSync(join(tmpdir(), 'paragraf-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Exactly one line on stderr, nothing on stdout, no stack frames. */
function expectOneLineError(run: Run, code: number, prefix: string): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.startsWith(prefix)).toBe(true);
  expect(run.stderr).not.toMatch(/^\s+at /mu);
}

describe('paragraf help', () => {
  it('--help lists the commands on stdout and exits 0', async () => {
    const run = await paragraf('--help');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage: paragraf <command> [options]');
    expect(run.stdout).toMatch(/^ {2}parse +Print the protocol in FILE/mu);
  });

  it('`help parse` and `parse --help` print the parse options', async () => {
    for (const run of [await paragraf('help', 'parse'), await paragraf('parse', '--help')]) {
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe('Usage: paragraf parse FILE [options]');
      expect(run.stdout).toContain('--notice-date YYYY-MM-DD');
    }
  });

  it('no command prints the overview on stderr and exits 2', async () => {
    const run = await paragraf();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: paragraf <command> [options]');
  });
});

describe('paragraf usage errors: one line, exit 2', () => {
  it.each([
    [['frobnicate'], "paragraf: unknown command 'frobnicate'"],
    [['parse'], 'paragraf: parse needs a FILE'],
    [['parse', 'a.pdf', 'b.pdf'], 'paragraf: parse takes exactly one FILE'],
    [['parse', '--colour', SEED], "paragraf: unknown option '--colour'"],
    [['parse', '--date', '2024-02-30', SEED], "paragraf: --date must be a date as YYYY-MM-DD, got '2024-02-30'"],
    [['parse', '--max-bytes', 'lots', SEED], 'paragraf: --max-bytes must be a size'],
  ])('%j', async (args, prefix) => {
    expectOneLineError(await paragraf(...args), 2, prefix);
  });
});

describe('paragraf parse', () => {
  it('prints the seed protocol as JSON with the § 28 record', async () => {
    const run = await paragraf('parse', SEED);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const protocol = JSON.parse(run.stdout) as Protocol;
    expect(protocol.meeting.id).toBe('alingsas-kommunstyrelsen-2024-02-05');
    expect(protocol.meeting.source).toEqual({
      fileName: 'alingsas-kommunstyrelsen-2024-02-05-p28.txt',
      sha256: createHash('sha256').update(readFileSync(SEED)).digest('hex'),
      pages: 1,
      mediaType: 'text/plain',
    });
    expect(protocol.paragraphs.map((p) => p.id)).toEqual(['alingsas-kommunstyrelsen-2024-02-05-28']);
    const p28 = protocol.paragraphs[0];
    expect(p28?.heading).toBe('§ 28 2023.563 KS');
    expect(p28?.title).toBe(
      'Byte av regionalt stödcentrum för utsatta för hedersrelaterat våld och förtryck till Borås',
    );
    expect(p28?.decision).toMatch(/^1\. Alingsås kommun byter regionalt stödcentrum/u);
    expect(run.stdout.split('\n')).toHaveLength(2); // compact: one line of JSON and the final newline
  });

  it('--pretty indents the same JSON', async () => {
    const [compact, pretty] = await Promise.all([paragraf('parse', SEED), paragraf('parse', '--pretty', SEED)]);
    expect(pretty.stdout).toMatch(/^\{\n {2}"schemaVersion": 1,/u);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(compact.stdout));
  });

  it('takes municipality, body and date from flags when the file name says nothing', async () => {
    const anonymous = join(tmp, 'protokoll.txt');
    copyFileSync(SEED, anonymous);
    const run = await paragraf(
      'parse',
      anonymous,
      '--municipality',
      'Alingsås',
      '--body',
      'Kommunstyrelsen',
      '--date',
      '2024-02-05',
    );
    expect(run.code).toBe(0);
    const protocol = JSON.parse(run.stdout) as Protocol;
    expect(protocol.meeting.id).toBe('alingsas-kommunstyrelsen-2024-02-05');
    expect(protocol.meeting.source.fileName).toBe('protokoll.txt');
  });

  it('reads a PDF by content and keeps its page count', async () => {
    const run = await paragraf('parse', 'data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf');
    expect(run.code).toBe(0);
    const protocol = JSON.parse(run.stdout) as Protocol;
    expect(protocol.meeting.source.pages).toBe(7);
    expect(protocol.meeting.source.mediaType).toBe('application/pdf');
    expect(protocol.paragraphs.map((p) => p.number)).toEqual(['116']);
  });

  it('decodes a Windows-1252 protocol to the same §§ as its UTF-8 original', async () => {
    const [cp1252, utf8] = await Promise.all([
      paragraf('parse', 'test/fixtures/text/goteborg-kommunstyrelsen-2024-01-10.windows-1252.txt'),
      paragraf('parse', 'data/samples/goteborg-kommunstyrelsen-2024-01-10.txt'),
    ]);
    expect(cp1252.code).toBe(0);
    const [a, b] = [JSON.parse(cp1252.stdout) as Protocol, JSON.parse(utf8.stdout) as Protocol];
    expect(a.paragraphs.length).toBeGreaterThan(0);
    expect(a.paragraphs).toEqual(b.paragraphs);
    expect(a.meeting.source.sha256).not.toBe(b.meeting.source.sha256);
  });
});

describe('paragraf parse: bad input gets one line on stderr and exit 1', () => {
  const bad = (name: string) => `test/fixtures/bad/${name}`;
  it.each([
    [bad('empty.pdf'), 'empty file'],
    [bad('random-bytes.pdf'), 'not a PDF or text file'],
    [bad('html-error-page-named-protokoll.pdf'), 'HTML page ("Sidan saknas | MeetingPlus [sv]"), not a protocol'],
    [bad('truncated.pdf'), 'truncated PDF'],
    [bad('truncated-incremental.pdf'), 'truncated PDF'],
    [bad('damaged.pdf'), 'damaged PDF'],
    [bad('encrypted.pdf'), 'encrypted PDF'],
    [bad('no-text-layer.pdf'), 'scanned: no text layer'],
    [bad('scanned-with-stamps.pdf'), 'scanned: no text layer'],
    ['test/fixtures/text/no-paragraphs.txt', 'no § found'],
    ['test/fixtures/does-not-exist.pdf', 'no such file'],
    ['test/fixtures', 'is a directory'],
  ])('%s', async (file, reason) => {
    expectOneLineError(await paragraf('parse', file), 1, `paragraf: ${file}: ${reason}`);
  });

  it('refuses a file over --max-bytes', async () => {
    const run = await paragraf('parse', '--max-bytes', '1K', SEED);
    expectOneLineError(run, 1, `paragraf: ${SEED}: file is 3.5 KiB, over the 1 KiB limit`);
  });
});
