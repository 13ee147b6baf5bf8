import type { PageText } from '../core/records/types.ts';

/** What an extractor returns: the text per page, plus what it learned about the file. */
export interface ExtractedDocument {
  pages: PageText[];
  /** Detected from the bytes, never from the file name. */
  mediaType: 'application/pdf' | 'text/plain';
  /** For text input: the encoding that was detected and decoded. */
  encoding?: 'utf-8' | 'windows-1252';
}

export interface TextExtractor {
  /** Throws an `UnreadableDocumentError` with a one-line reason when the bytes cannot be read as a protocol. */
  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument>;
}

/** Why a document could not be read. Stable codes, used in quarantine entries and CLI output. */
export type UnreadableReason =
  | 'empty'
  | 'too-large'
  | 'html'
  | 'binary'
  | 'truncated-pdf'
  | 'encrypted-pdf'
  | 'no-text-layer'
  | 'damaged-pdf'
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
