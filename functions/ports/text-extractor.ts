import type { OcrPageConfidence, PageText } from '../core/records/types.ts';

/** What an extractor returns: the text per page, plus what it learned about the file. */
export interface ExtractedDocument {
  pages: PageText[];
  /** Detected from the bytes, never from the file name. */
  mediaType: 'application/pdf' | 'text/plain' | 'text/markdown' | 'text/html';
  /** For text input: the encoding that was detected and decoded. */
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** Where the text came from; absent = the file's own text (text layer or plain text). */
  textSource?: TextSource;
  /** Pages read by OCR, with the engine's confidence (present when textSource is 'ocr' or 'mixed'). */
  ocrPages?: OcrPageInfo[];
}

/** 'text-layer': the PDF's own text; 'ocr': every page read from its image; 'mixed': some pages each way. */
export type TextSource = 'text-layer' | 'ocr' | 'mixed';

/** One OCR'd page in a record (SourceInfo.ocrPages). */
export type OcrPageInfo = OcrPageConfidence;

export interface TextExtractor {
  /** Throws an `UnreadableDocumentError` with a one-line reason when the bytes cannot be read as a protocol. */
  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument>;
}

/**
 * Why a document could not be read. Stable codes, used in quarantine entries and CLI output (docs/cli.md):
 * - empty: 0 bytes or only whitespace; too-large: over the configured size limit;
 * - html: an HTML page (typically a portal's error page saved as .pdf); binary: neither PDF nor text;
 * - truncated-pdf: no %%EOF at the end (refused even if pdf.js can read some pages); damaged-pdf: pdf.js cannot read
 *   the structure; encrypted-pdf: a password is needed to open it; no-text-layer: a scan without text ("scanned: no
 *   text layer");
 * - too-many-pages, too-much-text: over the extractor's page or text limit (extraction stops there, so memory stays
 *   bounded); expands-too-much: the PDF's compressed streams inflate past the limit (a decompression bomb);
 * - no-paragraphs: readable, but the parser found no § (decided by the caller after parsing, not by the extractor).
 */
export type UnreadableReason =
  | 'empty'
  | 'too-large'
  | 'html'
  | 'binary'
  | 'truncated-pdf'
  | 'encrypted-pdf'
  | 'no-text-layer'
  | 'damaged-pdf'
  | 'too-many-pages'
  | 'too-much-text'
  | 'expands-too-much'
  | 'no-paragraphs';

export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
  constructor(
    readonly reason: UnreadableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The one wording of a 'too-large' refusal, for the extractor and for callers that know only a size. */
export function tooLargeMessage(byteLength: number, maxBytes: number): string {
  return `file is ${formatBytes(byteLength)}, over the ${formatBytes(maxBytes)} limit`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${+(n / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
