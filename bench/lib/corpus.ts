import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { readTextDocument } from '../../functions/adapters/text-reader.ts';
import type { PageText } from '../../functions/core/records/types.ts';

/**
 * The real protocols the benchmarks run on: the golden corpus in test/golden (real PDFs, texts and Markdown from several
 * municipalities, copied from the development corpus, so the benchmarks run from a plain checkout).
 */
export const CORPUS_DIR = 'test/golden';

export interface CorpusFile {
  name: string;
  path: string;
}

export function corpusPdfs(repoRoot: string): CorpusFile[] {
  return listFiles(join(repoRoot, CORPUS_DIR), '.pdf');
}

/**
 * Every corpus protocol as text pages, read the way ingest reads it: PDFs with the production extractor, text files
 * with the production text reader. For the benchmarks that start from text (parse, fuzz); the reading is not timed.
 * `maxPdfBytes` leaves out the larger PDFs (quick runs: extracting them takes seconds).
 */
export async function corpusTexts(
  repoRoot: string,
  options: { maxPdfBytes?: number } = {},
): Promise<Array<CorpusFile & { pages: PageText[]; mediaType: string }>> {
  const dir = join(repoRoot, CORPUS_DIR);
  const small = (f: CorpusFile) => options.maxPdfBytes === undefined || statSync(f.path).size <= options.maxPdfBytes;
  const pdfs = await Promise.all(
    listFiles(dir, '.pdf')
      .filter(small)
      .map(async (f) => ({
        ...f,
        mediaType: 'application/pdf',
        pages: (await extractPdfPages(new Uint8Array(readFileSync(f.path)))).pages,
      })),
  );
  const read = (extension: string, mediaType: string) =>
    listFiles(dir, extension).map((f) => ({
      ...f,
      mediaType,
      pages: readTextDocument(new Uint8Array(readFileSync(f.path))).pages,
    }));
  const texts = [...read('.txt', 'text/plain'), ...read('.md', 'text/markdown')];
  return [...pdfs, ...texts].sort((a, b) => a.name.localeCompare(b.name));
}

function listFiles(dir: string, extension: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => ({ name: basename(f, extension), path: join(dir, f) }));
}
