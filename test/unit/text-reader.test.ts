import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, readTextPages } from '../../functions/adapters/text-reader.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('readTextPages: encoding', () => {
  it('reads UTF-8 as UTF-8', () => {
    const result = readTextPages(utf8('§ 28 Byte av stödcentrum – Borås'));
    expect(result).toEqual({ encoding: 'utf-8', pages: [{ number: 1, text: '§ 28 Byte av stödcentrum – Borås' }] });
  });

  it('strips a UTF-8 byte order mark', () => {
    const result = readTextPages(bytes(0xef, 0xbb, 0xbf, ...utf8('Protokoll')));
    expect(result.pages[0]?.text).toBe('Protokoll');
    expect(result.encoding).toBe('utf-8');
  });

  it('decodes Windows-1252 where it differs from Latin-1 (0x80–0x9F)', () => {
    // „ “ ” – — ’ € … in Windows-1252, then "§ åäö".
    const text = bytes(0x84, 0x93, 0x94, 0x96, 0x97, 0x92, 0x80, 0x85, 0x20, 0xa7, 0x20, 0xe5, 0xe4, 0xf6);
    expect(readTextPages(text)).toEqual({ encoding: 'windows-1252', pages: [{ number: 1, text: '„“”–—’€… § åäö' }] });
  });

  it('maps the five bytes Windows-1252 leaves unassigned to the C1 code point of the same value (WHATWG)', () => {
    expect([...decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d))].map((c) => c.codePointAt(0))).toEqual([
      0x81, 0x8d, 0x8f, 0x90, 0x9d,
    ]);
  });

  it('decodes a real Windows-1252 protocol to exactly its UTF-8 original', () => {
    const cp1252 = readFileSync('test/fixtures/text/goteborg-kommunstyrelsen-2024-01-10.windows-1252.txt');
    const original = readFileSync('data/samples/goteborg-kommunstyrelsen-2024-01-10.txt', 'utf8');
    const result = readTextPages(new Uint8Array(cp1252));
    expect(result.encoding).toBe('windows-1252');
    expect(result.pages).toEqual([{ number: 1, text: original }]);
    expect(original).toContain('”'); // the fixture really exercises 0x80–0x9F
  });

  it('falls back to Windows-1252 when one invalid byte sits among valid UTF-8', () => {
    // "Gö" in UTF-8, then 0xE5 (å in Windows-1252) before a full stop: not UTF-8, so the whole file is Windows-1252.
    const result = readTextPages(bytes(0x47, 0xc3, 0xb6, 0x20, 0xe5, 0x2e));
    expect(result).toEqual({ encoding: 'windows-1252', pages: [{ number: 1, text: 'GÃ¶ å.' }] });
  });

  it('reads ASCII ending in one high byte as Windows-1252 ("på" at the end), not as cut-off UTF-8', () => {
    expect(readTextPages(bytes(0x70, 0xe5))).toEqual({ encoding: 'windows-1252', pages: [{ number: 1, text: 'på' }] });
  });

  it('keeps a UTF-8 file cut off inside its last character as UTF-8, without that character', () => {
    const cut = utf8('Göteborg och Alingsås').subarray(0, 20); // ends with the first of the two bytes of "å"
    expect(readTextPages(cut)).toEqual({ encoding: 'utf-8', pages: [{ number: 1, text: 'Göteborg och Alings' }] });
  });
});

describe('readTextPages: pages', () => {
  it('starts a new page at each form feed, numbering from 1', () => {
    const { pages } = readTextPages(utf8('sida ett\fsida två\fsida tre'));
    expect(pages).toEqual([
      { number: 1, text: 'sida ett' },
      { number: 2, text: 'sida två' },
      { number: 3, text: 'sida tre' },
    ]);
  });

  it('drops the empty part after a final form feed, as pdftotext writes one after every page', () => {
    expect(readTextPages(utf8('ett\ftvå\f')).pages.map((p) => p.number)).toEqual([1, 2]);
    expect(readTextPages(utf8('ett\ftvå\f\n')).pages.map((p) => p.number)).toEqual([1, 2]);
  });

  it('keeps empty pages in the middle so later page numbers stay those of the source', () => {
    const { pages } = readTextPages(utf8('ett\f\ftre'));
    expect(pages).toEqual([
      { number: 1, text: 'ett' },
      { number: 2, text: '' },
      { number: 3, text: 'tre' },
    ]);
  });

  it('is one page when there is no form feed, and keeps line endings for the parser to normalise', () => {
    expect(readTextPages(utf8('rad 1\r\nrad 2\n')).pages).toEqual([{ number: 1, text: 'rad 1\r\nrad 2\n' }]);
  });
});
