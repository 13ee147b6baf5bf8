import { describe, expect, it } from 'vitest';
import { assessTextLayer } from '../../functions/core/parse/text-layer-quality.ts';
import { inferPages } from '../../functions/core/parse/virtual-pages.ts';
import { toLines } from '../../functions/core/parse/lines.ts';

/**
 * The text-layer signal (shared with the OCR trigger of issue 17: `assessTextLayer(pages)` → { damaged, score,
 * reasons }), on text written here to show each symptom, and the page counters that cut a text without page breaks
 * back into its printed pages.
 */
const intact =
  'Kommunstyrelsen beslutar att anta riktlinjen för tillfälliga bidrag. Förvaltningen får i uppdrag att följa upp ' +
  'effekterna av tillämpningen och att rapportera till nämnden efter halva tiden. Ärendet har tidigare behandlats ' +
  'av arbetsutskottet, som tillstyrkte förslaget med tillägget att finansieringen ska ske inom befintlig ram. ';
/** The same text as a font that lost its ligatures prints it: tt, ti, fi, ft, fl, ff gone or garbled. */
const damaged = intact
  .replace(/tt/gu, 't')
  .replace(/ti/gu, 't')
  .replace(/f[iflt]/gu, 'f');

describe('assessTextLayer', () => {
  it('trusts intact running text', () => {
    const a = assessTextLayer([{ number: 1, text: intact.repeat(12) }]);
    expect(a).toMatchObject({ damaged: false, score: 1, reasons: [] });
  });

  it('finds lost ligatures and "at" for "att", and says why', () => {
    const a = assessTextLayer([
      { number: 1, text: damaged.repeat(12) },
      { number: 2, text: intact.repeat(2) },
    ]);
    expect(a.damaged).toBe(true);
    expect(a.score).toBeLessThan(0.6);
    expect(a.reasons.join(' ')).toMatch(/ligature/u);
    expect(a.reasons.join(' ')).toMatch(/"at"/u);
    expect(a.pages[0]?.damaged).toBe(true);
  });

  it('counts replacement and unmapped characters', () => {
    const a = assessTextLayer([
      { number: 1, text: intact.repeat(10).replace(/ö/gu, '\ufffd').replace(/ä/gu, '\ue012') },
    ]);
    expect(a.reasons.join(' ')).toMatch(/unmapped/u);
    expect(a.score).toBeLessThan(1);
  });

  it('does not judge too little text', () => {
    expect(assessTextLayer([{ number: 1, text: 'Protokoll' }])).toMatchObject({ damaged: false, score: 1 });
  });
});

describe('inferPages', () => {
  it('cuts a text without page breaks at its printed page counters, starting each page at its header block', () => {
    const page = (n: number) => `KOMMUN Nämnden\nPROTOKOLL 2016-02-23\n${n} (4)\nText på sidan ${n}.\nJusterandes sign`;
    const lines = inferPages(toLines([{ number: 1, text: [1, 2, 3, 4].map(page).join('\n') }]));
    expect(lines.filter((l) => l.text.startsWith('Text på sidan')).map((l) => l.page)).toEqual([1, 2, 3, 4]);
    expect(lines.filter((l) => l.text === 'KOMMUN Nämnden').map((l) => [l.page, l.line])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
  });

  it('leaves text with real page breaks, or without counters, as it is', () => {
    const two = toLines([
      { number: 1, text: '1 (2)\nA' },
      { number: 2, text: '2 (2)\nB' },
    ]);
    expect(inferPages(two)).toEqual(two);
    const none = toLines([{ number: 1, text: 'A\nB\n3 (9)' }]);
    expect(inferPages(none)).toEqual(none);
  });
});
