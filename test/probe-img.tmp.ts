import { writeFileSync } from 'node:fs';
import { rasterise, imageOnlyPdf } from '../test/support/image-pdf.ts';
import { extractPageImages } from '../functions/adapters/ocr/pdf-page-images.ts';
const src = '/work/shared/corpus/alingsas/kommunstyrelsen-2026-06-01.pdf';
for (const format of ['jpeg', 'pgm', 'pbm'] as const) {
  const pdf = imageOnlyPdf(rasterise(src, { dpi: 200, format, first: 3, last: 4 }));
  writeFileSync(`/tmp/scan-${format}.pdf`, pdf);
  const t = performance.now();
  const imgs = await extractPageImages(pdf, [1, 2]);
  console.log(format, pdf.length, Math.round(performance.now() - t), imgs.map((i) => [i.page, i.width, i.height, i.dpi, i.data.length, i.toPage.map((n) => +n.toFixed(3)), i.data.slice(5000, 5005)]));
}
