import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import { statesImmediateJustering } from '../../functions/core/parse/fields/immediate-justering.ts';
import type { Protocol } from '../../functions/core/records/types.ts';

/** A one-§ protocol in the Alingsås 2026 layout: heading, title, sections, as the text reader gives it. */
function parseOne(body: string): Protocol {
  const text = `§ 12 2026.101 KS\nÄndring av taxa för bygglov\n${body}\n`;
  return parseProtocol({
    pages: [{ number: 1, text }],
    source: { fileName: 'x.txt', sha256: 'x', pages: 1, mediaType: 'text/plain' },
  });
}

const flag = (body: string) => parseOne(body).paragraphs[0]?.immediatelyJusterad;

describe('omedelbar justering: wordings that say the § was justerad at the meeting', () => {
  it.each([
    'Paragrafen förklaras omedelbart justerad.',
    'Protokollet under denna paragraf förklaras omedelbart justerat.',
    'Paragrafen justeras omedelbart.',
    'Beslutet fattas med omedelbar justering.',
    'Paragrafen förklarades omedelbart justerad.',
    'Paragraferna 12–14 är omedelbart justerade.',
    'Beslutet justerades omedelbart.',
    'Kommunstyrelsen beslutar att paragrafen ska omedelbart justeras.',
    'Paragrafen   förklaras\nomedelbart   justerad.',
  ])('%s', (wording) => {
    expect(statesImmediateJustering(wording)).toBe(true);
  });

  it.each([
    'Paragrafen är justerad',
    'Protokollet är justerat. Justeringen har tillkännagivits på Alingsås kommuns digitala anslagstavla.',
    'Paragrafen justeras inte omedelbart.',
    'Kommunstyrelsen beslutar att paragrafen inte ska omedelbart justeras.',
    'Yrkandet om omedelbar justering avslås.',
    'Ordförandens förslag till omedelbar justering fick avslag.',
    'Planen justeras efter samrådet.',
    'Omedelbart efter sammanträdet justerades tidplanen.',
  ])('not: %s', (wording) => {
    expect(statesImmediateJustering(wording)).toBe(false);
  });

  it('a negation after the wording, in a clause of its own, does not undo it', () => {
    expect(statesImmediateJustering('Paragrafen förklaras omedelbart justerad eftersom avtalet inte kan vänta.')).toBe(
      true,
    );
  });
});

describe('immediatelyJusterad on a parsed §', () => {
  it('is set by the decision', () => {
    expect(flag('Beslut\n1. Taxan antas.\n2. Paragrafen förklaras omedelbart justerad.')).toBe(true);
  });

  it('is set by a Justering section of its own (Göteborg)', () => {
    expect(
      flag('Beslut\nTaxan antas.\nJustering\nProtokollet under denna paragraf förklaras omedelbart justerat.'),
    ).toBe(true);
  });

  it('is set by a statement line after the Expedieras till list', () => {
    expect(flag('Beslut\nTaxan antas.\nExpedieras till\nBygglovsenheten\nParagrafen justeras omedelbart.')).toBe(true);
  });

  it('is not set by the Alingsås stamp "Paragrafen är justerad", which is furniture and leaves no trace', () => {
    const p = parseOne('Beslut\nTaxan antas.\nBeslutsunderlag\n• Tjänsteskrivelse\nParagrafen är justerad')
      .paragraphs[0];
    expect(p?.immediatelyJusterad).toBe(false);
    expect(p?.decision).toBe('Taxan antas.');
    expect(p?.documents).toEqual(['Tjänsteskrivelse']);
    expect(p?.text).not.toContain('Paragrafen är justerad');
    expect(p?.sections.map((s) => s.text).join('\n')).not.toContain('justerad');
  });

  it('is not set by the narrative or a motion that was not decided', () => {
    expect(
      flag('Ärendebeskrivning\nFörra året förklarades motsvarande paragraf omedelbart justerad.\nBeslut\nTaxan antas.'),
    ).toBe(false);
    expect(
      flag('Yrkanden\nAnna Berg (S) yrkar att paragrafen förklaras omedelbart justerad.\nBeslut\nTaxan antas.'),
    ).toBe(false);
  });

  it('is not set by a list item that merely mentions it', () => {
    expect(flag('Beslut\nTaxan antas.\nBeslutsunderlag\n• Tjänsteskrivelse om omedelbar justering av taxan')).toBe(
      false,
    );
  });
});
