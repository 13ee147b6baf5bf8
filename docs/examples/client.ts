/**
 * An example of a typed Paragraf API client: openapi-fetch over the types openapi-typescript generates from
 * /v1/openapi.json (docs/examples/paragraf-api.d.ts). Every response part is typed — votes, sections,
 * reservations — and the CSV and NDJSON representations are operations of their own, so a JSON call is never
 * "JSON or string". test/api/openapi-client.test.ts runs it against the app.
 *
 *   const api = paragrafClient('https://paragraf.example.se');
 *   const hits = await searchParagraphs(api, 'detaljplan', { municipality: 'alingsas' });
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './paragraf-api.d.ts';

export type ParagraphSummary = components['schemas']['ParagraphSummary'];
export type ParagraphRecord = components['schemas']['ParagraphRecord'];
export type Vote = components['schemas']['Vote'];
export type ParagrafClient = ReturnType<typeof createClient<paths>>;

export class ParagrafApiError extends Error {
  override name = 'ParagrafApiError';
}

export function paragrafClient(baseUrl: string, fetchImpl?: (request: Request) => Promise<Response>): ParagrafClient {
  return createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** Every § matching a full-text query, following `next` until the last page. */
export async function searchParagraphs(
  api: ParagrafClient,
  q: string,
  filter: { municipality?: string; year?: number } = {},
): Promise<ParagraphSummary[]> {
  const out: ParagraphSummary[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/v1/paragraphs', {
      params: { query: { q, limit: 100, ...filter, ...(cursor ? { cursor } : {}) } },
    });
    if (error) throw new ParagrafApiError(`${error.title}: ${error.detail}`);
    out.push(...data.items);
    cursor = data.next ? (new URL(data.next).searchParams.get('cursor') ?? undefined) : undefined;
  } while (cursor);
  return out;
}

/** One § in full. */
export async function paragraph(api: ParagrafClient, id: string): Promise<ParagraphRecord> {
  const { data, error } = await api.GET('/v1/paragraphs/{id}', { params: { path: { id } } });
  if (error) throw new ParagrafApiError(`${error.title}: ${error.detail}`);
  return data;
}

/** How each vote of a § went, as "ja 31 – nej 18". */
export function voteLines(record: ParagraphRecord): string[] {
  return record.votes.map((v: Vote) => `ja ${v.counts.yes ?? 0} – nej ${v.counts.no ?? 0}`);
}

/** The § as CSV for Swedish Excel: the same operation's own path, typed as text. */
export async function paragraphForExcel(api: ParagrafClient, id: string): Promise<string> {
  const { data, error } = await api.GET('/v1/paragraphs/{id}-excel-sv.csv', {
    params: { path: { id } },
    parseAs: 'text',
  });
  if (error) throw new ParagrafApiError(String(error));
  return data;
}
