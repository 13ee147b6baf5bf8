import type { SourceInfo } from '../core/records/types.ts';
import type { ExtractedDocument } from '../ports/text-extractor.ts';

/** The record's `source` for an extracted file: identity, pages, type, and (when OCR read pages) how sure it was. */
export function sourceInfo(extracted: ExtractedDocument, fileName: string, sha256: string): SourceInfo {
  return {
    fileName,
    sha256,
    pages: extracted.pages.length,
    mediaType: extracted.mediaType,
    ...(extracted.textSource ? { textSource: extracted.textSource } : {}),
    ...(extracted.ocrPages ? { ocrPages: extracted.ocrPages } : {}),
  };
}
