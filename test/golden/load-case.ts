import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { readTextDocument } from '../../functions/adapters/text-reader.ts';
import type { PageText, SourceInfo } from '../../functions/core/records/types.ts';

/**
 * A golden case is a source document as ingest receives it: <case>.pdf, read with the production PDF extractor, or
 * <case>.txt / .md / .html (a protocol published as text, or converted to Markdown or HTML), read with the production
 * text reader. So the golden test runs the whole way from the document to the records, and a change in the extractor
 * shows up in the expectations.
 */
export interface GoldenCase {
  name: string;
  path: string;
  mediaType: 'application/pdf' | 'text/plain' | 'text/markdown' | 'text/html';
}

const EXTENSIONS: ReadonlyArray<readonly [string, GoldenCase['mediaType']]> = [
  ['pdf', 'application/pdf'],
  ['txt', 'text/plain'],
  ['md', 'text/markdown'],
  ['html', 'text/html'],
];
const SOURCE_RE = /\.(?:pdf|txt|md|html)$/u;

export function listCases(dir: string): GoldenCase[] {
  const names = new Set(readdirSync(dir).filter((f) => SOURCE_RE.test(f)).map((f) => f.replace(SOURCE_RE, '')));
  return [...names].sort().map((name) => {
    const [ext, mediaType] = EXTENSIONS.find(([e]) => existsSync(join(dir, `${name}.${e}`))) ?? EXTENSIONS[1]!;
    return { name, path: join(dir, `${name}.${ext}`), mediaType };
  });
}

export async function readCasePages(c: GoldenCase): Promise<PageText[]> {
  const bytes = readFileSync(c.path);
  return c.mediaType === 'application/pdf' ? (await extractPdfPages(bytes)).pages : readTextDocument(bytes).pages;
}

export function caseSource(c: GoldenCase, pages: readonly PageText[]): SourceInfo {
  return { fileName: basename(c.path), sha256: 'golden', pages: pages.length, mediaType: c.mediaType };
}
