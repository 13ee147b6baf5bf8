import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { deflateSync } from 'node:zlib';

/**
 * Hostile PDFs for the limits tests and the `limits` bench suite (issue 14), built byte by byte: a valid structure
 * (catalog, pages, xref, %%EOF) around streams chosen to hurt a reader.
 *  - bomb: page content streams of deflated zeros, `inflatedBytes` in all (3 GiB from ≈ 3 MB at the default ratio);
 *    with `layers: 2` each stream is deflated twice; with `asImage` the streams claim to be 10×10 images.
 *  - text: `pages` pages of `charsPerPage` characters of shown text each (a small file with a lot of text).
 */
export interface BombOptions {
  inflatedBytes: number;
  /** Inflated bytes per stream (default 64 MiB). */
  streamBytes?: number;
  layers?: 1 | 2;
  asImage?: boolean;
}

export function bombPdf(options: BombOptions): Uint8Array {
  const per = options.streamBytes ?? 64 * 1024 * 1024;
  const count = Math.max(1, Math.ceil(options.inflatedBytes / per));
  const zeros = Buffer.alloc(Math.min(per, options.inflatedBytes));
  let data = deflateSync(zeros, { level: 9 });
  if (options.layers === 2) data = deflateSync(data, { level: 9 });
  const filter = options.layers === 2 ? '[/FlateDecode /FlateDecode]' : '/FlateDecode';
  const image = options.asImage
    ? ' /Subtype /Image /Width 10 /Height 10 /BitsPerComponent 8 /ColorSpace /DeviceGray'
    : '';
  const streams = Array.from({ length: count }, () => ({
    dict: `/Filter ${filter} /Length ${data.length}${image}`,
    data,
  }));
  return assemble(
    streams.map((s) => s),
    1,
  );
}

export function textPdf(pages: number, charsPerPage: number): Uint8Array {
  const line = 'Kommunstyrelsen beslutar att godkänna förslaget. '.replace(/[åäö]/gu, 'a');
  const lines = Math.ceil(charsPerPage / line.length);
  const content = deflateSync(
    Buffer.from(
      `BT /F1 1 Tf ${Array.from({ length: lines }, (_, i) => `1 0 0 1 10 ${800 - (i % 700)} Tm (${line}) Tj`).join(' ')} ET`,
      'latin1',
    ),
  );
  const stream = { dict: `/Filter /FlateDecode /Length ${content.length}`, data: content };
  // Every page shows the same content stream: a small file whose text is pages × charsPerPage.
  return assemble([stream], pages, true);
}

/** Writes `bytes` to `path` (the bench keeps its inputs as files, as ingest gets them). */
export async function writeFileStreaming(path: string, bytes: Uint8Array): Promise<void> {
  const out = createWriteStream(path);
  out.end(bytes);
  await once(out, 'finish');
}

interface RawStream {
  dict: string;
  data: Buffer;
}

/**
 * Objects: 1 catalog, 2 pages, 3 font, then the streams, then one page per `pageCount` (each showing every stream as
 * its content, or one stream per page when there are as many pages as streams).
 */
function assemble(streams: readonly RawStream[], pageCount: number, shareContent = false): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    size += b.length;
  };
  const object = (id: number, body: Buffer | string): void => {
    offsets[id] = size;
    push(Buffer.from(`${id} 0 obj\n`, 'latin1'));
    push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  };
  push(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  const firstStream = 4;
  const firstPage = firstStream + streams.length;
  const pages = shareContent ? pageCount : Math.max(pageCount, 1);
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(
    2,
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${firstPage + i} 0 R`).join(' ')}] /Count ${pages} >>`,
  );
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  streams.forEach((s, i) => {
    object(
      firstStream + i,
      Buffer.concat([Buffer.from(`<< ${s.dict} >>\nstream\n`, 'latin1'), s.data, Buffer.from('\nendstream', 'latin1')]),
    );
  });
  const contents = `[${streams.map((_, i) => `${firstStream + i} 0 R`).join(' ')}]`;
  for (let i = 0; i < pages; i++) {
    object(
      firstPage + i,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contents} >>`,
    );
  }
  const xref = size;
  const total = firstPage + pages;
  const rows = ['xref', `0 ${total}`, '0000000000 65535 f '];
  for (let id = 1; id < total; id++) rows.push(`${String(offsets[id]).padStart(10, '0')} 00000 n `);
  push(
    Buffer.from(`${rows.join('\n')}\ntrailer\n<< /Size ${total} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'),
  );
  return new Uint8Array(Buffer.concat(parts));
}
