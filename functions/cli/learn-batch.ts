import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestDeps } from '../pipeline/ingest-document.ts';
import { TemplateBook } from '../pipeline/template-learning.ts';
import { hintsFor } from './parse-file.ts';

/**
 * The learning pass of `paragraf ingest` over several files: each readable file is extracted and parsed once, and its
 * template profile kept (nothing is written). A single file has no batch to learn from (the store still may).
 */
export async function learnBatch(
  deps: Pick<IngestDeps, 'extractor'>,
  entries: ReadonlyArray<{ file: { path: string; shown: string }; error?: string; skipped?: string }>,
  municipality: string | undefined,
  progress: (text: string) => void,
  maxBytes: number,
): Promise<TemplateBook> {
  const book = new TemplateBook();
  const files = entries.filter((e) => e.error === undefined && e.skipped === undefined);
  if (files.length < 2) return book;
  for (const [i, { file }] of files.entries()) {
    progress(`learning templates [${i + 1}/${files.length}] ${file.shown}`);
    try {
      const bytes = await readBounded(file.path, maxBytes);
      if (bytes === undefined) continue;
      const hints = hintsFor(file.path, municipality === undefined ? {} : { municipality });
      await book.learn(deps.extractor, bytes, basename(file.path), hints);
    } catch {
      // Unreadable files are reported by the ingest pass itself.
    }
  }
  progress('');
  return book;
}

/**
 * The file's bytes, or undefined when it is not a regular file or larger than `maxBytes`: the same checks as the
 * ingest pass (a non-blocking open, the size from the open handle), so learning never holds an oversized file in
 * memory nor waits on a FIFO swapped in after the folder was listed.
 */
async function readBounded(path: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}
