import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import type { PageImage } from '../../ports/ocr.ts';
import { toGrey, type DecodedImage } from './grey-image.ts';

/**
 * The scanned image of each requested page, decoded by pdf.js (JPEG, Flate, CCITT, JBIG2 …) without a canvas: a
 * scanned protocol page is one image XObject drawn over (most of) the page, and pdf.js hands over its decoded pixels.
 * No renderer, no native code: this runs on any Lambda architecture. A page whose largest image covers less than
 * {@link MIN_PAGE_COVER} of the page has no page image (a logo, a signature) and is left out.
 */
export const MIN_PAGE_COVER = 0.3;

type Matrix = [number, number, number, number, number, number];

interface PdfJsPage {
  view: number[];
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: { get(name: string, callback: (value: unknown) => void): void };
  commonObjs: { get(name: string, callback: (value: unknown) => void): void };
  cleanup(): void;
}

interface Ops {
  save: number;
  restore: number;
  transform: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
}

interface Placed {
  image: DecodedImage;
  ctm: Matrix;
}

/**
 * Page images for `pages` (1-based numbers), one at a time in page order, so a long scan never holds more decoded
 * pages than its consumer asks for; pages without a page-covering image are skipped.
 */
export async function* pageImages(bytes: Uint8Array, pages: readonly number[]): AsyncGenerator<PageImage> {
  const doc = await getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
  } as Parameters<typeof getDocumentProxy>[1]);
  const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Ops };
  try {
    for (const number of pages) {
      if (number < 1 || number > doc.numPages) continue;
      const page = (await doc.getPage(number)) as unknown as PdfJsPage;
      const image = pageImage(number, page, await placedImages(page, OPS));
      page.cleanup();
      if (image) yield image;
    }
  } finally {
    await doc.destroy();
  }
}

/** All of {@link pageImages} at once (tests, tools). */
export async function extractPageImages(bytes: Uint8Array, pages: readonly number[]): Promise<PageImage[]> {
  const images: PageImage[] = [];
  for await (const image of pageImages(bytes, pages)) images.push(image);
  return images;
}

/** Every image drawn on the page with the transformation it was drawn under (save/restore/cm tracked). */
async function placedImages(page: PdfJsPage, ops: Ops): Promise<Placed[]> {
  const list = await page.getOperatorList();
  const placed: Placed[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < list.fnArray.length; i++) {
    const op = list.fnArray[i];
    const args = list.argsArray[i] ?? [];
    if (op === ops.save) stack.push(ctm);
    else if (op === ops.restore) ctm = stack.pop() ?? ctm;
    else if (op === ops.transform) ctm = multiply(ctm, args as Matrix);
    else if (op === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(ctm, args[0] as Matrix);
    } else if (op === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (op === ops.paintImageXObject) {
      const image = await resolveObject(page, String(args[0]));
      if (isDecoded(image)) placed.push({ image, ctm });
    } else if (op === ops.paintInlineImageXObject && isDecoded(args[0])) {
      placed.push({ image: args[0], ctm });
    }
  }
  return placed;
}

function pageImage(number: number, page: PdfJsPage, placed: readonly Placed[]): PageImage | undefined {
  const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
  const pageArea = Math.abs((x1 - x0) * (y1 - y0));
  let best: Placed | undefined;
  for (const p of placed) if (!best || area(p.ctm) > area(best.ctm)) best = p;
  if (!best || area(best.ctm) < MIN_PAGE_COVER * pageArea) return undefined;
  const { image, ctm } = best;
  const [a, b, c, d, e, f] = ctm;
  const grey = toGrey(image);
  const widthPoints = Math.hypot(a, b);
  return {
    page: number,
    width: image.width,
    height: image.height,
    channels: 1,
    data: grey,
    // The image fills the unit square with its first row at the top (y = 1): pixel (x, y↓) → unit (x/W, 1 − y/H).
    toPage: [a / image.width, b / image.width, -c / image.height, -d / image.height, c + e, d + f],
    dpi: widthPoints > 0 ? Math.round((image.width * 72) / widthPoints) : 300,
  };
}

function resolveObject(page: PdfJsPage, name: string): Promise<unknown> {
  const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objs.get(name, resolve));
}

function isDecoded(value: unknown): value is DecodedImage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { width?: unknown; height?: unknown; data?: unknown };
  if (typeof v.width !== 'number' || typeof v.height !== 'number' || v.width <= 0) return false;
  // pdf.js hands over RGB(A) as Uint8ClampedArray and 1-bit grey as Uint8Array: view both as bytes.
  if (v.data instanceof Uint8ClampedArray) v.data = new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength);
  return v.data instanceof Uint8Array;
}

/** Area of the unit square under `m`, in page units². */
function area(m: Matrix): number {
  return Math.abs(m[0] * m[3] - m[1] * m[2]);
}

/** `m` applied after `base` (PDF's cm: new CTM = m × base). */
function multiply(base: Matrix, m: Matrix): Matrix {
  return [
    m[0] * base[0] + m[1] * base[2],
    m[0] * base[1] + m[1] * base[3],
    m[2] * base[0] + m[3] * base[2],
    m[2] * base[1] + m[3] * base[3],
    m[4] * base[0] + m[5] * base[2] + base[4],
    m[4] * base[1] + m[5] * base[3] + base[5],
  ];
}
