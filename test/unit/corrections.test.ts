import { describe, expect, it } from 'vitest';
import { markCorrections } from '../../functions/core/records/corrections.ts';
import type { Paragraph, Protocol } from '../../functions/core/records/types.ts';

const p = (id: string, text: string, extra: Partial<Paragraph> = {}) =>
  ({ id, text, redacted: false, ...extra }) as Paragraph;
const protocol = (paragraphs: Paragraph[]) => ({ paragraphs }) as Protocol;
const FIX = { date: '2024-03-20', reason: 'Ersatt av en rättad version av protokollet (kf.pdf)' };

describe('markCorrections: which § a corrected protocol changed', () => {
  it('marks a changed §, leaves an unchanged, a new and a previously masked § alone, and keeps an earlier mark', () => {
    const before = [
      p('m-1', 'a'),
      p('m-2', 'b'),
      p('m-3', 'c [uppgift borttagen]', { redacted: true }),
      p('m-4', 'd', { corrected: { date: '2024-03-10', reason: 'tidigare' } }),
    ];
    const after = markCorrections(
      protocol([p('m-1', 'a'), p('m-2', 'b ändrad'), p('m-3', 'c 850709-9805'), p('m-4', 'd'), p('m-5', 'ny')]),
      before,
      FIX,
    );
    expect(after.paragraphs.map((x) => [x.id, x.corrected?.date ?? null])).toEqual([
      ['m-1', null],
      ['m-2', '2024-03-20'],
      ['m-3', null],
      ['m-4', '2024-03-10'],
      ['m-5', null],
    ]);
  });
});
