/**
 * Pixel conversions for OCR input. pdf.js decodes images to one of three kinds (its ImageKind): 1 = 1 bit per pixel
 * grey, rows padded to whole bytes, a set bit is white; 2 = RGB, 3 = RGBA. Tesseract binarises internally, so every
 * kind becomes 8-bit grey (a third of the bytes of RGB to hand to a worker), and leaves as binary PGM (P5), which
 * Leptonica reads without any codec.
 */
export interface DecodedImage {
  width: number;
  height: number;
  /** pdf.js ImageKind; absent when the channel count follows from the length. */
  kind?: number;
  data: Uint8Array;
}

const GRAYSCALE_1BPP = 1;

export function toGrey(image: DecodedImage): Uint8Array {
  const { width, height, data } = image;
  const pixels = width * height;
  if (image.kind === GRAYSCALE_1BPP || data.length === Math.ceil(width / 8) * height) {
    return unpackBits(image);
  }
  const channels = Math.round(data.length / pixels);
  if (channels === 1) return data;
  const grey = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += channels) {
    // ITU-R BT.601 luma in integers: (77 R + 150 G + 29 B) / 256.
    grey[i] = (77 * data[j]! + 150 * data[j + 1]! + 29 * data[j + 2]!) >> 8;
  }
  return grey;
}

function unpackBits({ width, height, data }: DecodedImage): Uint8Array {
  const grey = new Uint8Array(width * height);
  const rowBytes = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      grey[y * width + x] = bit ? 255 : 0;
    }
  }
  return grey;
}

/** Binary PGM: a text header and the raw 8-bit rows. */
export function encodePgm(width: number, height: number, grey: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + grey.length);
  out.set(header, 0);
  out.set(grey.subarray(0, width * height), header.length);
  return out;
}
