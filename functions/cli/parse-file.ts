import { basename, dirname, resolve } from 'node:path';
import { createDocumentExtractor, type DocumentExtractorOptions } from '../adapters/document-extractor.ts';
import { parseProtocol } from '../core/parse/parse-protocol.ts';
import { sha256Hex } from '../lib/hash.ts';
import type { ParseHints, Protocol } from '../core/records/types.ts';
import { type FileSource, sourceHints } from '../pipeline/file-name-hints.ts';
import { sourceInfo } from '../pipeline/source-info.ts';
import type { Ocr } from '../ports/ocr.ts';
import { type ExtractedDocument, UnreadableDocumentError } from '../ports/text-extractor.ts';
import { InputFileError } from './command.ts';
import { readInputFile } from './read-input.ts';

/**
 * File on disk → protocol record: read, hash, extract (type by content), parse with hints. Unreadable input becomes
 * an `InputFileError` naming the file, and so does a file without a single §: printing an empty protocol would
 * look like success.
 */
export async function parseFile(path: string, flagHints: ParseHints, maxBytes: number, ocr?: Ocr): Promise<Protocol> {
  const bytes = await readInputFile(path, maxBytes);
  const fileName = basename(path);
  const extracted = await extract(path, bytes, { maxBytes, ...(ocr ? { ocr } : {}) });
  const sha256 = sha256Hex(bytes);
  const protocol = parseProtocol({
    pages: extracted.pages,
    source: sourceInfo(extracted, fileName, sha256),
    hints: hintsFor(path, flagHints),
  });
  if (protocol.paragraphs.length === 0) {
    throw new InputFileError(path, 'no § found: not a council protocol, or its § headings are not recognised');
  }
  return protocol;
}

async function extract(path: string, bytes: Uint8Array, options: DocumentExtractorOptions): Promise<ExtractedDocument> {
  try {
    return await createDocumentExtractor(options).extract(bytes, basename(path));
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw new InputFileError(path, error.message, { cause: error });
    throw error;
  }
}

/**
 * Flags first, then the file name (`<municipality>-<body>-<date>…`, the convention ingest uses too, so parse and
 * ingest see the same hints), then a folder named after a municipality, as the corpus is laid out.
 */
export function hintsFor(path: string, flagHints: ParseHints): ParseHints {
  return sourceHints(fileSource(path), flagHints);
}

/** A file on disk as a hint source: its name and its folder's name. */
export function fileSource(path: string): FileSource {
  return { fileName: basename(path), folder: basename(dirname(resolve(path))) };
}
