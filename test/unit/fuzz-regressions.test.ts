/**
 * The inputs the fuzz benchmark found (bench/suites/fuzz.ts, seed 20261127; README "Performance"), pinned so that
 * what was fixed stays fixed. Each is checked for growth, not speed: the same input at n and 16n must cost about 16×
 * the CPU time, not 256× (test/support/growth.ts), which holds on any machine, busy or not.
 */
import { describe, expect, it } from 'vitest';
import { fuzzInput } from '../../bench/lib/fuzz-inputs.ts';
import { normalizeText } from '../../functions/core/parse/lines.ts';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import { findMunicipality } from '../../functions/core/records/municipalities.ts';
import type { PageText } from '../../functions/core/records/types.ts';
import { fileNameHints } from '../../functions/pipeline/file-name-hints.ts';
import { expectLinear } from '../support/growth.ts';

const SEED = 20261127;

function parse(pages: PageText[]) {
  return parseProtocol({
    pages,
    source: { fileName: 'fuzz.txt', sha256: '0'.repeat(64), pages: pages.length, mediaType: 'text/plain' },
  });
}

const page = (text: string): PageText[] => [{ number: 1, text }];

describe('fuzz findings stay fixed', () => {
  it.each([
    {
      index: 62814,
      what: 'the slowest of the last full run (13 s): one line of 97 995 dashes',
      bytes: 97995,
      unit: '-',
      scale: 4000,
    },
    {
      index: 920,
      what: 'the first over budget: byte order marks and spaces',
      bytes: 27855,
      unit: '\ufeff ',
      scale: 2000,
    },
  ])('#$index, $what', ({ index, bytes, unit, scale }) => {
    const input = fuzzInput(SEED, index, '');
    expect([input.kind, input.bytes]).toEqual(['repeated', bytes]);
    expect(
      input.pages
        .map((p) => p.text)
        .join('')
        .startsWith(unit.repeat(2)),
    ).toBe(true);
    expect(parse(input.pages).paragraphs).toEqual([]);
    expectLinear((n) => {
      const pages = page(unit.repeat(n));
      return () => parse(pages);
    }, scale);
  });

  it('trailing spaces: a no-break space, then a long run of spaces that does not end the line (8 s at 40 000)', () => {
    expect(normalizeText('\u00a0   att   \nx')).toBe('    att\nx');
    expectLinear((n) => {
      const text = `\u00a0${' '.repeat(n)}att`;
      return () => normalizeText(text);
    }, 2500);
  });

  it('the municipality suffix: a long run of "- " without the word (5–8 s at 20 000)', () => {
    expect(findMunicipality('- '.repeat(10))).toBeUndefined();
    expectLinear((n) => {
      const text = '- '.repeat(n);
      return () => findMunicipality(text);
    }, 1250);
  });

  it('the same suffix in a known municipality name given to the file-name hints', () => {
    expect(fileNameHints('kommunstyrelsen-2024-02-05.pdf', { municipality: 'Alingsås kommun' })).toEqual({
      municipality: 'Alingsås kommun',
      body: 'kommunstyrelsen',
      date: '2024-02-05',
    });
    expectLinear((n) => {
      const known = { municipality: '- '.repeat(n) };
      return () => fileNameHints('kommunstyrelsen-2024-02-05.pdf', known);
    }, 1250);
  });
});
