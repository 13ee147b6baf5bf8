import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase, projectProtocol } from './golden-case.ts';
import { listCases } from './load-case.ts';

/**
 * Golden corpus: every <case>.pdf (read with the production PDF extractor) or <case>.txt here, beside
 * <case>.expected.json, whose content was checked by reading the source. UPDATE_GOLDEN=1 rewrites the expectations
 * so that the diff can be reviewed; it is never a way to make a failing test pass unread.
 */
const dir = import.meta.dirname;
const cases = listCases(dir);
/** PDF cases run through pdf.js; the first one also loads it (several seconds on a busy machine). */
const CASE_TIMEOUT_MS = 60_000;

describe('golden corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.mediaType === 'application/pdf').length).toBeGreaterThanOrEqual(6);
  });
  for (const c of cases) {
    it(c.name, async () => {
      const actual = projectProtocol(await parseCase(c));
      const expectedPath = join(dir, `${c.name}.expected.json`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(expectedPath), `${expectedPath} is missing (run with UPDATE_GOLDEN=1, then review)`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    }, CASE_TIMEOUT_MS);
  }
});
