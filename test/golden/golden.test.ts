import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase, projectProtocol } from './golden-case.ts';

/**
 * Golden corpus: every <case>.txt here (for PDFs: the extractor's text of <case>.pdf, pages marked "=== page N")
 * beside <case>.expected.json, whose content was checked by reading the source. UPDATE_GOLDEN=1 rewrites the
 * expectations so that the diff can be reviewed; it is never a way to make a failing test pass unread.
 */
const dir = import.meta.dirname;
const cases = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

describe('golden corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const actual = projectProtocol(parseCase(join(dir, `${name}.txt`)));
      const expectedPath = join(dir, `${name}.expected.json`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(expectedPath), `${expectedPath} is missing (run with UPDATE_GOLDEN=1, then review)`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
