import { describe, expect, it } from 'vitest';
import { planOcr } from '../../functions/adapters/ocr/ocr-plan.ts';

const text = (n: number) => ({
  number: n,
  text: `§ ${n} Beslut om detaljplan för kvarteret Eken, dnr 2024.${n} KS, och mer text på sidan.`,
});
const empty = (n: number, stamp = '') => ({ number: n, text: stamp });

describe('planOcr: which pages OCR reads', () => {
  it('reads every page of a scan, even one with a stamped page number and "Justerandes sign" on each page', () => {
    expect(planOcr([empty(1, '1 (3)'), empty(2, 'Justerandes sign 2 (3)'), empty(3)])).toEqual({
      reason: 'no-text-layer',
      pages: [1, 2, 3],
    });
  });

  it('reads only the nearly empty pages of a digital protocol (a scanned signature page)', () => {
    expect(planOcr([text(1), text(2), empty(3, '3'), text(4)])).toEqual({ reason: 'image-pages', pages: [3] });
  });

  it('reads nothing in a clean digital protocol', () => {
    expect(planOcr([text(1), text(2)])).toEqual({ reason: null, pages: [] });
  });

  it('reads every page when the text layer is damaged (assessTextLayer)', () => {
    const garbled = (n: number) => ({
      number: n,
      text: '\uFFFD\uFFFDrande av \uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFDmnden \uFFFD\uFFFD\uFFFD beslut '.repeat(3),
    });
    const plan = planOcr([garbled(1), garbled(2)]);
    expect(plan.reason).toBe('damaged-text-layer');
    expect(plan.pages).toEqual([1, 2]);
  });
});
