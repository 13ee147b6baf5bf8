import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstBodyName } from '../../functions/core/parse/fields/body-names.ts';
import { isStatement } from '../../functions/core/parse/fields/lists.ts';
import { flatAroundSigns } from '../../functions/core/parse/fields/references.ts';
import { knownHeadingKind } from '../../functions/core/parse/section-headings.ts';
import { sectionMarker } from '../../functions/core/parse/section-markers.ts';
import { isoDate } from '../../functions/core/text/swedish-dates.ts';
import { collapseWhitespace } from '../../functions/core/text/whitespace.ts';

/**
 * The field readers skip work with cheap tests and partial scans. Each must give the answer of the plain rule: these
 * properties compare them with the rule written out in full, on text built from the pieces protocols are made of.
 */
const PIECES = [
  '§',
  '§ ',
  '§\n12',
  ' 12',
  '68',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '.',
  '. ',
  ', ',
  'den 20 maj 2026, ',
  '2022-10-24 ',
  'Kommunstyrelsens ',
  'kommunstyrelsen ',
  'arbetsutskott ',
  'Barn- och ungdomsnämnden ',
  'Tekniska nämnden ',
  'KSAU ',
  'har ',
  'beslutat ',
  'Paragrafen förklaras omedelbart justerad',
  'Borttagen på grund av sekretess',
  'paragrafen är justerad',
  'ſ',
  'İ',
  'ẞ',
  'x',
  'Ö',
  '-',
  'och ',
  'Fullmäktigeberedningens ',
  'a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z ',
  '\u{1d400}',
];
const text = (maxLength: number, pieces = PIECES) =>
  fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
/** Long runs of text without a "§" around a part with them: the squashed part is cut on both sides. */
const NO_SIGN = PIECES.filter((p) => !p.includes('§'));
const signsInText = fc.tuple(text(200, NO_SIGN), text(20), text(200, NO_SIGN)).map((parts) => parts.join(''));

describe('isStatement', () => {
  const STATEMENT =
    /^(?:Paragrafen\s+(?:är|förklaras|justeras)|Protokollet\s+(?:under\s+denna\s+paragraf\s+)?förklaras|Borttagen?\s+på\s+grund\s+av\s+sekretess)/iu;
  it('agrees with the statement wordings on any line', () => {
    fc.assert(
      fc.property(fc.oneof(text(6), fc.string({ maxLength: 30 })), (t) => {
        expect(isStatement(t)).toBe(STATEMENT.test(t.trim()));
      }),
      { numRuns: 20000 },
    );
    expect(isStatement('  Paragrafen förklaras omedelbart justerad')).toBe(true);
    expect(isStatement('PROTOKOLLET förklaras omedelbart justerat')).toBe(true);
    expect(isStatement('Kommunstyrelsen beslutar')).toBe(false);
  });
});

describe('flatAroundSigns', () => {
  it('is the squashed text, or a part of it reaching far enough around every "§"', () => {
    let cut = 0;
    fc.assert(
      fc.property(signsInText, (t) => {
        if (!t.includes('§')) return;
        const flat = collapseWhitespace(t);
        const part = flatAroundSigns(t);
        if (part === flat) return;
        cut += 1;
        const offset = flat.indexOf('§') - part.indexOf('§');
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(flat.slice(offset, offset + part.length)).toBe(part);
        if (offset > 0) expect(part.indexOf('§')).toBeGreaterThanOrEqual(280);
        const tail = flat.length - (offset + part.length);
        if (tail > 0) expect(part.length - part.lastIndexOf('§')).toBeGreaterThanOrEqual(48);
      }),
      { numRuns: 3000 },
    );
    expect(cut).toBeGreaterThan(100);
  });
});

describe('firstBodyName', () => {
  /** The rule read from every word of the text, from its start. */
  function plain(t: string): { start: number; end: number } | undefined {
    const ROOTS = ['nämnd', 'styrelse', 'fullmäktige', 'utskott', 'presidi', 'beredning', 'förbund', 'revision'];
    const STOP = new Set(['och', 'i', 'för', 'av', 'till', 'med', 'om', 'på', 'den', 'det', 'har', 'som', 'att']);
    const hasRoot = (w: string) => ROOTS.some((r) => w.toLowerCase().includes(r));
    const isAdjective = (w: string) => {
      const l = w.toLowerCase();
      return l.length >= 4 && !STOP.has(l) && /^\p{Lu}/u.test(w) && (l.endsWith('a') || l.endsWith('s'));
    };
    const tokens = [...t.matchAll(/[\p{L}]+-?/gu)].map((m) => ({
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
    }));
    const lower = t.toLowerCase();
    const roots = ROOTS.map((r) => lower.indexOf(r)).filter((i) => i >= 0);
    if (roots.length === 0) return undefined;
    const at = Math.min(...roots);
    const k = tokens.findIndex((w) => (lower.length === t.length ? w.end > at : hasRoot(w.text)));
    if (k < 0) return undefined;
    const body = tokens[k] as { text: string; start: number; end: number };
    const [before2, before, after] = [tokens[k - 2], tokens[k - 1], tokens[k + 1]];
    let { start, end } = body;
    if (before && before2 && before.text.toLowerCase() === 'och' && before2.text.endsWith('-')) start = before2.start;
    else if (before && isAdjective(before.text) && t.slice(before.end, body.start).trim() === '') start = before.start;
    if (after && hasRoot(after.text) && t.slice(body.end, after.start).trim() === '') end = after.end;
    return { start, end };
  }

  /** Names whose first words may be longer than the few characters looked back from the root. */
  const name = fc
    .tuple(
      fc.constantFrom('Barn-', 'Tekniska', 'Förvaltningsorganisationsutvecklingsgruppens-', 'Verksamhetsövergripandes'),
      fc.constantFrom(' och ', ' ', '  ', '\n'),
      fc.constantFrom('', 'Långtidsplaneringsberedningens-', 'ungdoms'),
      fc.constantFrom('nämnden', 'styrelsens', 'Fullmäktige'),
      fc.constantFrom('', ' arbetsutskott', ' och'),
    )
    .map((parts) => parts.join(''));
  const named = fc.array(fc.oneof(fc.constantFrom(...PIECES), name), { maxLength: 20 }).map((p) => p.join(''));

  it('reads the same name as the rule applied from the start of the text', () => {
    fc.assert(
      fc.property(named, (t) => {
        expect(firstBodyName(t)).toEqual(plain(t));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('title lines', () => {
  const HEADINGS = [
    'Beslut',
    'Ärendebeskrivning',
    'Beslutsunderlag',
    'Expedieras till',
    'Justering',
    'Omedelbar justering',
  ];
  const heading = fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\t'),
      fc.constantFrom(...HEADINGS),
      fc.constantFrom('', ':', ' :', '  ', 'x'),
    )
    .map((parts) => parts.join(''));

  it('are section markers wherever they are known headings (isTitleLine asks sectionMarker alone)', () => {
    fc.assert(
      fc.property(fc.oneof(heading, text(4)), (t) => {
        if (knownHeadingKind(t) !== undefined) expect(sectionMarker(t)).toBeDefined();
      }),
      { numRuns: 5000 },
    );
    expect(knownHeadingKind('Beslut')).toBeDefined();
  });
});

describe('isoDate', () => {
  it('writes month and day as padStart(2, "0") does, for any number', () => {
    const n = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: -2, max: 40 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.integer({ min: 1890, max: 2210 }), n, n, (y, m, d) => {
        const got = isoDate(y, m, d);
        if (got !== undefined) expect(got).toBe(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      }),
      { numRuns: 20000 },
    );
    expect(isoDate(2024, 2, 5)).toBe('2024-02-05');
    expect(isoDate(2024, 11, 30)).toBe('2024-11-30');
  });
});
