/**
 * A small, deterministic PDF writer for tests: pages of text lines become a real PDF with a text layer that pdf.js
 * (our extractor) reads back. Same input → same bytes, no browser, no fonts on disk.
 *
 * Any Unicode text is supported in the text layer: ASCII is written as itself, every other character gets a byte
 * code of its own in a simple font whose /ToUnicode CMap maps the code back to the character (full-width and
 * Arabic-Indic digits, NBSP, soft hyphen, zero-width space, å/ä/ö …). That is how real PDFs carry such characters:
 * what extraction sees is the ToUnicode mapping, whatever glyph is drawn. At most 95 distinct non-ASCII characters
 * per document.
 *
 * Layout: a line is split at runs of two or more spaces into segments placed at their character column, so label and
 * value columns ("Beslutande        Anna Andersson (S)") come out as separate text runs with a gap, as in real
 * protocols.
 */
import { assemblePdf } from './pdf-builder.ts';

const FONT_SIZE = 10;
const CHAR_WIDTH = 5.2;
const LEFT = 50;
const TOP = 800;
const LINE_HEIGHT = 14;

/** `pages[i]` is the lines of page i + 1. */
export function writePdf(pages: readonly (readonly string[])[]): Uint8Array {
  const codes = new Map<string, number>();
  let next = 0xa1;
  const encode = (text: string): string => {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0x3f;
      let code = cp >= 0x20 && cp <= 0x7e ? cp : codes.get(ch);
      if (code === undefined) {
        if (next > 0xff) throw new Error('writePdf: more than 95 distinct non-ASCII characters');
        code = next++;
        codes.set(ch, code);
      }
      out += `\\${code.toString(8).padStart(3, '0')}`;
    }
    return out;
  };
  const contents = pages.map((lines) => pageContent(lines, encode));
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[0] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[2] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 4 0 R >>';
  objects[3] = stream(toUnicode(codes));
  contents.forEach((content, i) => {
    objects[4 + i * 2] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${6 + i * 2} 0 R >>`;
    objects[5 + i * 2] = stream(content);
  });
  return new Uint8Array(assemblePdf(objects));
}

/** Text with "\f" between pages and "\n" between lines → pages of lines. */
export function pagesOf(text: string): string[][] {
  return text.split('\f').map((page) => page.split('\n'));
}

function pageContent(lines: readonly string[], encode: (text: string) => string): string {
  const ops: string[] = ['BT', `/F1 ${FONT_SIZE} Tf`];
  lines.forEach((line, row) => {
    const y = TOP - row * LINE_HEIGHT;
    for (const { column, text } of segments(line)) {
      ops.push(`1 0 0 1 ${(LEFT + column * CHAR_WIDTH).toFixed(1)} ${y} Tm (${encode(text)}) Tj`);
    }
  });
  ops.push('ET');
  return ops.join('\n');
}

function segments(line: string): Array<{ column: number; text: string }> {
  const out: Array<{ column: number; text: string }> = [];
  const re = /\S(?:\S| (?! ))*/gu;
  for (let m = re.exec(line); m !== null; m = re.exec(line))
    out.push({ column: [...line.slice(0, m.index)].length, text: m[0] });
  return out;
}

function toUnicode(codes: ReadonlyMap<string, number>): string {
  const entries = [...codes].map(([ch, code]) => `<${hex2(code)}> <${utf16Hex(ch)}>`);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Paragraf-Test-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <FF>',
    'endcodespacerange',
    '1 beginbfrange',
    '<20> <7E> <0020>',
    'endbfrange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function utf16Hex(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}
