import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdfPages } from '../../functions/adapters/pdf-text-extractor.ts';
import { fixturePages } from '../fixtures/meeting/load.ts';

/**
 * The Alingsås meeting fixtures are the corpus PDFs as the production extractor renders them. When the extractor's
 * layout changes (it did: column gaps became three spaces on cover rows), the fixtures and the meeting-header
 * expectations must be re-checked against the PDFs; this test says when.
 */
const golden = join(import.meta.dirname, '..', 'golden');
const cases = [
  'alingsas-barn-och-ungdomsnamnden-2026-05-26',
  'alingsas-kommunfullmaktige-2018-03-28',
  'alingsas-kommunfullmaktige-2026-06-10',
  'alingsas-kommunstyrelsen-2026-06-01',
  'alingsas-socialnamnden-2026-06-16',
  'alingsas-tekniska-namnden-2026-05-18',
];

describe('meeting fixtures match the PDF extractor', () => {
  for (const name of cases) {
    it(name, async () => {
      const { pages } = await extractPdfPages(readFileSync(join(golden, `${name}.pdf`)));
      const fixture = fixturePages(`${name}.txt`);
      expect(fixture.map((p) => p.number)).toEqual(pages.map((p) => p.number));
      fixture.forEach((p, i) => expect(p.text.replace(/\n$/u, ''), `page ${p.number}`).toBe(pages[i]?.text));
    });
  }
});
