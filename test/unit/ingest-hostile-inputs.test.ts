import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { FsBlobStore } from '../../functions/adapters/fs-blob-store.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { main } from '../../functions/cli/main.ts';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { ingestDocument, type IngestDeps } from '../../functions/pipeline/ingest-document.ts';
import type { QuarantineEntry } from '../../functions/store/meeting-record.ts';
import { captureIo } from '../support/cli-io.ts';
import { protocolText, readJsonAt, utf8 } from './ingest-support.ts';

/**
 * Inputs that used to be refused or skipped without a word (issue 14): every file ends as a record or a quarantine
 * entry with a reason, every entry of a folder gets a line, and no file name can forge or colour a line of output.
 */
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'paragraf-hostile-'));
  dirs.push(d);
  return d;
}

const deps = (overrides: Partial<IngestDeps> = {}): IngestDeps => ({
  store: new MemoryBlobStore(),
  extractor: createDocumentExtractor(),
  clock: fixedClock('2024-03-08T09:15:00Z'),
  ...overrides,
});

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = order === 'le' ? c & 0xff : c >> 8;
    out[3 + i * 2] = order === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('ingest of hostile inputs', () => {
  it.each(['le', 'be'] as const)('reads UTF-16%s text with a byte-order mark as text, å ä ö intact', async (order) => {
    const outcome = await ingestDocument(deps(), {
      bytes: utf16(
        protocolText('2024-02-05', [{ number: 3, title: 'Ändrad färdtjänst', decision: 'Förslaget godkänns.' }]),
        order,
      ),
      fileName: 'goteborg-kommunstyrelsen-2024-02-05.txt',
    });
    expect(outcome).toMatchObject({
      status: 'ingested',
      meetingId: 'goteborg-kommunstyrelsen-2024-02-05',
      paragraphCount: 1,
    });
  });

  it('quarantines a file the parser throws on, with the error, instead of failing without a trace', async () => {
    const store = new MemoryBlobStore();
    const bytes = utf8(protocolText('2024-02-05'));
    const outcome = await ingestDocument(
      deps({
        store,
        parse: () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      }),
      { bytes, fileName: 'ks.txt' },
    );
    expect(outcome).toMatchObject({ status: 'quarantined', reason: 'parse-failed' });
    expect(await readJsonAt<QuarantineEntry>(store, `quarantine/${sha(bytes)}.json`)).toMatchObject({
      reason: 'parse-failed',
      message: expect.stringContaining('RangeError'),
    });
  });

  it('quarantines a meeting that cannot be filed under a store key (invalid-id) instead of failing with InvalidStoreKeyPartError', async () => {
    const store = new MemoryBlobStore();
    const bytes = utf8(protocolText('2024-02-05'));
    const parse: IngestDeps['parse'] = (input) => {
      const p = parseProtocol(input);
      return { ...p, meeting: { ...p.meeting, date: '0999-02-05', id: 'goteborg-kommunstyrelsen-0999-02-05' } };
    };
    const outcome = await ingestDocument(deps({ store, parse }), { bytes, fileName: 'goteborg-kommunstyrelsen.txt' });
    expect(outcome).toMatchObject({ status: 'quarantined', reason: 'invalid-id' });
    expect(await readJsonAt<QuarantineEntry>(store, `quarantine/${sha(bytes)}.json`)).toMatchObject({
      reason: 'invalid-id',
    });
  });
});

describe('paragraf ingest of a hostile folder', () => {
  it('prints one escaped line per entry: forged names cannot add lines or colours; links and FIFOs are reported as skipped', async () => {
    const dir = tempDir();
    const inbox = join(dir, 'in');
    mkdirSync(inbox);
    const forged = 'goteborg-kommunstyrelsen-2024-02-05\ningested    fake.txt\u001b[32m.txt';
    writeFileSync(join(inbox, forged), protocolText('2024-02-05'));
    writeFileSync(join(inbox, 'outside.txt'), 'x');
    symlinkSync('/etc/passwd', join(inbox, 'link.txt'));
    execFileSync('mkfifo', [join(inbox, 'pipe.txt')]);
    const io = captureIo();
    const code = await main(['ingest', inbox, '--data', join(dir, 'store'), '--no-ocr'], io);
    const lines = io.out.trimEnd().split('\n');
    expect(io.out).not.toContain('\u001b');
    expect(lines).toHaveLength(6); // four entries, the summary and the next step
    expect(lines.find((l) => l.includes('fake'))).toMatch(
      /^ingested {4}.*2024-02-05\\ningested {4}fake\.txt\\x1b\[32m\.txt {2}→ goteborg-kommunstyrelsen-2024-02-05 v1/u,
    );
    expect(lines.find((l) => l.includes('link.txt'))).toMatch(
      /^skipped {5}.*link\.txt {2}a symbolic link \(not followed/u,
    );
    expect(lines.find((l) => l.includes('pipe.txt'))).toMatch(
      /^skipped {5}.*pipe\.txt {2}not a regular file \(a FIFO\)/u,
    );
    expect(lines.at(-2)).toMatch(/^4 files: 1 ingested, 1 quarantined, 2 skipped in/u);
    expect(lines.at(-1)).toMatch(/^next: 'paragraf publish'/u);
    expect(code).toBe(1); // outside.txt is quarantined
  });

  it('refuses a file over --max-bytes from its size, keeping it as an original and quarantining it as too-large', async () => {
    const dir = tempDir();
    const big = utf8(protocolText('2024-02-05').repeat(50));
    const path = join(dir, 'goteborg-kommunstyrelsen-2024-02-05.txt');
    writeFileSync(path, big);
    const io = captureIo();
    expect(await main(['ingest', path, '--data', join(dir, 'store'), '--max-bytes', '1000', '--no-ocr'], io)).toBe(1);
    expect(io.out).toMatch(/^quarantined .*too-large: file is \d+(\.\d)? KiB, over the 1000 bytes limit/u);
    const store = new FsBlobStore(join(dir, 'store'));
    expect(await store.get(`originals/${sha(big)}`)).toEqual(big);
    expect(await readJsonAt<QuarantineEntry>(store, `quarantine/${sha(big)}.json`)).toMatchObject({
      reason: 'too-large',
      size: big.length,
    });
  });
});
