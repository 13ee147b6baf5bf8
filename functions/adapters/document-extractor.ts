import {
  formatBytes,
  tooLargeMessage,
  UnreadableDocumentError,
  type ExtractedDocument,
  type TextExtractor,
} from '../ports/text-extractor.ts';
import { oneLine } from '../core/text/whitespace.ts';
import type { PageText } from '../core/records/types.ts';
import type { Ocr } from '../ports/ocr.ts';
import { sniffContent } from './content-sniffer.ts';
import { readWithOcr } from './ocr/ocr-document.ts';
import { MIN_TEXT_CHARS_PER_PAGE, textCharacters } from './ocr/ocr-plan.ts';
import { measureExpansion } from './pdf-expansion.ts';
import { extractPdfPages, PdfLimitError } from './pdf-text-extractor.ts';
import { readTextDocument, type TextFormat } from './text-reader.ts';

/**
 * The one place that decides whether bytes are a readable protocol document, shared by `paragraf parse` and ingest.
 * The type is detected from the content, never from the file name: municipal portals serve HTML error pages under
 * `.pdf` names. Every refusal is an `UnreadableDocumentError` with a stable reason code and a one-line message.
 */
export interface DocumentExtractorOptions {
  /** Larger files are refused with reason 'too-large'. Default 50 MiB. */
  maxBytes?: number;
  /**
   * Reads scans, damaged text layers and image pages (ocr-plan.ts). Absent: a PDF without a text layer is refused
   * as 'no-text-layer'.
   */
  ocr?: Ocr;
  /** More pages are refused with reason 'too-many-pages' before any page is read. Default 3,000. */
  maxPages?: number;
  /** Extraction stops at this many characters with reason 'too-much-text'. Default 10 million. */
  maxTextChars?: number;
  /** A PDF whose Flate streams inflate to more is refused as 'expands-too-much' before pdf.js opens it. Default 512 MiB. */
  maxExpandedBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/**
 * The largest real protocols are a few hundred pages (merged volumes of a year's minutes reach ~1,000) at 2,000–4,000
 * characters a page. The limits leave room for those many times over and keep ingest's peak memory under 1 GiB
 * (bench suite `limits`): pdf.js holds a page's decoded streams, the parser a few copies of the text.
 */
export const DEFAULT_MAX_PAGES = 3000;
export const DEFAULT_MAX_TEXT_CHARS = 10_000_000;
export const DEFAULT_MAX_EXPANDED_BYTES = 512 * 1024 * 1024;

export function createDocumentExtractor(options: DocumentExtractorOptions = {}): TextExtractor {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits: Limits = {
    maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
    maxTextChars: options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS,
    maxExpandedBytes: options.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES,
  };
  return {
    async extract(bytes: Uint8Array): Promise<ExtractedDocument> {
      assertWithinSizeLimit(bytes.length, maxBytes);
      const sniffed = sniffContent(bytes);
      switch (sniffed.kind) {
        case 'empty':
          throw new UnreadableDocumentError('empty', sniffed.detail);
        case 'html':
          return readHtml(bytes, sniffed.detail, limits);
        case 'binary':
          throw new UnreadableDocumentError('binary', sniffed.detail);
        case 'pdf':
          return { ...(await readPdf(bytes, options.ocr, limits)), mediaType: 'application/pdf' };
        case 'text': {
          const { pages, encoding, format } = checkedText(readTextDocument(bytes), limits);
          return { pages, encoding, mediaType: MEDIA_TYPES[format] };
        }
      }
    },
  };
}

const MEDIA_TYPES: Readonly<Record<TextFormat, ExtractedDocument['mediaType']>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
};

/** A § number with its sign ("§ 12", "§12", "12 §"): what every protocol has and an error page has not. */
const PARAGRAPH_SIGN_RE = /§\s?\d{1,4}|\d{1,4}\s?§/u;

/**
 * HTML is a protocol converted to a web page, or a portal's error page saved under a protocol's name. Only the first
 * is read: an HTML document without a single § number is refused, with the page's title in the message.
 */
function readHtml(bytes: Uint8Array, detail: string, limits: Limits): ExtractedDocument {
  const { pages, encoding } = checkedText(readTextDocument(bytes), limits);
  if (!pages.some((p) => PARAGRAPH_SIGN_RE.test(p.text))) throw new UnreadableDocumentError('html', detail);
  return { pages, encoding, mediaType: 'text/html' };
}

/** Exported so callers holding only a file size (the CLI, before reading) refuse with the same message. */
export function assertWithinSizeLimit(byteLength: number, maxBytes: number): void {
  if (byteLength > maxBytes) throw new UnreadableDocumentError('too-large', tooLargeMessage(byteLength, maxBytes));
}

interface Limits {
  maxPages: number;
  maxTextChars: number;
  maxExpandedBytes: number;
}

function checkedText<T extends { pages: PageText[] }>(read: T, limits: Limits): T {
  if (read.pages.length > limits.maxPages) {
    throw new UnreadableDocumentError(
      'too-many-pages',
      `${read.pages.length} pages, over the limit of ${limits.maxPages}`,
    );
  }
  const chars = read.pages.reduce((n, p) => n + p.text.length, 0);
  if (chars > limits.maxTextChars) {
    throw new UnreadableDocumentError(
      'too-much-text',
      `${chars} characters of text, over the limit of ${limits.maxTextChars}`,
    );
  }
  return read;
}

async function readPdf(
  bytes: Uint8Array,
  ocr: Ocr | undefined,
  limits: Limits,
): Promise<Omit<ExtractedDocument, 'mediaType'>> {
  // A PDF ends with %%EOF (ISO 32000-1 §7.5.5; readers look for it in the last 1024 bytes). Without it the file was
  // cut off. pdf.js can often still open such a file (e.g. the first revision of an incrementally updated PDF), but
  // a record built from it would silently lack the §§ on the missing pages, so a truncated file is refused even when
  // some pages parse.
  if (!endsWithEofMarker(bytes)) {
    throw new UnreadableDocumentError(
      'truncated-pdf',
      'truncated PDF: the file ends before the PDF end marker (%%EOF)',
    );
  }
  const expansion = await measureExpansion(bytes, limits.maxExpandedBytes);
  if (expansion.overBudget) {
    throw new UnreadableDocumentError(
      'expands-too-much',
      `the PDF's compressed streams expand to more than ${formatBytes(limits.maxExpandedBytes)} (a decompression bomb, or a damaged file)`,
    );
  }
  let pages: PageText[];
  try {
    pages = (await extractPdfPages(bytes, limits)).pages;
  } catch (error) {
    if (error instanceof PdfLimitError) {
      throw new UnreadableDocumentError(error.limit === 'pages' ? 'too-many-pages' : 'too-much-text', error.message, {
        cause: error,
      });
    }
    throw pdfError(error);
  }
  const read = ocr === undefined ? { pages } : await withOcr(bytes, pages, ocr);
  if (textCharacters(read.pages) < MIN_TEXT_CHARS_PER_PAGE * Math.max(1, pages.length)) {
    throw new UnreadableDocumentError(
      'no-text-layer',
      `scanned: no text layer (${pages.length} ${pages.length === 1 ? 'page' : 'pages'}, ` +
        `${textCharacters(read.pages)} characters of text); ` +
        (ocr === undefined ? 'run OCR first' : 'OCR found no page image with text to read'),
    );
  }
  return read;
}

async function withOcr(bytes: Uint8Array, pages: PageText[], ocr: Ocr): Promise<Omit<ExtractedDocument, 'mediaType'>> {
  const read = await readWithOcr(bytes, pages, ocr);
  if (read.textSource === 'text-layer') return { pages };
  return { pages: read.pages, textSource: read.textSource, ocrPages: read.ocrPages };
}

/**
 * The last %%EOF must be in the last 1024 bytes and followed by no more PDF syntax: a file cut inside an incremental
 * update (§7.5.6) still has the earlier revision's %%EOF near its end, followed by the cut-off update's objects.
 * Other trailing bytes (padding, a mail or upload system's junk) are tolerated, as PDF readers do.
 */
function endsWithEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-1024).toString('latin1');
  const eof = tail.lastIndexOf('%%EOF');
  return eof !== -1 && !/\b(?:obj|endobj|stream|xref|trailer|startxref)\b/u.test(tail.slice(eof + 5));
}

function pdfError(error: unknown): UnreadableDocumentError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new UnreadableDocumentError('encrypted-pdf', 'encrypted PDF: a password is needed to open it', {
      cause: error,
    });
  }
  const detail = messageLine(error instanceof Error ? error.message : String(error));
  return new UnreadableDocumentError('damaged-pdf', `damaged PDF: ${detail || 'pdf.js could not read it'}`, {
    cause: error,
  });
}

/** One line of a pdf.js message for the quarantine reason, without its closing full stop. */
function messageLine(text: string): string {
  return oneLine(text, 200).replace(/\.$/u, '');
}
