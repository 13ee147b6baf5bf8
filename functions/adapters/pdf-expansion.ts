import { createInflate, inflateSync } from 'node:zlib';

/**
 * How far a PDF's Flate streams expand, measured before pdf.js opens the file. pdf.js inflates every stream it needs
 * in full and in memory, and a few MB of deflated zeros become gigabytes (a 3 MB file peaked at 5.4 GB, issue 14).
 * Streams cannot hide inside object streams (ISO 32000-1 §7.5.7), so every stream is at the top level of the file:
 * each `stream … endstream` whose filter chain starts with FlateDecode is inflated here, chunk by chunk with the
 * output discarded, and the sizes are summed until `budget` is passed. Memory stays at one chunk per stream.
 *
 * Images are what legitimately expands most (a scan is mostly image data), and text extraction never decodes them, so
 * a stream whose dictionary says /Subtype /Image counts only beyond the size it declares (width × height × 4 bytes ×
 * bits per component / 8, capped at IMAGE_CAP): a "picture" that inflates past its own dimensions is a bomb too.
 * A chain that is LZWDecode or RunLengthDecode alone is measured too (by counting, without decoding: LZW expands up
 * to ≈ 2,700×, RunLength 128×). Chains that mix them with Flate are not measured.
 */
export interface Expansion {
  /** Bytes the measured streams inflate to (stops counting soon after the budget is passed). */
  bytes: number;
  overBudget: boolean;
}

const IMAGE_CAP = 128 * 1024 * 1024;
/** Inflated in one call up to this much; a larger stream is counted as a stream. */
const SYNC_LIMIT = 8 * 1024 * 1024;

export async function measureExpansion(pdf: Uint8Array, budget: number): Promise<Expansion> {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let total = 0;
  for (const stream of findStreams(bytes)) {
    if (stream.flateLayers === 0 && stream.counted === undefined) continue;
    const allowance = stream.imageBytes ?? 0;
    const cap = budget - total + allowance + 1;
    const inflated =
      stream.counted === 'lzw'
        ? lzwSize(stream.data)
        : stream.counted === 'runlength'
          ? runLengthSize(stream.data)
          : await inflatedSize(stream.data, stream.flateLayers, cap);
    total += Math.max(0, inflated - allowance);
    if (total > budget) return { bytes: total, overBudget: true };
  }
  return { bytes: total, overBudget: false };
}

interface FoundStream {
  data: Buffer;
  /** How many FlateDecode filters the chain starts with (0: not measured). */
  flateLayers: number;
  /** The chain is this one counting filter alone. */
  counted?: 'lzw' | 'runlength';
  /** For an image: the bytes its dimensions allow. */
  imageBytes?: number;
}

const STREAM = Buffer.from('stream');
const END = Buffer.from('endstream');

function* findStreams(bytes: Buffer): Generator<FoundStream> {
  let at = 0;
  for (;;) {
    const keyword = bytes.indexOf(STREAM, at);
    if (keyword === -1) return;
    at = keyword + STREAM.length;
    // "endstream" contains "stream"; a stream keyword is preceded by the dictionary's ">>" (and maybe whitespace).
    if (keyword >= 3 && bytes.subarray(keyword - 3, keyword).toString('latin1') === 'end') continue;
    let start = at;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] !== 0x0a && bytes[at] !== 0x0d) continue;
    if (bytes[start] === 0x0a) start++;
    const dict = dictionaryBefore(bytes, keyword);
    if (dict === null) continue;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/u.exec(dict)?.[1];
    let end = length === undefined ? -1 : start + Number(length);
    if (end < start || end > bytes.length || bytes.indexOf(END, end) - end > 4 || bytes.indexOf(END, end) === -1) {
      end = bytes.indexOf(END, start);
    }
    if (end === -1) return;
    at = end;
    const counted = countedFilter(dict);
    yield {
      data: bytes.subarray(start, end),
      flateLayers: flateLayers(dict),
      ...(counted ? { counted } : {}),
      ...imageAllowance(dict),
    };
  }
}

/** The text of the dictionary ending just before the `stream` keyword at `keyword`, or null. */
function dictionaryBefore(bytes: Buffer, keyword: number): string | null {
  const from = Math.max(0, keyword - 4096);
  const text = bytes.subarray(from, keyword).toString('latin1');
  const close = text.lastIndexOf('>>');
  if (close === -1 || text.slice(close + 2).trim() !== '') return null;
  const obj = text.lastIndexOf(' obj');
  return text.slice(obj === -1 ? 0 : obj, close + 2);
}

function flateLayers(dict: string): number {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict)?.[1];
  if (filter === undefined) return 0;
  const names = filter.match(/\/[A-Za-z0-9]+/gu) ?? [];
  let n = 0;
  while (names[n] === '/FlateDecode' || names[n] === '/Fl') n++;
  return n;
}

function countedFilter(dict: string): 'lzw' | 'runlength' | null {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict)?.[1];
  const names = filter?.match(/\/[A-Za-z0-9]+/gu) ?? [];
  if (names.length !== 1) return null;
  if (names[0] === '/LZWDecode' || names[0] === '/LZW') return 'lzw';
  if (names[0] === '/RunLengthDecode' || names[0] === '/RL') return 'runlength';
  return null;
}

/**
 * The decoded size of LZW data (ISO 32000-1 §7.4.4), from the code lengths alone: a table entry is one byte longer
 * than the entry before it, so the output is counted without being built. EarlyChange 1 (the default) assumed.
 */
export function lzwSize(data: Uint8Array): number {
  const lengths = new Int32Array(4096);
  let width = 9;
  let next = 258;
  let previous = -1;
  let total = 0;
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (;;) {
    while (bits < width && at < data.length) {
      buffer = ((buffer << 8) | (data[at++] ?? 0)) & 0xffffff;
      bits += 8;
    }
    if (bits < width) return total;
    const code = (buffer >>> (bits - width)) & ((1 << width) - 1);
    bits -= width;
    let length: number;
    if (code < 256) length = 1;
    else if (code === 256) {
      width = 9;
      next = 258;
      previous = -1;
      continue;
    } else if (code === 257) return total;
    else if (code < next) length = lengths[code] ?? 0;
    else if (code === next && previous !== -1) length = (previous < 256 ? 1 : (lengths[previous] ?? 0)) + 1;
    else return total;
    if (previous !== -1 && next < 4096) lengths[next++] = (previous < 256 ? 1 : (lengths[previous] ?? 0)) + 1;
    total += length;
    previous = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
}

/** The decoded size of RunLengthDecode data (§7.4.5), counted from the length bytes. */
export function runLengthSize(data: Uint8Array): number {
  let total = 0;
  let at = 0;
  while (at < data.length) {
    const n = data[at] ?? 128;
    if (n === 128) break;
    if (n < 128) {
      total += n + 1;
      at += n + 2;
    } else {
      total += 257 - n;
      at += 2;
    }
  }
  return total;
}

function imageAllowance(dict: string): { imageBytes?: number } {
  if (!/\/Subtype\s*\/Image\b/u.test(dict)) return {};
  const width = Number(/\/(?:Width|W)\s+(\d+)/u.exec(dict)?.[1] ?? 0);
  const height = Number(/\/(?:Height|H)\s+(\d+)/u.exec(dict)?.[1] ?? 0);
  const bits = Number(/\/(?:BitsPerComponent|BPC)\s+(\d+)/u.exec(dict)?.[1] ?? 8);
  // Four components (CMYK) is the most a colour space has; rows are padded to whole bytes.
  const rowBytes = Math.ceil((width * 4 * Math.min(16, Math.max(1, bits))) / 8) + 1;
  return { imageBytes: Math.min(IMAGE_CAP, rowBytes * height) };
}

/** The size `data` inflates to through `layers` Flate filters, counted up to `cap` (more is reported as cap). */
async function inflatedSize(data: Buffer, layers: number, cap: number): Promise<number> {
  if (layers === 1) {
    try {
      return inflateSync(data, { maxOutputLength: Math.min(cap, SYNC_LIMIT), finishFlush: 2 /* Z_SYNC_FLUSH */ })
        .length;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return 0; // damaged: pdf.js decides
    }
  }
  return streamedSize(data, layers, cap);
}

function streamedSize(data: Buffer, layers: number, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const chain = Array.from({ length: layers }, () => createInflate({ finishFlush: 2 }));
    for (let i = 0; i + 1 < chain.length; i++) chain[i]!.pipe(chain[i + 1]!);
    const last = chain[chain.length - 1]!;
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      for (const z of chain) z.destroy();
      resolve(Math.min(size, cap));
    };
    last.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size >= cap) finish();
    });
    last.on('end', finish);
    for (const z of chain) z.on('error', finish);
    chain[0]!.end(data);
  });
}
