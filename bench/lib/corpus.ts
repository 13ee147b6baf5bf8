import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PageText } from '../../functions/core/records/types.ts';

/**
 * The real protocols the benchmarks run on: the golden corpus in test/golden (real Alingsås PDFs and Göteborg texts,
 * copied from the development corpus so that the benchmark runs from a plain checkout).
 */
export const CORPUS_DIR = 'test/golden';

export interface CorpusFile {
  name: string;
  path: string;
}

export function corpusPdfs(repoRoot: string): CorpusFile[] {
  return listFiles(join(repoRoot, CORPUS_DIR), '.pdf');
}

/** Text cases: the extractor's text of each PDF (pages marked "=== page N") and the plain-text protocols. */
export function corpusTexts(repoRoot: string): Array<CorpusFile & { pages: PageText[] }> {
  return listFiles(join(repoRoot, CORPUS_DIR), '.txt').map((f) => ({ ...f, pages: splitPages(readFileSync(f.path, 'utf8')) }));
}

function listFiles(dir: string, extension: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => ({ name: basename(f, extension), path: join(dir, f) }));
}

const PAGE_MARK = /^=== page (\d+)$/u;

/** "=== page N" marker lines split the text into pages; a text without markers is one page. */
export function splitPages(raw: string): PageText[] {
  const pages: Array<{ number: number; lines: string[] }> = [];
  for (const line of raw.split('\n')) {
    const mark = PAGE_MARK.exec(line);
    if (mark) pages.push({ number: Number(mark[1]), lines: [] });
    else pages.at(-1)?.lines.push(line);
  }
  if (pages.length === 0) return [{ number: 1, text: raw }];
  return pages.map((p) => ({ number: p.number, text: p.lines.join('\n') }));
}
