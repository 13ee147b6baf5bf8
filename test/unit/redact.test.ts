import { describe, expect, it } from 'vitest';
import { REDACTION_MARK, redactParagraph, textPattern } from '../../functions/core/privacy/redact.ts';
import { expectLinear } from '../support/growth.ts';
import { buildParagraph, buildSection } from '../support/protocol-builder.ts';

describe('textPattern: a text is found however the PDF broke it', () => {
  it.each([
    ['plain', 'Anna Andersson', 'Sökande Anna Andersson bor här'],
    ['other case', 'anna andersson', 'Sökande ANNA ANDERSSON bor här'],
    ['line break between words', 'Anna Andersson', 'Sökande Anna\nAndersson bor här'],
    ['several spaces and NBSP', 'Anna Andersson', 'Sökande Anna \u00a0 Andersson bor här'],
    ['hyphenated at a line end', 'Anna Andersson', 'Sökande Anna Anders-\nson bor här'],
    ['soft hyphen inside', 'Anna Andersson', 'Sökande Anna Anders\u00adson bor här'],
    ['zero-width space inside', 'Storgatan 12', 'på Stor\u200bgatan 12 i'],
    ['en dash for a hyphen', 'Karl-Erik Ek', 'Karl\u2013Erik Ek'],
  ])('%s', (_label, needle, text) => {
    expect(text.replace(textPattern(needle), REDACTION_MARK)).toMatch(/\[uppgift borttagen\]/u);
    expect(text.replace(textPattern(needle), REDACTION_MARK)).not.toMatch(/Anders|Stor|Erik/iu);
  });

  it('treats regex characters in the text as text', () => {
    expect('a (b) c'.replace(textPattern('(b)'), 'X')).toBe('a X c');
    expect('a b c'.replace(textPattern('.'), 'X')).toBe('a b c');
  });

  it('stays linear on long near-misses', () => {
    expectLinear((n) => {
      const text = 'Anders-\nso '.repeat(Math.round(n));
      const re = textPattern('Anders-son Anderssonsson');
      return () => void text.replace(re, '');
    }, 500);
  });
});

describe('redactParagraph', () => {
  const paragraph = buildParagraph({
    title: 'Ansökan från Anna Andersson',
    heading: '§ 5 Anna Andersson',
    decision: 'Anna Andersson beviljas. Personnummer 850709-9805.',
    decisionItems: [{ label: '1', text: 'Meddela ANNA ANDERSSON.' }],
    recipients: ['Anna Andersson, Storgatan 1'],
    sections: [buildSection({ heading: 'Sökanden Anna', text: 'Andersson bor på Storgatan 1.' })],
    text: '§ 5 Anna Andersson\nAnsökan från Anna Andersson, 850709 - 9805.',
  });

  it('masks every occurrence in every field, marks the § redacted with the basis, and counts', () => {
    const { paragraph: out, counts } = redactParagraph(
      paragraph,
      ['Anna Andersson', 'Storgatan 1', '850709-9805'],
      ' OSL 26 kap. 1 § ',
    );
    const json = JSON.stringify(out);
    expect(json).not.toMatch(/Andersson|ANDERSSON|Storgatan|9805/u);
    expect(out.redacted).toBe(true);
    expect(out.redactionBasis).toBe('OSL 26 kap. 1 §');
    expect(out.title).toBe(`Ansökan från ${REDACTION_MARK}`);
    expect(counts[0]).toBeGreaterThanOrEqual(6);
    expect(counts[2]).toBe(2); // the number in two written forms
    expect(out.id).toBe(paragraph.id);
    expect(out.number).toBe(paragraph.number);
  });

  it('masks a name the parser split between a section heading and its text', () => {
    const { paragraph: out } = redactParagraph(paragraph, ['Anna Andersson']);
    expect(out.sections[0]?.heading).toBe(`Sökanden ${REDACTION_MARK}`);
    expect(out.sections[0]?.text).toBe(`${REDACTION_MARK} bor på Storgatan 1.`);
  });

  it('reports a text that occurs nowhere with count 0 and leaves the input alone', () => {
    const before = structuredClone(paragraph);
    const { counts } = redactParagraph(paragraph, ['Anna Anderson']);
    expect(counts).toEqual([0]);
    expect(paragraph).toEqual(before);
  });
});
