import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { UnreadableDocumentError, type UnreadableReason } from '../../functions/ports/text-extractor.ts';

const BAD = 'test/fixtures/bad';
const read = (path: string) => new Uint8Array(readFileSync(path));
const extractor = createDocumentExtractor();

async function refusal(bytes: Uint8Array, options = {}): Promise<UnreadableDocumentError> {
  const error = await createDocumentExtractor(options)
    .extract(bytes, 'protokoll.pdf')
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof UnreadableDocumentError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('createDocumentExtractor: bad input, each with its reason and a one-line message', () => {
  const cases: Array<[string, UnreadableReason, RegExp]> = [
    ['empty.pdf', 'empty', /^empty file/u],
    ['random-bytes.pdf', 'binary', /^not a PDF or text file: binary data$/u],
    [
      'html-error-page-named-protokoll.pdf',
      'html',
      /^HTML page \("Sidan saknas \| MeetingPlus \[sv\]"\), not a protocol/u,
    ],
    ['truncated.pdf', 'truncated-pdf', /^truncated PDF/u],
    ['truncated-incremental.pdf', 'truncated-pdf', /^truncated PDF/u],
    ['damaged.pdf', 'damaged-pdf', /^damaged PDF: /u],
    ['encrypted.pdf', 'encrypted-pdf', /^encrypted PDF/u],
    ['no-text-layer.pdf', 'no-text-layer', /^scanned: no text layer \(2 pages, 0 characters of text\)/u],
    ['scanned-with-stamps.pdf', 'no-text-layer', /^scanned: no text layer \(3 pages, 60 characters of text\)/u],
  ];
  it.each(cases)('%s → %s', async (file, reason, message) => {
    const error = await refusal(read(`${BAD}/${file}`));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n|\bat \S+:\d+/u);
  });

  it('refuses a file over the size limit before looking at it', async () => {
    const seed = read('data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt');
    const error = await refusal(seed, { maxBytes: 1024 });
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe(`file is ${+(seed.length / 1024).toFixed(1)} KiB, over the 1 KiB limit`);
    await expect(createDocumentExtractor({ maxBytes: seed.length }).extract(seed, 'x.txt')).resolves.toBeTruthy();
  });

  it('treats a file of only whitespace as empty', async () => {
    expect((await refusal(new TextEncoder().encode(' \n\t\r\n'))).reason).toBe('empty');
  });

  it('recognises HTML after a byte order mark and whitespace, in any case', async () => {
    const error = await refusal(new TextEncoder().encode('\ufeff \n<HTML><HEAD><TITLE>Fel 404</TITLE></HEAD></HTML>'));
    expect(error.reason).toBe('html');
    expect(error.message).toBe('HTML page ("Fel 404"), not a protocol (e.g. an error page saved as .pdf)');
  });

  it('names well-known binary formats', async () => {
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect((await refusal(docx)).message).toBe('not a PDF or text file: looks like a ZIP archive (e.g. a Word .docx)');
  });

  it('refuses text full of control bytes as binary even without NUL bytes', async () => {
    const bytes = new Uint8Array(400).map((_, i) => (i % 4 === 0 ? 0x01 : 0x41));
    expect((await refusal(bytes)).reason).toBe('binary');
  });
});

describe('createDocumentExtractor: readable input', () => {
  it('reads a PDF under any name, and a text under a .pdf name, by content', async () => {
    const text = await extractor.extract(read('data/samples/alingsas-kommunstyrelsen-2024-02-05-p28.txt'), 'x.pdf');
    expect(text.mediaType).toBe('text/plain');
    expect(text.encoding).toBe('utf-8');
    expect(text.pages[0]?.text).toContain('§ 28 2023.563 KS');
  });

  it('decodes a Windows-1252 text instead of refusing it', async () => {
    const doc = await extractor.extract(
      read('test/fixtures/text/goteborg-kommunstyrelsen-2024-01-10.windows-1252.txt'),
      'a.txt',
    );
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.pages[0]?.text).toContain('Göteborgs Stad');
  });

  it('passes a text without any § on (the parser finds no §; refusing is the caller’s call)', async () => {
    const doc = await extractor.extract(read('test/fixtures/text/no-paragraphs.txt'), 'a.txt');
    expect(doc.pages[0]?.text).toContain('Kallelse till sammanträde');
  });

  it('opens a PDF that has only an owner password: anyone may read it', async () => {
    const doc = await extractor.extract(read(`${BAD}/owner-password-only.pdf`), 'a.pdf');
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]?.text).toContain('Kommunfullmäktige');
  });

  it('accepts whitespace and a byte order mark before %PDF-', async () => {
    const pdf = read('data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf');
    const doc = await extractor.extract(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, ...pdf]), 'a.pdf');
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.pages).toHaveLength(7);
  });

  it('tolerates bytes after %%EOF that are not PDF syntax (padding, upload junk)', async () => {
    const pdf = read('data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf');
    const padded = new Uint8Array([...pdf, ...new TextEncoder().encode('\r\n\0\0\0-- sent by portal --\n')]);
    expect((await extractor.extract(padded, 'a.pdf')).pages).toHaveLength(7);
  });

  it('refuses a truncated PDF even though pdf.js still reads pages from it', async () => {
    // The policy this pins down: a cut-off file would yield a record silently missing §§, so it is never accepted.
    const bytes = read(`${BAD}/truncated-incremental.pdf`);
    const partial = await extractPdfPages(bytes);
    expect(partial.pages.map((p) => p.text.split('\n').find((l) => l.startsWith('§')))).toEqual([
      '§ 1 Val av justerare',
      '§ 2 Anmälan av delegationsbeslut',
    ]);
    expect((await refusal(bytes)).reason).toBe('truncated-pdf');
  });
});

describe('createDocumentExtractor: real PDFs agree with poppler page by page', () => {
  const samples = [
    'data/samples/alingsas-kommunfullmaktige-2026-06-10.pdf',
    'data/samples/alingsas-socialnamnden-2026-06-16.pdf',
    'data/samples/alingsas-kommunstyrelsen-2026-06-01.pdf',
  ];
  it.each(samples)('%s', async (path) => {
    const doc = await extractor.extract(read(path), path);
    const pdfinfoPages = Number(/^Pages:\s+(\d+)$/mu.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.pages.map((p) => p.number)).toEqual(Array.from({ length: pdfinfoPages }, (_, i) => i + 1));
    for (const page of doc.pages) {
      // An independent reader's words for the same page must (almost) all be on our page: catches shifted pages
      // and lost text. Hyphenation and ligatures make a few words differ, hence 95 %.
      const poppler = execFileSync('pdftotext', ['-f', `${page.number}`, '-l', `${page.number}`, path, '-'], {
        encoding: 'utf8',
      });
      const words = poppler.split(/\s+/u).filter((w) => w.length > 0);
      const ours = new Set(page.text.split(/\s+/u));
      const found = words.filter((w) => ours.has(w)).length;
      expect(found / Math.max(1, words.length), `page ${page.number}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
