import { describe, expect, it } from 'vitest';
import { assessTextLayer } from '../../functions/core/parse/text-layer-quality.ts';
import { inferPages } from '../../functions/core/parse/virtual-pages.ts';
import { normalizeText, scanPages, toLines } from '../../functions/core/parse/lines.ts';

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

  it('counts exactly what it describes: non-overlapping pairs, "at"/"att" as whole words, junk but not bullets', () => {
    // Pairs: ttt (one, not two), TI, fl, Ft, tf, ff, fi, and the tt of Att, att ×2, hatt, atten: 12.
    // Words: "at" ×3 and "at." (4); "att" ×2 and "Att" (3); not hatt (a letter before), atten, åat (letters around).
    // Junk: U+0001, U+000B, U+FFFD, U+E000, U+F8FF (5); not tab, newline, form feed, CR, the bullets U+F0A7/U+F0B7.
    const sample =
      'ttt TI fl Ft tf ff fi at at at at. att att Att hatt atten åat ' +
      '\u0001\u000b\ufffd\ue000\uf8ff\t\n\f\r\uf0a7\uf0b7 ';
    const text = sample + 'x'.repeat(2000);
    const reasons = assessTextLayer([{ number: 1, text }]).reasons;
    expect(reasons).toEqual([
      `few ligature letter pairs (tt, ti, fi, ft, fl, ff): ${((1000 * 12) / text.length).toFixed(1)} per 1000 characters`,
      '"at" where Swedish writes "att" (4 of 7)',
      '5 unmapped or replacement characters',
    ]);
  });

  it('does not judge too little text', () => {
    expect(assessTextLayer([{ number: 1, text: 'Protokoll' }])).toMatchObject({ damaged: false, score: 1 });
  });
});

describe('plain pages: one scan for the line normaliser and the junk count', () => {
  it('counts junk and normalises lines as each rule says, with the scan shared or made by each stage', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      const junk =
        (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) ||
        c === 0xfffd ||
        (c >= 0xe000 && c <= 0xf8ff && c !== 0xf0a7 && c !== 0xf0b7);
      const pages = [{ number: 1, text: `ab${ch}c ` }];
      const shared = scanPages(pages);
      for (const lines of [toLines(pages), toLines(pages, shared)]) {
        if (lines.map((l) => l.text).join('\n') !== normalizeText(pages[0]?.text ?? ''))
          wrong.push(`lines ${c.toString(16)}`);
      }
      for (const a of [assessTextLayer(pages), assessTextLayer(pages, shared)]) {
        if (a.reasons.some((r) => r.includes('unmapped')) !== junk) wrong.push(`junk ${c.toString(16)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps nothing between calls: the same page object with a changed text is read again', () => {
    const page = { number: 1, text: 'ab' };
    expect(scanPages([page])).toEqual(['latin1']);
    toLines([page]);
    assessTextLayer([page]);
    page.text = 'a\ufffdb';
    expect(assessTextLayer([page]).reasons).toEqual(['1 unmapped or replacement characters']);
    page.text = 'a\u00a0b';
    expect(toLines([page])[0]?.text).toBe('a b');
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
