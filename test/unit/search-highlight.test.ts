import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRanges, snippet } from '../../functions/core/search/highlight.ts';
import { parseQuery } from '../../functions/core/search/parse-query.ts';

const marked = (text: string, q: string) => matchRanges(text, parseQuery(q)).map((r) => text.slice(r.start, r.end));

describe('why a § matched', () => {
  it('marks every word form of the query words, as the original writes them', () => {
    const text = 'Kommunstyrelsen beslutar att anta Detaljplanen för förskolebyggnad. Detaljplaner antas.';
    expect(marked(text, 'detaljplan ')).toEqual(['Detaljplanen', 'Detaljplaner']);
    expect(marked(text, 'förskola ')).toEqual(['förskolebyggnad']);
    expect(marked(text, 'anta beslut')).toEqual(['beslutar', 'anta', 'antas']);
    expect(marked(text, 'och att ')).toEqual([]);
  });

  it('keeps å, ä and ö apart when marking', () => {
    expect(marked('Får i hagen, far och son', 'får ')).toEqual(['Får']);
    expect(marked('Får i hagen, far och son', 'far ')).toEqual(['far']);
  });

  it('cuts a long text around the first match and keeps the marks in place', () => {
    const text = `${'Inledande text om annat. '.repeat(30)}Här antas detaljplanen för Åsen. ${'Mer text. '.repeat(40)}`;
    const s = snippet(text, parseQuery('detaljplan '), 200);
    expect(s.cutBefore).toBe(true);
    expect(s.cutAfter).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(200);
    expect(s.ranges.map((r) => s.text.slice(r.start, r.end))).toEqual(['detaljplanen']);
  });

  it('returns ascending ranges that lie inside the text, for any text and query', () => {
    const word = fc.constantFrom(
      'plan',
      'planen',
      'Förskola',
      'förskolan',
      'får',
      'FAR',
      'och',
      'å',
      'e\u0301n',
      '12',
      ' ',
      ', ',
      '\n',
    );
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }).map((a) => a.join(' ')),
        fc.array(word, { maxLength: 4 }).map((a) => a.join(' ')),
        (text, q) => {
          const ranges = matchRanges(text, parseQuery(q));
          ranges.forEach((r, i) => {
            expect(r.start).toBeLessThan(r.end);
            expect(r.end).toBeLessThanOrEqual(text.length);
            if (i > 0) expect(r.start).toBeGreaterThanOrEqual(ranges[i - 1]!.end);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
