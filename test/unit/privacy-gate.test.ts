import { describe, expect, it } from 'vitest';
import { PERSONAL_NUMBER_MASK } from '../../functions/core/privacy/personal-numbers.ts';
import type { Paragraph } from '../../functions/core/records/types.ts';
import {
  applyPrivacyGate,
  DEFAULT_PRIVACY_POLICY,
  DEFAULT_REVIEW_FIRST_BODIES,
  heldParagraphForReview,
  isReviewFirstBody,
  personalNumberFindings,
  type PrivacyPolicy,
} from '../../functions/pipeline/privacy-gate.ts';
import { buildAttendee, buildParagraph, buildProtocol, buildSection } from '../support/protocol-builder.ts';

const PNR = '850709-9805'; // valid personnummer (check digit worked by hand in personal-numbers.test.ts)
const SAMNR = '701063-2391'; // valid samordningsnummer
const policy: PrivacyPolicy = DEFAULT_PRIVACY_POLICY;

describe('applyPrivacyGate: a protocol without personal data', () => {
  it('publishes everything unchanged and holds nothing', () => {
    const protocol = buildProtocol({ paragraphs: [{}, { title: 'Budget 2025, 230,5 mnkr' }] });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.held).toEqual([]);
    expect(outcome.meetingMasked).toBe(false);
    expect(outcome.warningsMasked).toBe(false);
    expect(outcome.publishable).toEqual(protocol);
  });

  it('does not hold a § that quotes an organisationsnummer, case number or phone number', () => {
    const text =
      'Avtal med Alingsås kommun (212000-1355) och bolaget 556036-0793, dnr 2023.563 KS, tel. 0322-61 60 00.';
    const outcome = applyPrivacyGate(buildProtocol({ paragraphs: [{ text }] }), policy);
    expect(outcome.held).toEqual([]);
    expect(outcome.publishable.paragraphs).toHaveLength(1);
  });
});

describe('applyPrivacyGate: personal numbers in a §', () => {
  const cases: Array<[string, Partial<Paragraph>]> = [
    ['text', { text: `§ 2\nAnsökan från ${PNR}.` }],
    ['title', { title: `Bistånd till ${PNR}` }],
    ['heading', { heading: `§ 2 ${PNR}` }],
    ['sections[0].text', { sections: [buildSection({ text: `Sökande ${PNR} bor i kommunen.` })] }],
    ['sections[0].heading', { sections: [buildSection({ heading: `Ärende ${PNR}` })] }],
    ['decision', { decision: `Nämnden bifaller ansökan från ${PNR}.` }],
    [
      'decisionItems[1].text',
      {
        decisionItems: [
          { label: '1', text: 'Bifalla.' },
          { label: '2', text: `Meddela ${PNR}.` },
        ],
      },
    ],
    ['recipients[0]', { recipients: [`Sökanden (${PNR})`] }],
    ['documents[0]', { documents: [`Ansökan från ${PNR}, inkom 2024-01-10`] }],
    ['reservations[0].text', { reservations: [{ by: ['Cecilia Ceder (M)'], text: `Gäller ${PNR}.` }] }],
    ['reservations[0].by[0]', { reservations: [{ by: [`Person ${PNR}`], text: 'Reserverar sig.' }] }],
    [
      'votes[0].raw',
      { votes: [{ counts: { yes: 5, no: 4 }, roll: [], rollMatchesCounts: null, raw: `Votering om ${PNR}` }] },
    ],
    ['caseNumbers[0].raw', { caseNumbers: [{ raw: `Dnr ${PNR}`, normalized: PNR }] }],
    ['references[0].raw', { references: [{ raw: `Beslut om ${PNR}` }] }],
  ];

  it.each(cases)('holds the § when the number is in %s, and keeps the other §', (field, partial) => {
    const protocol = buildProtocol({ paragraphs: [{ number: '1' }, { number: '2', ...partial }, { number: '3' }] });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.publishable.paragraphs.map((p) => p.number)).toEqual(['1', '3']);
    expect(outcome.held).toHaveLength(1);
    expect(outcome.held[0]).toMatchObject({
      paragraphId: protocol.paragraphs[1]?.id,
      number: '2',
      reasons: ['personal-number'],
    });
    expect(outcome.held[0]?.findings).toContainEqual({ kind: 'personnummer', field });
  });

  it('reports each (kind, field) once and distinguishes samordningsnummer', () => {
    const text = `Sökande ${PNR} och ${PNR}, medsökande ${SAMNR}.`;
    const findings = personalNumberFindings(buildParagraph({ text }));
    expect(findings).toEqual([
      { kind: 'personnummer', field: 'text' },
      { kind: 'samordningsnummer', field: 'text' },
    ]);
  });

  it('never puts text or digits into what it returns about held §', () => {
    const secret = `Anna Andersson ${PNR} ansöker om bistånd`;
    const protocol = buildProtocol({ paragraphs: [{ text: secret, title: secret, decision: secret }] });
    const { held } = applyPrivacyGate(protocol, policy);
    expect(Object.keys(held[0] ?? {}).sort()).toEqual(['findings', 'number', 'paragraphId', 'reasons']);
    const serialised = JSON.stringify(held);
    expect(serialised).not.toContain('850709');
    expect(serialised).not.toContain('9805');
    expect(serialised).not.toContain('Anna');
  });
});

describe('applyPrivacyGate: review-first bodies', () => {
  it('holds every § of a social services committee but still publishes the meeting', () => {
    const protocol = buildProtocol({
      meeting: { body: 'Socialnämndens individutskott', id: 'testby-socialnamndens-individutskott-2024-02-05' },
      paragraphs: [{}, { text: `Ärende om ${PNR}` }],
    });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.publishable.paragraphs).toEqual([]);
    expect(outcome.publishable.meeting).toEqual(protocol.meeting);
    expect(outcome.held.map((h) => h.reasons)).toEqual([
      ['review-first-body'],
      ['personal-number', 'review-first-body'],
    ]);
    expect(outcome.held[0]?.findings).toEqual([]);
  });

  it.each([
    'Socialnämnden',
    'SOCIALNÄMNDEN',
    'Arbetsmarknads- och socialnämnden',
    'Individ\u2010 och familjenämnden', // U+2010 hyphen as PDF extraction may give it
    'Barn- och familjenämnden',
    'Överförmyndarnämnden',
    'O\u0308verfo\u0308rmyndarna\u0308mnden', // decomposed (NFD) å/ä/ö
    'Överförmyndare i samverkan',
    'Sociala  utskottet',
  ])('"%s" is review-first under the default policy', (body) => {
    expect(isReviewFirstBody(body, policy)).toBe(true);
  });

  it.each([
    'Kommunstyrelsen',
    'Kommunfullmäktige',
    'Byggnadsnämnden',
    'Barn- och utbildningsnämnden',
    'Kultur- och fritidsnämnden',
  ])('"%s" is not review-first under the default policy', (body) => {
    expect(isReviewFirstBody(body, policy)).toBe(false);
  });

  it('includes the bodies the design names, by the patterns of issue 12', () => {
    for (const part of ['social', 'omsorg', 'funktionsstöd', 'individ', 'arbetsmarknad', 'överförmyndar']) {
      expect(DEFAULT_REVIEW_FIRST_BODIES).toContain(part);
    }
    expect(isReviewFirstBody('Överförmyndarnämnden', { reviewFirstBodies: [...DEFAULT_REVIEW_FIRST_BODIES] })).toBe(
      true,
    );
  });

  it.each([
    'Vård- och omsorgsnämnden',
    'Omsorgsnämnden',
    'Arbetsmarknadsnämnden',
    'Social- och omsorgsnämnden',
    'Sociala nämnden',
    'Nämnden för funktionsstöd',
    'Socialnämndens individutskott',
    'Välfärdsnämnden',
    'IFO-utskottet',
  ])('"%s" (a body the issue found published) is review-first by default', (body) => {
    expect(isReviewFirstBody(body, policy)).toBe(true);
  });

  it.each(['Tekniska nämnden', 'Miljö- och byggnadsnämnden', 'Kultur- och fritidsnämnden', 'Valnämnden', 'Revisionen'])(
    '"%s" is not review-first by default (no pattern inside another word)',
    (body) => {
      expect(isReviewFirstBody(body, policy)).toBe(false);
    },
  );

  it('follows a custom policy; blank entries match nothing', () => {
    expect(isReviewFirstBody('Vård- och omsorgsnämnden', { reviewFirstBodies: ['omsorgsnämnd'] })).toBe(true);
    expect(isReviewFirstBody('Socialnämnden', { reviewFirstBodies: [] })).toBe(false);
    expect(isReviewFirstBody('Kommunstyrelsen', { reviewFirstBodies: ['', '  '] })).toBe(false);
  });
});

describe('applyPrivacyGate: meeting fields and warnings', () => {
  it('masks personal numbers in meeting fields and keeps identifiers', () => {
    const protocol = buildProtocol({
      meeting: {
        place: `Hemma hos ${PNR}`,
        attendance: {
          members: [buildAttendee()],
          substitutes: [],
          nonServingSubstitutes: [],
          others: [buildAttendee({ name: 'Gäst', raw: `Gäst ${SAMNR} §§ 3-4`, paragraphRanges: [[3, 4]] })],
        },
      },
    });
    const before = structuredClone(protocol);
    const outcome = applyPrivacyGate(protocol, policy);
    const meeting = outcome.publishable.meeting;
    expect(outcome.meetingMasked).toBe(true);
    expect(meeting.place).toBe(`Hemma hos ${PERSONAL_NUMBER_MASK}`);
    expect(meeting.attendance.others[0]?.raw).toBe(`Gäst ${PERSONAL_NUMBER_MASK} §§ 3-4`);
    expect(meeting.attendance.others[0]?.paragraphRanges).toEqual([[3, 4]]);
    expect(meeting.id).toBe(protocol.meeting.id);
    expect(meeting.source).toEqual(protocol.meeting.source);
    expect(meeting.attendance.members).toEqual(protocol.meeting.attendance.members);
    expect(protocol).toEqual(before); // the input is not mutated
  });

  it('never masks the meeting id or the file digest, even when they contain a number-like run', () => {
    const sha256 = `ab${PNR.replace('-', '')}cd${'e'.repeat(50)}`;
    const protocol = buildProtocol({ meeting: { source: { ...buildProtocol().meeting.source, sha256 } } });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.publishable.meeting.source.sha256).toBe(sha256);
    expect(outcome.meetingMasked).toBe(false);
  });

  it('masks warnings, and drops warnings about held § (they may quote its text)', () => {
    const protocol = buildProtocol({
      paragraphs: [{ number: '1' }, { number: '2', text: `Sökande ${PNR}` }],
      warnings: [
        { code: 'unknown-heading', message: `Okänd rubrik "Sökande ${PNR}"`, paragraph: '2' },
        { code: 'empty-paragraph', message: '§ 1 saknar beslut', paragraph: '1' },
        { code: 'other', message: `Sidfot med ${SAMNR}` },
      ],
    });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.warningsMasked).toBe(true);
    expect(outcome.publishable.warnings).toEqual([
      { code: 'empty-paragraph', message: '§ 1 saknar beslut', paragraph: '1' },
      { code: 'other', message: `Sidfot med ${PERSONAL_NUMBER_MASK}` },
    ]);
  });
});

describe('applyPrivacyGate: redacted §', () => {
  it('keeps a redacted § published and still redacted', () => {
    const redacted = {
      title: 'Borttagen på grund av sekretess',
      text: '§ 2\nBorttagen på grund av sekretess',
      redacted: true,
    };
    const protocol = buildProtocol({ paragraphs: [{}, redacted] });
    const outcome = applyPrivacyGate(protocol, policy);
    expect(outcome.held).toEqual([]);
    expect(outcome.publishable.paragraphs[1]).toEqual(protocol.paragraphs[1]);
    expect(outcome.publishable.paragraphs[1]?.redacted).toBe(true);
  });

  it('still holds a redacted § whose remaining text has a personal number', () => {
    const protocol = buildProtocol({ paragraphs: [{ redacted: true, heading: `§ 1 ${PNR}` }] });
    expect(applyPrivacyGate(protocol, policy).held.map((h) => h.reasons)).toEqual([['personal-number']]);
  });
});

describe('heldParagraphForReview (private review entry)', () => {
  it('carries the full § with its text, the reasons and the findings, marked private', () => {
    const paragraph = buildParagraph({ number: '7', text: `§ 7\nAnsökan från ${PNR}` });
    const entry = heldParagraphForReview(paragraph, ['personal-number']);
    expect(entry).toEqual({
      visibility: 'private-review-only',
      paragraphId: paragraph.id,
      meetingId: paragraph.meetingId,
      number: '7',
      reasons: ['personal-number'],
      findings: [{ kind: 'personnummer', field: 'text' }],
      paragraph,
    });
    expect(entry.paragraph.text).toContain(PNR);
  });
});
