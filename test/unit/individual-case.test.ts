import { describe, expect, it } from 'vitest';
import { assessIndividualCase, peopleInRole } from '../../functions/core/privacy/individual-case.ts';
import { applyPrivacyGate, DEFAULT_PRIVACY_POLICY } from '../../functions/pipeline/privacy-gate.ts';
import {
  type CaseSample,
  HELD_OUT_INDIVIDUAL,
  HELD_OUT_ORDINARY,
  INDIVIDUAL_CASES,
  ORDINARY_CASES,
} from '../fixtures/privacy/individual-cases.ts';
import { expectLinear } from '../support/growth.ts';
import { buildAttendee, buildMeeting, buildParagraph, buildProtocol } from '../support/protocol-builder.ts';

const paragraphOf = (c: CaseSample) => buildParagraph({ title: c.title, text: `§ 5\n${c.title}\n${c.text}` });

describe('assessIndividualCase on the issue 12 test set', () => {
  it.each([...INDIVIDUAL_CASES, ...HELD_OUT_INDIVIDUAL].map((c) => [`${c.body}: ${c.title}`, c] as const))(
    'holds the individual case %s',
    (_label, c) => {
      const assessment = assessIndividualCase(paragraphOf(c));
      expect(assessment.individual, assessment.signals.join(',')).toBe(true);
    },
  );

  it.each([...ORDINARY_CASES, ...HELD_OUT_ORDINARY].map((c) => [`${c.body}: ${c.title}`, c] as const))(
    'publishes the ordinary § %s',
    (_label, c) => {
      const assessment = assessIndividualCase(paragraphOf(c));
      expect(assessment.individual, assessment.signals.join(',')).toBe(false);
    },
  );

  it('returns signal names only, never text from the §', () => {
    const c = INDIVIDUAL_CASES[0]!;
    const { signals } = assessIndividualCase(paragraphOf(c));
    expect(signals.length).toBeGreaterThan(1);
    expect(JSON.stringify(signals)).not.toMatch(/Gunnel|Åkesson|Lindvägen|1938|Alingsås/u);
  });
});

describe('elected members and officials in their role stay', () => {
  const meeting = buildMeeting({
    attendance: {
      members: [buildAttendee({ name: 'Karin Lundberg', party: 'S' })],
      substitutes: [],
      nonServingSubstitutes: [],
      others: [buildAttendee({ name: 'Johan Ekström', role: 'socialchef' })],
    },
  });
  const text = (who: string) =>
    `Ärendebeskrivning\nRiktlinjerna för placering i familjehem har setts över. ${who} föredrog ärendet.\nBeslut\nNämnden antar riktlinjerna.`;

  it.each([
    ['a member in the attendance list', 'Karin Lundberg'],
    ['an official in the attendance list', 'Johan Ekström'],
    ['a member with her party', 'Lisa Holmgren (M)'],
    ['an official with a title before the name', 'socialsekreteraren Eva Nordin'],
  ])('%s is not a private person', (_label, who) => {
    const p = buildParagraph({ title: 'Ändrade rutiner', text: text(who) });
    expect(assessIndividualCase(p, peopleInRole(meeting)).signals).not.toContain('name');
  });

  it('a private person in the same sentence is one', () => {
    const p = buildParagraph({ title: 'Ändrade rutiner', text: text('Handläggaren träffade Eva Nordin, som') });
    expect(assessIndividualCase(p, peopleInRole(meeting)).signals).toContain('name');
  });
});

describe('applyPrivacyGate: individual cases in any body', () => {
  it.each(['Kommunstyrelsen', 'Utbildningsnämnden', 'Tekniska nämnden', 'Miljö- och byggnadsnämnden'])(
    'holds an individual case on the agenda of %s and publishes the rest',
    (body) => {
      const c = INDIVIDUAL_CASES.find((x) => x.title === 'Ansökan om färdtjänst')!;
      const protocol = buildProtocol({
        meeting: { body },
        paragraphs: [
          { number: '4', title: 'Budget 2026' },
          { number: '5', title: c.title, text: `§ 5\n${c.title}\n${c.text}` },
        ],
      });
      const outcome = applyPrivacyGate(protocol, DEFAULT_PRIVACY_POLICY);
      expect(outcome.publishable.paragraphs.map((p) => p.number)).toEqual(['4']);
      expect(outcome.held).toHaveLength(1);
      expect(outcome.held[0]).toMatchObject({ number: '5', reasons: ['individual-case'] });
      expect(outcome.held[0]?.signals).toContain('matter-title');
    },
  );
});

describe('assessIndividualCase stays linear on adversarial text', () => {
  it.each([
    ['capitalised words', 'Anna Berg Carl Dahl '],
    ['phrases', 'ansökan om bistånd placering i familjehem '],
    ['digits and dashes', '070-123 45 67 441 30 '],
    ['e-mail look-alikes', 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p@'],
  ])('%s', (_label, unit) => {
    expectLinear((n) => {
      const p = buildParagraph({ title: 'Titel', text: unit.repeat(Math.round(n)) });
      return () => void assessIndividualCase(p);
    }, 200);
  });
});
