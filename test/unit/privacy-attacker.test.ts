/**
 * Issue 12, the pieces around the forms × places table: what must stay unflagged, the page-break look, ids and file
 * names that carry only what was recognised, and the linear-time guarantee of the wider patterns.
 */
import { describe, expect, it } from 'vitest';
import { personalNumbersInPages } from '../../functions/core/privacy/page-scan.ts';
import {
  findPersonalNumbers,
  maskPersonalNumbers,
  PERSONAL_NUMBER_MASK,
} from '../../functions/core/privacy/personal-numbers.ts';
import { runningText } from '../../functions/core/privacy/running-text.ts';
import { bodySlug, meetingId } from '../../functions/core/records/ids.ts';
import { fileNameHints, recognisedBody } from '../../functions/pipeline/file-name-hints.ts';
import { applyPrivacyGate, DEFAULT_PRIVACY_POLICY } from '../../functions/pipeline/privacy-gate.ts';
import { expectLinear } from '../support/growth.ts';
import { buildProtocol } from '../support/protocol-builder.ts';

describe('what stays unflagged in the wider forms', () => {
  it.each([
    ['organisationsnummer, spaced dash', '556036 - 0793'],
    ['organisationsnummer, em dash', '212000\u20141355'],
    ['organisationsnummer, full-width', '５５６０３６－０７９３'],
    ['organisationsnummer with 16, line break', '16556036-\n0793'],
    ['ISO date then a case number on the next line', 'Tjänsteskrivelse 2024-01-15\n2023.563 KS'],
    ['ISO date then a time', 'Sammanträdet 2024-01-15 1400'],
    ['Finnish archive code', 'NKBY/457/12.04.02/2022'],
    ['phone number in pairs', '070-512 34 56'],
    ['amount with spaces', '1 250 000 kronor'],
    ['ASCII four digits then six (only Arabic-Indic digits are read backwards)', '9805-850709'],
  ])('%s: %s', (_label, text) => {
    expect(findPersonalNumbers(text)).toEqual([]);
  });

  it('masks exactly what was written, invisible characters inside included', () => {
    const text = 'Elev 8507\u200b09-98\u00ad05 går i klass 3.';
    expect(maskPersonalNumbers(text)).toBe(`Elev ${PERSONAL_NUMBER_MASK} går i klass 3.`);
  });

  it('folds digits of every script and maps offsets back', () => {
    const folded = runningText('a\u00ad١٢\ufeff３\u2003-');
    expect(folded.text).toBe('a123 -');
    expect(folded.origin).toEqual([0, 2, 3, 5, 6, 7]);
  });
});

describe('personalNumbersInPages: across a page break, furniture skipped', () => {
  const page1 =
    'Sökanden bor i Alingsås och har personnummer 850709-\n\nJusterandes sign     Utdragsbestyrkande\nSida 1 av 2';
  const page2 = 'Kommunstyrelsen\nProtokoll\n2024-03-06\n\n9805 och ansöker om bistånd.';

  it('joins the halves around the furniture', () => {
    const hits = personalNumbersInPages([
      { number: 1, text: page1 },
      { number: 2, text: page2 },
    ]);
    expect(hits.map((h) => [h.pages, h.digits])).toContainEqual([[1, 2], '8507099805']);
  });

  it('does not take the next page header date as the last four digits', () => {
    const hits = personalNumbersInPages([
      { number: 1, text: page1 },
      { number: 2, text: 'Kommunstyrelsen\n2024-03-06\nInget mer.' },
    ]);
    expect(hits).toEqual([]);
  });

  it('holds every § on those pages and masks the pieces in the meeting', () => {
    const protocol = buildProtocol({
      meeting: { place: 'Rådhuset 850709' },
      paragraphs: [
        { number: '1', pages: [1, 1] },
        { number: '2', pages: [2, 2] },
        { number: '3', pages: [3, 3] },
      ],
    });
    const pages = [
      { number: 1, text: page1 },
      { number: 2, text: page2 },
      { number: 3, text: 'Sista sidan.' },
    ];
    const outcome = applyPrivacyGate(protocol, DEFAULT_PRIVACY_POLICY, { pages });
    expect(outcome.held.map((h) => [h.number, h.reasons])).toEqual([
      ['1', ['personal-number']],
      ['2', ['personal-number']],
    ]);
    expect(outcome.publishable.meeting.place).toBe(`Rådhuset ${PERSONAL_NUMBER_MASK}`);
    expect(outcome.publishable.meeting.date).toBe(protocol.meeting.date);
  });
});

describe('ids and slugs carry only what was recognised', () => {
  it('meeting ids drop digit words from municipality and body', () => {
    expect(meetingId('Alingsås', 'Kommunstyrelsen 850709-9805', '2024-03-06')).toBe(
      'alingsas-kommunstyrelsen-2024-03-06',
    );
    expect(meetingId('Alingsås', 'Kommunstyrelsen ８５０７０９', '2024-03-06')).toBe(
      'alingsas-kommunstyrelsen-2024-03-06',
    );
    expect(bodySlug('850709-9805')).toBe('okant-organ');
  });

  it.each([
    ['kommunstyrelsen-850709-9805', 'kommunstyrelsen'],
    ['protokoll-kommunstyrelsen-justerat', 'kommunstyrelsen'],
    ['barn-och-ungdomsnamnden', 'barn-och-ungdomsnamnden'],
    ['kommunstyrelsens-arbetsutskott-final', 'kommunstyrelsens-arbetsutskott'],
    ['tekniska-namnden', 'tekniska-namnden'],
    ['namnden-for-funktionsstod', 'namnden-for-funktionsstod'],
    ['anna-andersson-8507099805', undefined],
  ])('file-name body %s → %s', (slug, body) => {
    expect(recognisedBody(slug)).toBe(body);
  });

  it('a file name with a personnummer gives the body and date, and the number nowhere', () => {
    const hints = fileNameHints('alingsas-kommunstyrelsen-850709-9805-2024-03-06.pdf');
    expect(hints).toEqual({ date: '2024-03-06', municipality: 'Alingsås', body: 'kommunstyrelsen' });
  });

  it('the gate reports an id with a personal number (ingest quarantines such a file)', () => {
    const protocol = buildProtocol({ meeting: { id: 'alingsas-850709-9805-2024-03-06' } });
    expect(applyPrivacyGate(protocol, DEFAULT_PRIVACY_POLICY).idFindings).toContain('meeting.id');
  });
});

describe('the wider patterns stay linear', () => {
  it.each([
    ['spaced dates and separators', '85 07 09 - - '],
    ['ISO dates', '1985-07-09 '],
    ['digits split by line breaks', '850709\n\n\n'],
    ['invisible characters', '8\u00ad5\u200b0'],
    ['Arabic-Indic digits', '٨٥٠٧-٩٨٠٥٠ '],
  ])('%s', (_label, unit) => {
    expectLinear((n) => {
      const text = unit.repeat(Math.round(n));
      return () => void findPersonalNumbers(text);
    }, 2000);
  });
});
