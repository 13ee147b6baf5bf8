import { parseQuery } from '../../core/search/parse-query.ts';
import { dateNumber, FLAG, type ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import { intersect } from '../../published/read-model/text-index.ts';
import type { MeetingFilter, PageRequest, PageResult, ParagraphFilter } from './types.ts';

const EMPTY = new Uint32Array(0);

/** Documents of one full-text query, cached per index: paging through results does not search again. */
const searchCache = new WeakMap<ParagraphIndex, Map<string, Uint32Array>>();
const SEARCH_CACHE_SIZE = 64;

/**
 * Evaluates a § filter over the index. Plan: the date filters become a range of documents (documents are in date
 * order); the most selective list among full-text result, case number, municipality and body drives the scan; the
 * rest are checked per document against the columns. Stops after `limit + 1` hits unless a total was asked for.
 */
export function queryParagraphs(index: ParagraphIndex, filter: ParagraphFilter, page: PageRequest): PageResult {
  const { docs } = index.parts;
  let [lo, hi] = dateRange(docs.date, filter);
  if (filter.meeting !== undefined) {
    const m = index.meetingIndex(filter.meeting);
    const first = m < 0 ? 0 : index.parts.meetings.first[m]!;
    [lo, hi] = m < 0 ? [0, 0] : [Math.max(lo, first), Math.min(hi, first + index.parts.meetings.count[m]!)];
  }
  const muni = filter.municipality === undefined ? -1 : index.municipalityId(filter.municipality);
  const body = filter.body === undefined ? -1 : index.bodyId(filter.body);
  if ((filter.municipality !== undefined && muni < 0) || (filter.body !== undefined && body < 0) || lo >= hi) {
    return { items: [], more: false, ...(page.total ? { total: 0 } : {}) };
  }
  const sets: Uint32Array[] = [];
  if (filter.q !== undefined) sets.push(search(index, filter.q));
  if (filter.caseNumber !== undefined) sets.push(Uint32Array.from(index.docsWithCase(filter.caseNumber)));
  let driver: Uint32Array | null = null;
  if (sets.length > 0) {
    sets.sort((a, b) => a.length - b.length);
    driver = sets.reduce((acc, s) => intersect(acc, s));
  } else if (muni >= 0 || body >= 0) {
    const a = muni >= 0 ? index.parts.byMunicipality[muni]! : null;
    const b = body >= 0 ? index.parts.byBody[body]! : null;
    driver = a && b ? (a.length <= b.length ? a : b) : (a ?? b);
  }
  const want = (d: number): boolean =>
    (muni < 0 || docs.municipality[d] === muni) &&
    (body < 0 || docs.body[d] === body) &&
    (filter.hasVote === undefined || ((docs.flags[d]! & FLAG.vote) !== 0) === filter.hasVote) &&
    (filter.hasReservation === undefined || ((docs.flags[d]! & FLAG.reservation) !== 0) === filter.hasReservation);
  const { meetings } = index.parts;
  return scan(driver, lo, hi, want, page, { of: docs.meeting, first: meetings.first, count: meetings.count });
}

/** Meetings by filter, over the meeting table (which is in date order, so date filters are a range). */
export function queryMeetings(index: ParagraphIndex, filter: MeetingFilter, page: PageRequest): PageResult {
  const { meetings } = index.parts;
  const [lo, hi] = dateRange(meetings.date, filter);
  const muni = filter.municipality === undefined ? -1 : index.municipalityId(filter.municipality);
  const body = filter.body === undefined ? -1 : index.bodyId(filter.body);
  if ((filter.municipality !== undefined && muni < 0) || (filter.body !== undefined && body < 0)) {
    return { items: [], more: false, ...(page.total ? { total: 0 } : {}) };
  }
  const want = (m: number): boolean =>
    (muni < 0 || meetings.municipality[m] === muni) && (body < 0 || meetings.body[m] === body);
  return scan(null, lo, hi, want, page);
}

/** The documents matching a free-text query, ascending. A query of stop words only matches nothing. */
export function search(index: ParagraphIndex, q: string): Uint32Array {
  let cache = searchCache.get(index);
  if (!cache) {
    cache = new Map();
    searchCache.set(index, cache);
  }
  const hit = cache.get(q);
  if (hit) {
    cache.delete(q);
    cache.set(q, hit);
    return hit;
  }
  const parsed = parseQuery(q);
  const result = parsed.terms.length === 0 && parsed.prefixes.length === 0 ? EMPTY : index.parts.text.search(parsed);
  cache.set(q, result);
  if (cache.size > SEARCH_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/** [lo, hi) of the positions whose date lies within the filter's from/to/year (inclusive), by binary search. */
function dateRange(dates: Uint32Array, f: { from?: string; to?: string; year?: number }): [number, number] {
  let from = f.from ? dateNumber(f.from) : 0;
  let to = f.to ? dateNumber(f.to) : 99999999;
  if (f.year !== undefined) {
    from = Math.max(from, f.year * 10000 + 101);
    to = Math.min(to, f.year * 10000 + 1231);
  }
  return [lowerBound(dates, from), lowerBound(dates, to + 1)];
}

function lowerBound(values: Uint32Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Documents grouped by meeting: newest-first lists keep each meeting's § in printed order. */
interface Blocks {
  of: Uint32Array;
  first: Uint32Array;
  count: Uint32Array;
}

/**
 * Walks positions in [lo, hi) — all of them, or those in `driver` (ascending) — in the requested order, starting after
 * `page.after`, and collects up to `limit` that pass `want`. Newest first (-date) goes backwards by meeting but keeps
 * the printed order inside a meeting (`blocks`), so a page never lists § 2 before § 1. The total, when asked for,
 * counts the whole result, not only what follows the cursor.
 */
function scan(
  driver: Uint32Array | null,
  lo: number,
  hi: number,
  want: (i: number) => boolean,
  page: PageRequest,
  blocks?: Blocks,
): PageResult {
  const total = page.total ? count(driver, lo, hi, want) : undefined;
  const items: number[] = [];
  let more = false;
  const visit = (i: number): boolean => {
    if (!want(i)) return true;
    if (items.length < page.limit) return items.push(i) > 0;
    more = true;
    return false;
  };
  const at = (k: number) => (driver === null ? k : driver[k]!);
  const pos = (i: number) => (driver === null ? i : lowerBound(driver, i));
  if (page.sort === 'date') {
    for (
      let k = pos(page.after !== undefined ? Math.max(lo, page.after + 1) : lo), end = pos(hi);
      k < end && visit(at(k));
      k++
    );
    return { items, more, ...(total !== undefined ? { total } : {}) };
  }
  let top = hi;
  if (page.after !== undefined) {
    // The rest of the cursor's meeting (printed order), then everything before that meeting.
    const m = blocks ? blocks.of[page.after]! : -1;
    const blockStart = blocks ? blocks.first[m]! : page.after;
    const blockEnd = blocks ? blocks.first[m]! + blocks.count[m]! : page.after;
    let go = true;
    for (let k = pos(Math.max(lo, page.after + 1)), end = pos(Math.min(hi, blockEnd)); go && k < end; k++)
      go = visit(at(k));
    if (!go) return { items, more, ...(total !== undefined ? { total } : {}) };
    top = Math.min(hi, blockStart);
  }
  const start = pos(lo);
  let k = pos(top) - 1;
  let go = true;
  while (go && k >= start) {
    let j = k;
    if (blocks) while (j - 1 >= start && blocks.of[at(j - 1)] === blocks.of[at(k)]) j--;
    for (let i = j; go && i <= k; i++) go = visit(at(i));
    k = j - 1;
  }
  return { items, more, ...(total !== undefined ? { total } : {}) };
}

function count(driver: Uint32Array | null, lo: number, hi: number, want: (i: number) => boolean): number {
  let n = 0;
  if (driver === null) for (let i = lo; i < hi; i++) n += want(i) ? 1 : 0;
  else for (let k = lowerBound(driver, lo), b = lowerBound(driver, hi); k < b; k++) n += want(driver[k]!) ? 1 : 0;
  return n;
}
