import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { readTextPages } from '../../functions/adapters/text-reader.ts';
import type { PageText, SourceInfo } from '../../functions/core/records/types.ts';

/**
 * A golden case is a source document as ingest receives it: <case>.pdf, read with the production PDF extractor, or
 * <case>.txt (a protocol published as text), read with the production text reader. So the golden test runs the
 * whole way from the document to the records, and a change in the extractor shows up in the expectations.
 */
export interface GoldenCase {
  name: string;
  path: string;
  mediaType: 'application/pdf' | 'text/plain';
}

export function listCases(dir: string): GoldenCase[] {
  const names = new Set(
    readdirSync(dir).filter((f) => /\.(?:pdf|txt)$/u.test(f)).map((f) => f.replace(/\.(?:pdf|txt)$/u, '')),
  );
  return [...names].sort().map((name) => {
    const pdf = join(dir, `${name}.pdf`);
    return existsSync(pdf)
      ? { name, path: pdf, mediaType: 'application/pdf' }
      : { name, path: join(dir, `${name}.txt`), mediaType: 'text/plain' };
  });
}

export async function readCasePages(c: GoldenCase): Promise<PageText[]> {
  const bytes = readFileSync(c.path);
  return c.mediaType === 'application/pdf' ? (await extractPdfPages(bytes)).pages : readTextPages(bytes).pages;
}

export function caseSource(c: GoldenCase, pages: readonly PageText[]): SourceInfo {
  return { fileName: basename(c.path), sha256: 'golden', pages: pages.length, mediaType: c.mediaType };
}
