import type { PageText } from '../core/records/types.ts';
import { htmlPages, looksLikeHtml } from './html-reader.ts';
import { looksLikeMarkdown, markdownPages } from './markdown-reader.ts';

/**
 * Plain-text protocols → pages. Text exported from older municipal systems is often Windows-1252 rather than UTF-8,
 * and Windows tools save UTF-16 with a byte order mark, so the bytes are decoded as UTF-16 when a BOM says so, else
 * as strict UTF-8 and, only when that fails, as Windows-1252 (never refused: every byte sequence is valid
 * Windows-1252). A form feed (\f, as `pdftotext` writes between pages) starts a new page, so page numbers survive a
 * PDF → text conversion.
 */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface TextPages {
  pages: PageText[];
  encoding: TextEncodingName;
}

/** What a text document is written in: plain text, Markdown or HTML (each read into lines with layout marks). */
export type TextFormat = 'text' | 'markdown' | 'html';

export function readTextPages(bytes: Uint8Array): TextPages {
  const { text, encoding } = decodeText(bytes);
  return { pages: splitPages(text), encoding };
}

/**
 * A text document in any of the formats Paragraf reads, the format decided from the content (never the file name):
 * HTML when it starts like an HTML document, Markdown when its lines carry Markdown markup, plain text otherwise.
 */
export function readTextDocument(bytes: Uint8Array): TextPages & { format: TextFormat } {
  const { text, encoding } = decodeText(bytes);
  if (looksLikeHtml(text.trimStart())) return { pages: htmlPages(text), encoding, format: 'html' };
  if (looksLikeMarkdown(text)) return { pages: markdownPages(text), encoding, format: 'markdown' };
  return { pages: splitPages(text), encoding, format: 'text' };
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return { text: stripBom(new TextDecoder(utf16).decode(bytes.subarray(2))), encoding: utf16 };
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { text: stripBom(utf8), encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/** Strict UTF-8, or undefined when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    // `stream: true` leaves an incomplete multi-byte sequence at the very end pending instead of failing.
    const text = decoder.decode(bytes, { stream: true });
    try {
      decoder.decode();
      return text;
    } catch {
      // The file ends inside a character. A UTF-8 file cut off mid-character is still UTF-8 (losing that character,
      // rather than garbling every å, ä, ö) — but only with evidence: the rest must contain non-ASCII characters.
      // Plain ASCII followed by one high byte is a Windows-1252 file ending in e.g. "på".
      return /[^\u0000-\u007f]/u.test(text) ? text : undefined;
    }
  } catch {
    return undefined;
  }
}

/** UTF-16 is recognised by its byte order mark (FF FE little-endian, FE FF big-endian) only. */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where it has the typographic characters Swedish office
 * documents are full of („ ” – — … € ’). Node 20's `TextDecoder('windows-1252')` silently decodes as ISO-8859-1
 * there (0x96 → U+0096 instead of –), so the table is spelled out (WHATWG Encoding, index-windows-1252). The five
 * unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 code point of the same value, as WHATWG specifies.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
] as const;

export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let out = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      codes.push(b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] ?? b) : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * Splits on form feeds; page N of the result is the N-th form-feed-separated part. One trailing empty part is
 * dropped because `pdftotext` ends every page, including the last, with \f; empty pages inside are kept so the
 * numbering stays that of the source.
 */
export function splitPages(text: string): PageText[] {
  const parts = text.split('\f');
  if (parts.length > 1 && (parts[parts.length - 1] ?? '').trim() === '') parts.pop();
  return parts.map((part, i) => ({ number: i + 1, text: part }));
}
