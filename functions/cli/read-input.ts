import { readFile, stat } from 'node:fs/promises';
import { assertWithinSizeLimit } from '../adapters/document-extractor.ts';
import { UnreadableDocumentError } from '../ports/text-extractor.ts';
import { InputFileError } from './command.ts';

/**
 * Reads a file named on the command line. The size limit is checked on the file size before reading, so a
 * mistakenly named disk image is refused without being loaded into memory.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputFileError(path, 'is a directory, not a file');
    if (!info.isFile()) throw new InputFileError(path, 'not a regular file');
    assertWithinSizeLimit(info.size, maxBytes);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    if (error instanceof UnreadableDocumentError) throw new InputFileError(path, error.message, { cause: error });
    throw new InputFileError(path, fileSystemMessage(error), { cause: error });
  }
}

function fileSystemMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
