/**
 * § references on cover pages: "§§94-98", "§52", "§§ 27–54, 56", "§§ 1-3 och 5". Linear regexes only.
 */
const NUMBER_OR_RANGE = String.raw`\d{1,4}(?:\s*[-–—]\s*\d{1,4})?`;
/** One § reference group, as printed. */
export const PARAGRAPH_REFS_RE = new RegExp(
  String.raw`§§?\s*${NUMBER_OR_RANGE}(?:\s*(?:,|och|&)\s*${NUMBER_OR_RANGE})*`,
  'u',
);
export const PARAGRAPH_REFS_GLOBAL_RE = new RegExp(PARAGRAPH_REFS_RE.source, 'gu');

const NUMBER_OR_RANGE_RE = /(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?/gu;

/** "§§94-98, 100" → [[94, 98], [100, 100]]. Pairs are inclusive, in printed order. */
export function parseParagraphRanges(raw: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // An exec loop on one module regex: matchAll would clone the regex and build an iterator for every call.
  NUMBER_OR_RANGE_RE.lastIndex = 0;
  for (let m = NUMBER_OR_RANGE_RE.exec(raw); m; m = NUMBER_OR_RANGE_RE.exec(raw)) {
    const from = Number(m[1]);
    out.push([from, m[2] === undefined ? from : Number(m[2])]);
  }
  return out;
}
