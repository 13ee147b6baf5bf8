import { Rng } from './random.ts';

/**
 * What the API benchmarks ask for, drawn from the served archive itself: § ids for permalinks, municipalities for
 * list filters, and search words that occur in synthetic and real protocols (common and rare, one and two words,
 * a prefix), so that search does real work rather than hitting one cached answer.
 */
export const SEARCH_QUERIES = [
  'detaljplan', 'budget', 'motion', 'medborgarförslag', 'delårsrapport', 'revisorernas', 'taxa', 'förskola',
  'detaljplan för', 'årsredovisning', 'investering', 'upphandling', 'arvode', 'skola', 'bostäder', 'vatten',
  'motion om', 'reglemente', 'ekonomisk uppföljning', 'översiktsplan', 'avfall', 'kultur', 'äldreomsorg', 'bygg',
];

export interface Targets {
  paragraphIds: string[];
  meetingIds: string[];
  municipalities: string[];
}

/** § and meeting ids from up to 40 municipalities spread over the archive (not just the newest §). */
export async function collectTargets(baseUrl: string): Promise<Targets> {
  const listed = (await getJson(`${baseUrl}/v1/municipalities`)) as { items?: Array<{ slug: string }> };
  const municipalities = (listed.items ?? []).map((m) => m.slug);
  const targets: Targets = { paragraphIds: [], meetingIds: [], municipalities };
  const step = Math.max(1, Math.floor(municipalities.length / 40));
  for (let i = 0; i < municipalities.length; i += step) {
    const page = (await getJson(`${baseUrl}/v1/paragraphs?municipality=${municipalities[i]}&limit=100`)) as { items: Array<{ id: string; meetingId: string }> };
    for (const item of page.items) {
      targets.paragraphIds.push(item.id);
      if (targets.meetingIds.at(-1) !== item.meetingId) targets.meetingIds.push(item.meetingId);
    }
  }
  if (targets.paragraphIds.length === 0) throw new Error(`no § listed by ${baseUrl}/v1/paragraphs`);
  return targets;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
}

/** Paths of one kind, in a seeded random order: `count` of them. */
export function paths(kind: 'permalink' | 'page' | 'list' | 'search' | 'csv', targets: Targets, count: number, seed = 1): string[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    switch (kind) {
      case 'permalink':
        return `/v1/paragraphs/${encodeURIComponent(rng.pick(targets.paragraphIds))}`;
      case 'page':
        return `/p/${encodeURIComponent(rng.pick(targets.paragraphIds))}`;
      case 'list':
        return `/v1/paragraphs?municipality=${encodeURIComponent(rng.pick(targets.municipalities))}&limit=20`;
      case 'search':
        return `/v1/paragraphs?q=${encodeURIComponent(rng.pick(SEARCH_QUERIES))}&limit=20`;
      case 'csv':
        return `/v1/paragraphs?meeting=${encodeURIComponent(rng.pick(targets.meetingIds))}&format=csv`;
    }
  });
}
