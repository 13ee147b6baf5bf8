import { getDocumentProxy } from 'unpdf';
import type { PageText } from '../core/records/types.ts';
import { layoutLines, type TextRun } from './pdf-layout.ts';

/**
 * PDF → text per page with pdf.js (through unpdf, pure JS, so it runs in Lambda). Page numbers are kept: page N of
 * the result is page N of the PDF. Classifying unreadable PDFs (encrypted, truncated, no text layer) is done by the
 * caller from the error this throws and from the text it returns.
 */
export interface PdfText {
  pages: PageText[];
}

interface PdfJsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Where extraction stops: more pages or more characters than this throw PdfLimitError before more is read. */
export interface PdfLimits {
  maxPages: number;
  maxTextChars: number;
}

export class PdfLimitError extends Error {
  override name = 'PdfLimitError';
  constructor(
    readonly limit: 'pages' | 'text',
    message: string,
  ) {
    super(message);
  }
}

export async function extractPdfPages(bytes: Uint8Array, limits: PdfLimits = { maxPages: Infinity, maxTextChars: Infinity }): Promise<PdfText> {
  preferSynchronousInflate();
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  const doc = await getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    if (doc.numPages > limits.maxPages) {
      throw new PdfLimitError('pages', `${doc.numPages} pages, over the limit of ${limits.maxPages}`);
    }
    const pages: PageText[] = [];
    let chars = 0;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items as unknown[]) {
        if (!isTextItem(item)) continue;
        chars += item.str.length;
        const [, , , d = 0, x = 0, y = 0] = item.transform;
        runs.push({ str: item.str, x, y, width: item.width, height: item.height || Math.abs(d) });
      }
      // Checked page by page: a file with hundreds of MB of text stops at the limit instead of being read to the end
      // (one page's text is bounded by its content streams, which measureExpansion bounds before pdf.js opens the file).
      if (chars > limits.maxTextChars) {
        throw new PdfLimitError('text', `more than ${limits.maxTextChars} characters of text by page ${number}`);
      }
      pages.push({ number, text: layoutLines(runs).join('\n') });
      page.cleanup();
    }
    return { pages };
  } finally {
    await doc.destroy();
  }
}

/**
 * pdf.js 5 inflates every Flate stream through the global `DecompressionStream` when one exists: a web stream and a
 * thread-pool round trip per stream. Protocols have many small streams (merged documents embed ≈ 3 font subsets per
 * page, each inflated to be parsed), so that per-stream overhead outweighs native zlib: with pdf.js's own synchronous
 * inflater the corpus extracts ≈ 15% faster (bench/README.md), with identical text. pdf.js uses that inflater
 * whenever constructing a `DecompressionStream` fails, and has no option to choose it, so the global is removed.
 * Nothing else in Paragraf or its runtime dependencies uses it (Hono's compress middleware uses CompressionStream).
 */
function preferSynchronousInflate(): void {
  if ('DecompressionStream' in globalThis) Reflect.deleteProperty(globalThis, 'DecompressionStream');
}

function isTextItem(item: unknown): item is PdfJsTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}
