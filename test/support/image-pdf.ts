/**
 * Makes scanned protocols from real ones: pdftoppm rasterises pages (grey JPEG, grey PGM or black-and-white PBM at a
 * chosen dpi), and {@link imageOnlyPdf} wraps the images in a PDF with no text layer, one image per page drawn over
 * the whole page, as a scanner writes it (JPEG as DCTDecode, PGM/PBM as FlateDecode).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export type ScanFormat = 'jpeg' | 'pgm' | 'pbm';

export interface ScanImage {
  format: ScanFormat;
  bytes: Uint8Array;
  dpi: number;
}

export interface RasteriseOptions {
  dpi: number;
  format: ScanFormat;
  first?: number;
  last?: number;
}

/** pdftoppm's pages of `pdf` as images, in page order. */
export function rasterise(pdf: string, options: RasteriseOptions): ScanImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'paragraf-scan-'));
  try {
    const mode = options.format === 'jpeg' ? ['-jpeg', '-gray'] : options.format === 'pgm' ? ['-gray'] : ['-mono'];
    const range = [
      ...(options.first ? ['-f', String(options.first)] : []),
      ...(options.last ? ['-l', String(options.last)] : []),
    ];
    execFileSync('pdftoppm', ['-r', String(options.dpi), ...mode, ...range, pdf, join(dir, 'p')]);
    return readdirSync(dir)
      .sort()
      .map((name) => ({ format: options.format, bytes: readFileSync(join(dir, name)), dpi: options.dpi }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Embedded {
  width: number;
  height: number;
  dict: string;
  stream: Uint8Array;
}

/** An image-only PDF: page N shows image N over the whole page (page size = image size at its dpi). */
export function imageOnlyPdf(images: readonly ScanImage[]): Buffer {
  const objects: Array<string | { dict: string; stream: Uint8Array }> = [];
  const add = (o: string | { dict: string; stream: Uint8Array }): number => objects.push(o);
  const pagesRef = add('');
  const kids: number[] = [];
  for (const image of images) {
    const e = embed(image);
    const w = (e.width * 72) / image.dpi;
    const h = (e.height * 72) / image.dpi;
    const imageRef = add({ dict: e.dict, stream: e.stream });
    const content = Buffer.from(`q ${w.toFixed(3)} 0 0 ${h.toFixed(3)} 0 0 cm /Im0 Do Q`);
    const contentRef = add({ dict: '', stream: content });
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${w.toFixed(3)} ${h.toFixed(3)}] ` +
          `/Resources << /XObject << /Im0 ${imageRef} 0 R >> >> /Contents ${contentRef} 0 R >>`,
      ),
    );
  }
  objects[pagesRef - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const catalogRef = add(`<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  return serialise(objects, catalogRef);
}

function serialise(objects: ReadonlyArray<string | { dict: string; stream: Uint8Array }>, root: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const body =
      typeof o === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.stream.length} >>\nstream\n`, 'latin1'),
            o.stream,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(body);
    offset += body.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n `),
  ];
  parts.push(
    Buffer.from(
      `${xref.join('\n')}\ntrailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

function embed(image: ScanImage): Embedded {
  if (image.format === 'jpeg') {
    const { width, height } = jpegSize(image.bytes);
    const dict = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`;
    return { width, height, dict, stream: image.bytes };
  }
  const { width, height, data } = readPnm(image.bytes);
  const bits = image.format === 'pbm' ? 1 : 8;
  // PBM: 1 = black; PDF DeviceGray 1 bit: 1 = white, so the bits are inverted with a Decode array.
  const decode = image.format === 'pbm' ? ' /Decode [1 0]' : '';
  const dict = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent ${bits}${decode} /Filter /FlateDecode`;
  return { width, height, dict, stream: deflateSync(data) };
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    i += 2 + length;
  }
  throw new Error('no JPEG start-of-frame marker');
}

/** Binary PGM (P5) or PBM (P4): header "P5\nW H\n255\n" / "P4\nW H\n", then the rows. */
export function readPnm(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const match = /^(P[45])\s+(\d+)\s+(\d+)\s+(?:(\d+)\s)?/u.exec(text);
  if (!match) throw new Error('not a binary PGM/PBM');
  const [header, kind, w, h] = match;
  if (kind === 'P5' && match[4] === undefined) throw new Error('PGM without maxval');
  return { width: Number(w), height: Number(h), data: bytes.subarray(header.length) };
}
