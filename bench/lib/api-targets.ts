import { Rng } from './random.ts';

/**
 * What the API benchmarks ask for, drawn from the served archive itself: § ids for permalinks, municipality/body
 * pairs for list filters (some narrowed by year or to § with a vote), meetings for CSV downloads, and search
 * queries made from words of § titles: alone, in pairs and as a prefix, every one different, so that no search is
 * answered from the server's search cache (the method of bench/api.ts, the API's own benchmark).
 */
export interface Targets {
  paragraphIds: string[];
  meetingIds: string[];
  municipalities: string[];
  lists: string[];
  titleWords: string[];
}

/** § and meeting ids from up to 40 municipalities spread over the archive (not just the newest §). */
export async function collectTargets(baseUrl: string): Promise<Targets> {
  const listed = (await getJson(`${baseUrl}/v1/municipalities`)) as { items?: Array<{ slug: string }> };
  const municipalities = (listed.items ?? []).map((m) => m.slug);
  const targets: Targets = {
    paragraphIds: [],
    meetingIds: [],
    municipalities,
    lists: await listPaths(baseUrl),
    titleWords: [],
  };
  const words = new Set<string>();
  const step = Math.max(1, Math.floor(municipalities.length / 40));
  for (let i = 0; i < municipalities.length; i += step) {
    const page = (await getJson(`${baseUrl}/v1/paragraphs?municipality=${municipalities[i]}&limit=100`)) as {
      items: Array<{ id: string; meetingId: string; title: string }>;
    };
    for (const item of page.items) {
      targets.paragraphIds.push(item.id);
      if (targets.meetingIds.at(-1) !== item.meetingId) targets.meetingIds.push(item.meetingId);
      for (const w of item.title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 4) words.add(w);
    }
  }
  if (targets.paragraphIds.length === 0) throw new Error(`no § listed by ${baseUrl}/v1/paragraphs`);
  targets.titleWords = [...words].sort();
  return targets;
}

/** Up to 64 filtered lists over real municipality/body pairs; every 4th narrowed by year, every 4th to votes. */
export async function listPaths(baseUrl: string): Promise<string[]> {
  const bodies = (
    (await getJson(`${baseUrl}/v1/bodies`)) as {
      items: Array<{ municipality: string; slug: string; lastMeeting?: string }>;
    }
  ).items;
  const step = Math.max(1, Math.floor(bodies.length / 64));
  const out: string[] = [];
  for (let i = 0; out.length < 64 && i < bodies.length; i += step) {
    const b = bodies[i]!;
    const extra =
      out.length % 4 === 1
        ? `&year=${b.lastMeeting?.slice(0, 4) ?? '2024'}`
        : out.length % 4 === 3
          ? '&hasVote=true'
          : '';
    out.push(`/v1/paragraphs?municipality=${b.municipality}&body=${b.slug}${extra}&limit=20`);
  }
  return out;
}

/** `count` different full-text queries: a title word, two words, or a word and the prefix of another. */
export function searchQueries(targets: Targets, count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const words = targets.titleWords;
  const queries = new Set<string>();
  for (let i = 0; queries.size < count && i < count * 20; i++) {
    const a = rng.pick(words);
    const b = rng.pick(words);
    const kind = i % 3;
    queries.add(kind === 0 ? a : kind === 1 ? `${a} ${b}` : `${b} ${a.slice(0, Math.max(3, a.length - 1 - (i % 3)))}`);
  }
  return [...queries].map((q) => `/v1/paragraphs?q=${encodeURIComponent(q)}&limit=20`);
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
}

/** Paths of one kind, in a seeded random order: `count` of them. */
export function paths(
  kind: 'permalink' | 'page' | 'list' | 'search' | 'csv',
  targets: Targets,
  count: number,
  seed = 1,
): string[] {
  if (kind === 'search') return searchQueries(targets, count, seed);
  const rng = new Rng(seed);
  const pick: Record<typeof kind, () => string> = {
    permalink: () => `/v1/paragraphs/${encodeURIComponent(rng.pick(targets.paragraphIds))}`,
    page: () => `/p/${encodeURIComponent(rng.pick(targets.paragraphIds))}`,
    list: () => rng.pick(targets.lists),
    csv: () => `/v1/paragraphs?meeting=${encodeURIComponent(rng.pick(targets.meetingIds))}&format=csv`,
  };
  return Array.from({ length: count }, pick[kind]);
}
