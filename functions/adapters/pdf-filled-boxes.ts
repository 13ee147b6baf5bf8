/**
 * Filled rectangles on a PDF page (black-box redaction): read from pdf.js's operator list, only for the few pages
 * where the text runs already show a hole (pdf-layout.ts), so the common page costs nothing extra. Paths are in user
 * space; the current transformation matrix is followed through save/restore/transform (and form XObjects' matrices),
 * so boxes come out in page coordinates, like the text runs.
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** pdf.js OPS codes (src/shared/util.js), stable across pdf.js 4 and 5. */
const OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
} as const;
const FILLS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

type Matrix = [number, number, number, number, number, number];

interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

export async function filledBoxes(page: { getOperatorList(): Promise<OperatorList> }): Promise<Box[]> {
  provideTransferToFixedLength();
  const list = await page.getOperatorList();
  const boxes: Box[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < list.fnArray.length; i += 1) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = fn === OPS.paintFormXObjectBegin ? asMatrix(args?.[0]) : undefined;
      if (m) ctm = multiply(m, ctm);
    } else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) {
      const m = asMatrix(args);
      if (m) ctm = multiply(m, ctm);
    } else if (fn === OPS.constructPath && args && FILLS.has(args[0] as number)) {
      const minMax = args[2] as ArrayLike<number> | null;
      if (minMax && minMax.length === 4) boxes.push(transformBox(minMax, ctm));
    }
  }
  return boxes.filter((b) => b.x1 - b.x0 > 1 && b.y1 - b.y0 > 1);
}

/**
 * pdf.js 5 builds operator lists with `ArrayBuffer.prototype.transferToFixedLength`, which Node 20 lacks (Node 21+
 * and Lambda's Node 22 have it); without it the list comes back empty. A copy does what pdf.js needs of it.
 */
function provideTransferToFixedLength(): void {
  const proto = ArrayBuffer.prototype as { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === 'function') return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

function asMatrix(value: unknown): Matrix | undefined {
  if (!value || typeof value !== 'object' || (value as ArrayLike<number>).length !== 6) return undefined;
  const m = Array.from(value as ArrayLike<number>);
  return m.every((n) => Number.isFinite(n)) ? (m as Matrix) : undefined;
}

/** m × ctm, as PDF concatenates matrices (the new one applies first). */
function multiply(m: Matrix, ctm: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const [A, B, C, D, E, F] = ctm;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

function transformBox(minMax: ArrayLike<number>, m: Matrix): Box {
  const [x0, y0, x1, y1] = [minMax[0] ?? 0, minMax[1] ?? 0, minMax[2] ?? 0, minMax[3] ?? 0];
  const points = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x = 0, y = 0]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
  const xs = points.map((p) => p[0] ?? 0);
  const ys = points.map((p) => p[1] ?? 0);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** A hole (x range on a baseline, font size) lies under a box: the box covers most of its width and its baseline. */
export function covers(box: Box, hole: { x0: number; x1: number; y: number; size: number }): boolean {
  const overlap = Math.min(box.x1, hole.x1) - Math.max(box.x0, hole.x0);
  const width = Math.max(1, hole.x1 - hole.x0);
  return overlap >= 0.5 * width && box.y0 <= hole.y + hole.size * 0.8 && box.y1 >= hole.y - hole.size * 0.3;
}
