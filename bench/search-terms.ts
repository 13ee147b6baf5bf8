/**
 * What Swedish stemming costs and gives the full-text index: the same documents indexed with the folded words
 * (before issue 16) and with the Snowball stems (after), in one run. Documents are the § text the API indexes (title,
 * decision, case numbers) of a synthetic archive, plus every paragraph of the real corpus texts in test/golden.
 *
 *   node bin/run-ts.js bench/search-terms.ts [meetings=4000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { TextIndexBuilder, type TextIndex } from '../functions/published/read-model/text-index.ts';
import { foldedWords } from '../functions/core/search/fold.ts';
import { parseQuery, type ParsedQuery } from '../functions/core/search/parse-query.ts';
import { STOPWORDS } from '../functions/core/search/stopwords.ts';
import { tokenize } from '../functions/core/search/tokenize.ts';
import { buildMeetingProtocol } from '../functions/pipeline/synthetic/meeting.ts';
import { planMeetings } from '../functions/pipeline/synthetic/plan.ts';

const meetings = Number(process.argv[2] ?? 4000);
const docs: string[] = [];
let seed = 0;
for (const spec of planMeetings({ meetings, seed: 7, fromYear: 2019, toYear: 2026 })) {
  for (const p of buildMeetingProtocol(spec, seed++).paragraphs)
    docs.push(`${p.title}\n${p.decision}\n${p.caseNumbers.map((c) => c.raw).join(' ')}`);
}
const golden = new URL('../test/golden/', import.meta.url);
for (const f of readdirSync(golden).filter((n) => n.endsWith('.txt')))
  docs.push(...readFileSync(new URL(f, golden), 'utf8').split(/\n\s*\n/u));

const folded = (text: string) => foldedWords(text).filter((w) => !STOPWORDS.has(w));
/** Before: the last word a prefix, the others whole folded words. */
const foldedQuery = (q: string): ParsedQuery => {
  const words = folded(q);
  const last = /[\p{L}\p{N}]$/u.test(q) ? words.pop() : undefined;
  return { terms: words, prefixes: last !== undefined ? [last] : [] };
};

function build(terms: (t: string) => string[]): { index: TextIndex; ms: number } {
  const t0 = performance.now();
  const b = new TextIndexBuilder(terms);
  for (const d of docs) b.add(d);
  const index = b.finish(Uint32Array.from(docs.keys()));
  return { index, ms: performance.now() - t0 };
}

/** Queries: every distinct word of 5+ letters of a sample of documents, in definite/plural forms too, typed and finished. */
const vocabulary = [...new Set(docs.filter((_, i) => i % 97 === 0).flatMap(foldedWords))].filter(
  (w) => w.length >= 5 && !/\d/u.test(w),
);
const queries = vocabulary.slice(0, 400).flatMap((w) => [`${w} `, `${w}en `, w.slice(0, -1)]);

function measure(index: TextIndex, parse: (q: string) => ParsedQuery) {
  const times: number[] = [];
  let hits = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (const q of queries) {
      const t0 = performance.now();
      const found = index.search(parse(q));
      times.push(performance.now() - t0);
      if (pass === 0) hits += found.length > 0 ? 1 : 0;
    }
  }
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.floor((times.length - 1) * x)]!.toFixed(3);
  return { p50: p(0.5), p95: p(0.95), answered: `${hits}/${queries.length}` };
}

const size = (i: TextIndex) => ({
  words: i.words.length,
  postings: i.postings.length,
  bytes:
    i.postings.byteLength +
    i.offsets.byteLength +
    Array.from({ length: i.words.length }, (_, k) => i.words.at(k)!).reduce((n, w) => n + 2 * w.length, 0),
});
const before = build(folded);
const after = build(tokenize);
const rows = [
  ['folded words (before)', before, measure(before.index, foldedQuery)],
  ['Snowball stems (after)', after, measure(after.index, parseQuery)],
] as const;
console.log(
  `${docs.length} documents (${meetings} synthetic meetings + the golden corpus texts), ${queries.length} queries × 3 passes`,
);
console.log('| index | words | postings | bytes | build ms | search p50 ms | search p95 ms | queries with a hit |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, built, m] of rows) {
  const s = size(built.index);
  console.log(
    `| ${name} | ${s.words} | ${s.postings} | ${s.bytes} | ${built.ms.toFixed(0)} | ${m.p50} | ${m.p95} | ${m.answered} |`,
  );
}
