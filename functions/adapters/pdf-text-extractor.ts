import { getDocumentProxy } from 'unpdf';
import type { PageText } from '../core/records/types.ts';
import { fontCounts, layoutPage, type LaidOutPage, type TextRun } from './pdf-layout.ts';
import { covers, filledBoxes } from './pdf-filled-boxes.ts';

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
  fontName?: string;
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

export async function extractPdfPages(
  bytes: Uint8Array,
  limits: PdfLimits = { maxPages: Infinity, maxTextChars: Infinity },
): Promise<PdfText> {
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
    const perPage: Array<{ runs: TextRun[]; width: number }> = [];
    let chars = 0;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items as unknown[]) {
        if (!isTextItem(item)) continue;
        chars += item.str.length;
        runs.push(toRun(item));
      }
      // Checked page by page: a file with hundreds of MB of text stops at the limit instead of being read to the end
      // (one page's text is bounded by its content streams, which measureExpansion bounds before pdf.js opens the file).
      if (chars > limits.maxTextChars) {
        throw new PdfLimitError('text', `more than ${limits.maxTextChars} characters of text by page ${number}`);
      }
      perPage.push({ runs, width: pageWidth(page.view) });
      page.cleanup();
    }
    // Layout marks come from the same runs, in the same pass over the PDF: no page is read twice.
    const fonts = fontCounts(perPage.map((p) => p.runs));
    const pages: PageText[] = [];
    for (const [i, p] of perPage.entries()) {
      const laid = layoutPage(p.runs, p.width, fonts);
      // Only a page whose text shows a hole is read again, for the boxes that would confirm a black-box redaction.
      if (laid.holes.length > 0) await markRedactions(await doc.getPage(i + 1), laid);
      pages.push({ number: i + 1, text: laid.lines.join('\n'), layout: laid.layout });
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

/** A pdf.js text item as a run: position, size, font, and whether its text direction is turned on the page. */
function toRun(item: PdfJsTextItem): TextRun {
  const [a = 1, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  const rotated = Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a < 0;
  const size = rotated ? Math.hypot(a, b) : item.height || Math.abs(d);
  const run: TextRun = { str: item.str, x, y, width: item.width, height: size };
  if (item.fontName !== undefined) run.font = item.fontName;
  if (rotated) run.rotated = true;
  return run;
}

/** Page width from the view box [x0, y0, x1, y1]. */
function pageWidth(view: number[]): number {
  const [x0 = 0, , x1 = 0] = view;
  return Math.abs(x1 - x0);
}

/**
 * A hole in running text is a redaction when a filled box covers it (text removed and blacked out); a hole without a
 * box is left alone (a tab stop, a table cell). Counted per line in `layout.gaps`.
 */
async function markRedactions(
  page: Parameters<typeof filledBoxes>[0] & { cleanup(): void },
  laid: LaidOutPage,
): Promise<void> {
  try {
    const boxes = await filledBoxes(page);
    for (const hole of laid.holes) {
      if (!boxes.some((b) => covers(b, hole))) continue;
      const mark = laid.layout[hole.line];
      if (mark) mark.gaps = (mark.gaps ?? 0) + 1;
    }
  } finally {
    page.cleanup();
  }
}

function isTextItem(item: unknown): item is PdfJsTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}
