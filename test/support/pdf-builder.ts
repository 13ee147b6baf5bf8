/**
 * Minimal PDFs built in memory for extractor tests: text in the standard Helvetica fonts (regular and bold, so a
 * bold heading is set in another font than the body), rotated text, and filled rectangles. Strings are encoded in
 * WinAnsi (å ä ö § as octal escapes), as a word processor's PDF would have them.
 */
export interface PdfText {
  x: number;
  y: number;
  text: string;
  size?: number;
  bold?: boolean;
  /** Degrees, counter-clockwise. */
  rotate?: number;
}

export interface PdfPage {
  texts: PdfText[];
  /** Filled black rectangles [x, y, width, height] drawn over the page (black-box redaction). */
  boxes?: Array<[number, number, number, number]>;
}

function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch === '§' ? 0xa7 : (ch.codePointAt(0) ?? 0x3f);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x80) out += ch;
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `(${out})`;
}

function content(page: PdfPage): string {
  const ops: string[] = [];
  for (const t of page.texts) {
    const font = t.bold ? '/F2' : '/F1';
    const size = t.size ?? 11;
    const a = ((t.rotate ?? 0) * Math.PI) / 180;
    const [c, s] = [Math.cos(a), Math.sin(a)].map((v) => Math.round(v * 1000) / 1000) as [number, number];
    ops.push(`BT ${font} ${size} Tf ${c} ${s} ${-s} ${c} ${t.x} ${t.y} Tm ${pdfString(t.text)} Tj ET`);
  }
  for (const [x, y, w, h] of page.boxes ?? []) ops.push(`0 0 0 rg ${x} ${y} ${w} ${h} re f`);
  return ops.join('\n');
}

export function buildPdf(pages: readonly PdfPage[]): Uint8Array {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const font = (base: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding >>`;
  objects.push(font('Helvetica'), font('Helvetica-Bold'));
  const kids: string[] = [];
  for (const page of pages) {
    const stream = content(page);
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const contentId = objects.length;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return new Uint8Array(assemblePdf(objects));
}

/** A minimal PDF 1.4 file: `objects[i]` is the body of object i + 1; object 1 must be the catalog. */
export function assemblePdf(objects: readonly string[]): Buffer {
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
