import { looksLikeHtml } from './html-reader.ts';
import { utf16ByteOrder } from './text-reader.ts';

/**
 * What kind of document the bytes are, from their content alone. Only the first KiB or so is inspected (the tail for
 * %%EOF is checked by the PDF path), so this is cheap even for large files.
 */
export type SniffResult = { kind: 'pdf' } | { kind: 'text' } | { kind: 'empty' | 'html' | 'binary'; detail: string };

/** PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1 §7.5.2 note; Acrobat implementation note). */
const HEADER_WINDOW = 1024;
/** How much is inspected for an HTML signature and title. */
const HTML_WINDOW = 4096;
/** How much is inspected to tell text from binary. */
const TEXT_WINDOW = 64 * 1024;
/** More than this share of control bytes (other than tab, line feed, carriage return, form feed) is not text. */
const MAX_CONTROL_SHARE = 0.05;

/** Magic numbers of files that turn up where a protocol was expected, to name them in the message. */
const KNOWN_BINARIES: ReadonlyArray<{ magic: number[]; name: string }> = [
  { magic: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (e.g. a Word .docx)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Microsoft Office file (e.g. a Word .doc)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], name: 'a TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], name: 'a TIFF image' },
];

export function sniffContent(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { kind: 'empty', detail: 'empty file (0 bytes)' };
  const head = latin1(bytes.subarray(0, HEADER_WINDOW));
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  // UTF-16 text (Windows "Unicode" files) has a NUL byte in every ASCII character: known by its byte order mark.
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return sniffDecoded(new TextDecoder(utf16).decode(bytes.subarray(2, 2 + HTML_WINDOW * 2)), bytes);
  // Decoded as UTF-8 (lenient; the default decoder drops a BOM) so an HTML title reads right in the message.
  const start = new TextDecoder().decode(bytes.subarray(0, HTML_WINDOW)).trimStart();
  if (start === '' && isBlank(bytes)) return { kind: 'empty', detail: 'empty file (only whitespace)' };
  if (looksLikeHtml(start)) return { kind: 'html', detail: htmlDetail(start) };
  const known = KNOWN_BINARIES.find(({ magic }) => magic.every((b, i) => bytes[i] === b));
  if (known) return { kind: 'binary', detail: `not a PDF or text file: looks like ${known.name}` };
  if (!looksLikeText(bytes.subarray(0, TEXT_WINDOW))) {
    return { kind: 'binary', detail: 'not a PDF or text file: binary data' };
  }
  return { kind: 'text' };
}

/** A UTF-16 file, decoded: empty, HTML or text (binary is ruled out by the byte order mark and the decoding). */
function sniffDecoded(start: string, bytes: Uint8Array): SniffResult {
  const t = start.trimStart();
  if (t === '' && bytes.length <= HTML_WINDOW * 2 + 2) return { kind: 'empty', detail: 'empty file (only whitespace)' };
  if (looksLikeHtml(t)) return { kind: 'html', detail: htmlDetail(t) };
  return { kind: 'text' };
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function isBlank(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes).trim() === '';
}

export function htmlDetail(start: string): string {
  const title = /<title[^>]*>([^<]{1,200})</iu.exec(start)?.[1]?.replace(/\s+/gu, ' ').trim();
  const named = title ? ` ("${title}")` : '';
  return `HTML page${named}, not a protocol (e.g. an error page saved as .pdf)`;
}

function looksLikeText(sample: Uint8Array): boolean {
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    // 0x09 tab, 0x0A line feed, 0x0C form feed (page break), 0x0D carriage return; 0x1A is an old DOS end-of-file.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f) control++;
  }
  return control <= sample.length * MAX_CONTROL_SHARE;
}
