/**
 * The example client in docs/examples: its types are generated from the OpenAPI document (and must be current), it
 * type-checks against them (`npm run typecheck` covers docs/examples), and it works against the real app.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApp } from '../../functions/api/create-app.ts';
import {
  paragraph,
  paragraphForExcel,
  paragrafClient,
  searchParagraphs,
  voteLines,
  type ParagrafClient,
  type Vote,
} from '../../docs/examples/client.ts';
import { generateTypes, TYPES_FILE } from '../../docs/examples/generate-types.ts';
import { BASE_URL, publishedFixtures } from './fixtures.ts';

let api: ParagrafClient;

beforeAll(async () => {
  const { store, clock } = await publishedFixtures();
  const app = createApp({ store, clock, baseUrl: BASE_URL });
  api = paragrafClient(BASE_URL, async (request) => app.request(request));
});

describe('the typed example client', () => {
  it('uses types generated from the current OpenAPI document (regenerate: node bin/run-ts.js docs/examples/generate-types.ts)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateTypes());
  });

  it('gets JSON types for JSON operations and full types for every record part', () => {
    expectTypeOf<Awaited<ReturnType<typeof paragraph>>['votes'][number]>().toEqualTypeOf<Vote>();
    expectTypeOf<Vote['roll'][number]['vote']>().toEqualTypeOf<'yes' | 'no' | 'abstain' | 'absent'>();
    expectTypeOf<Awaited<ReturnType<typeof paragraph>>['sections'][number]['pages']>().toEqualTypeOf<number[]>();
    expectTypeOf<Awaited<ReturnType<typeof paragraphForExcel>>>().toEqualTypeOf<string>();
  });

  it('searches, follows the pages, reads a § in full and its Excel CSV from the real app', async () => {
    const hits = await searchParagraphs(api, 'detaljplanen');
    expect(hits.map((h) => h.id).sort()).toEqual([
      'testby-kommunfullmaktige-2024-03-01-10',
      'testby-kommunstyrelsen-2024-02-05-1',
      'testby-kommunstyrelsens-arbetsutskott-2024-01-20-3',
    ]);
    const record = await paragraph(api, hits[0]!.id);
    expect(record.id).toBe(hits[0]!.id);
    expect(Array.isArray(record.sections)).toBe(true);
    expect(voteLines(record)).toEqual(record.votes.map((v) => `ja ${v.counts.yes ?? 0} – nej ${v.counts.no ?? 0}`));
    const csv = await paragraphForExcel(api, record.id);
    expect(
      csv
        .split('\r\n')[0]!
        .replace(/^\uFEFF/u, '')
        .split(';')[0],
    ).toBe('paragraph_id');
    await expect(paragraph(api, 'testby-kommunstyrelsen-1999-01-01-1')).rejects.toThrow(/Not found/u);
  });
});
