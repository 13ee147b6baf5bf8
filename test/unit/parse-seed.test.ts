import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';

/** The seed: Alingsås KS 2024-02-05 § 28 (2023.563 KS) must parse exactly. Values copied by hand from the text. */
const text = readFileSync(
  join(import.meta.dirname, '..', 'golden', 'alingsas-kommunstyrelsen-2024-02-05-p28.txt'),
  'utf8',
);
const protocol = parseProtocol({
  pages: [{ number: 1, text }],
  source: { fileName: 'kommunstyrelsen-2024-02-05-p28.txt', sha256: 'seed', pages: 1, mediaType: 'text/plain' },
  hints: { municipality: 'Alingsås', body: 'Kommunstyrelsen', date: '2024-02-05' },
});
const p = protocol.paragraphs[0];

describe('seed: Alingsås KS 2024-02-05 § 28', () => {
  it('is one § with its number, case number and title', () => {
    expect(protocol.paragraphs).toHaveLength(1);
    expect(p?.number).toBe('28');
    expect(p?.caseNumbers).toEqual([{ raw: '2023.563 KS', normalized: '2023.563 KS' }]);
    expect(p?.title).toBe('Byte av regionalt stödcentrum för utsatta för hedersrelaterat våld och förtryck till Borås');
    expect(p?.id).toBe('alingsas-kommunstyrelsen-2024-02-05-28');
  });
  it('has its two numbered decisions', () => {
    expect(p?.decisionItems).toEqual([
      {
        label: '1',
        text: 'Alingsås kommun byter regionalt stödcentrum för utsatta för hedersvåld och förtryck från Göteborgs stad till Borås stad från och med 1 februari 2024.',
      },
      {
        label: '2',
        text: 'Kommundirektör får i uppdrag att teckna samverkansavtal för Regionalt stödcentrum för utsatta för hedersvåld och förtryck i Borås från och med 1 februari 2024.',
      },
    ]);
  });
  it('has its three recipients and two documents', () => {
    expect(p?.recipients).toEqual([
      'Göteborgs stad, Regionalt stödcentrum för utsatta för hedersvåld och förtryck',
      'Regionalt stödcentrum för hedersrelaterat våld och förtryck Borås',
      'Socialnämnden, Barn- och ungdomsnämnden, Kultur- och utbildningsnämnden',
    ]);
    expect(p?.documents).toEqual([
      '§29 KSAU Byte av regionalt stödcentrum för utsatta för hedersrelaterat våld och förtryck till Borås',
      'Tjänsteskrivelse - Byte av regionalt stödcentrum för utsatta för hedersrelaterat våld och förtryck till Borås',
    ]);
  });
  it('has its references: KS 2020-05-11 § 78 and KSAU 2024-01-24 § 29', () => {
    expect(p?.references.map(({ body, date, number }) => ({ body, date, number }))).toEqual([
      { body: 'Kommunstyrelsen', date: '2020-05-11', number: '78' },
      { body: 'Kommunstyrelsens arbetsutskott', date: '2024-01-24', number: '29' },
    ]);
  });
  it('has its sections in order, without the repeated date line', () => {
    expect(p?.sections.map((s) => s.heading)).toEqual([
      'Ärendebeskrivning',
      'Beredning',
      'Beslut',
      'Expedieras till',
      'Beslutsunderlag',
    ]);
    expect(p?.text).not.toMatch(/^2024-02-05$/mu);
    expect(p?.redacted).toBe(false);
    expect(p?.immediatelyJusterad).toBe(false);
  });
});
