import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { Protocol } from '../../functions/core/records/types.ts';

/** Forms the corpus lacks, in small hand-written fixtures modelled on real protocols; expectations written by hand. */
function parseFixture(name: string): Protocol {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'forms', name), 'utf8');
  return parseProtocol({
    pages: [{ number: 1, text }],
    source: { fileName: name, sha256: 'fixture', pages: 1, mediaType: 'text/plain' },
  });
}

describe('vote tables with X marks and a named roll', () => {
  const p = parseFixture('kf-vote-table-x-marks.txt');
  const [first, second] = p.paragraphs;

  it('reads "KF § 102 DNR: KU.2017.3" with the title on the next line', () => {
    expect(p.paragraphs.map((x) => x.number)).toEqual(['102', '103']);
    expect(first?.caseNumbers).toEqual([{ raw: 'DNR: KU.2017.3', normalized: 'KU.2017.3' }]);
    expect(first?.title).toBe('Motion om fler lovaktiviteter för unga');
  });

  it('reads what ja and nej meant, the counts and the roll, and sees that they agree', () => {
    expect(first?.votes).toHaveLength(1);
    const vote = first?.votes[0];
    expect(vote?.yesMeans).toBe('bifall till kommunstyrelsens förslag');
    expect(vote?.noMeans).toBe('bifall till Anna Hanssons (MP) yrkande');
    expect(vote?.counts).toEqual({ yes: 5, no: 3, abstain: 1 });
    expect(vote?.roll).toEqual([
      { name: 'Kristina Grapenholm', party: 'L', vote: 'yes' },
      { name: 'Lennart Allbro', party: 'S', vote: 'yes' },
      { name: 'Birgitta Carlsson', party: 'S', vote: 'yes' },
      { name: 'Anna Hansson', party: 'MP', vote: 'no' },
      { name: 'Daniel Filipsson', party: 'M', vote: 'yes' },
      { name: 'Britt-Marie Kuylenstierna', party: 'MP', vote: 'no' },
      { name: 'Stefan Svensson', party: 'KD', vote: 'abstain' },
      { name: 'Novak Vasic', party: 'MP', vote: 'no' },
      { name: 'Tore Hult', party: 'S', vote: 'yes' },
    ]);
    expect(vote?.rollMatchesCounts).toBe(true);
  });

  it('reads the reservation, recipients and reference', () => {
    expect(first?.reservations.map((r) => r.by)).toEqual([
      ['Anna Hansson (MP)', 'Britt-Marie Kuylenstierna (MP)', 'Novak Vasic (MP)'],
    ]);
    expect(first?.recipients).toEqual(['Kommunstyrelsen', 'Motionären']);
    expect(first?.references).toEqual([
      { raw: 'Kommunstyrelsen har den 3 mars 2025, § 41', body: 'Kommunstyrelsen', date: '2025-03-03', number: '41' },
    ]);
    expect(first?.decision).toBe('Motionen avslås.');
  });

  it('flags a roll that does not add up to the counts', () => {
    expect(second?.votes[0]?.counts).toEqual({ yes: 4, no: 3 });
    expect(second?.votes[0]?.roll.filter((r) => r.vote === 'yes')).toHaveLength(3);
    expect(second?.votes[0]?.rollMatchesCounts).toBe(false);
    expect(p.warnings.filter((w) => w.code === 'vote-roll-mismatch').map((w) => w.paragraph)).toEqual(['103']);
  });
});

describe('secrecy', () => {
  const p = parseFixture('sn-secrecy.txt');
  it('marks a § whose text was removed for secrecy, and only that one', () => {
    expect(p.paragraphs.map((x) => [x.number, x.redacted])).toEqual([
      ['162', true],
      ['163', false],
    ]);
  });
  it('reads "§ 162   Diarienummer 00322/2026"', () => {
    expect(p.paragraphs[0]?.caseNumbers).toEqual([{ raw: 'Diarienummer 00322/2026', normalized: '00322/2026' }]);
    expect(p.paragraphs[0]?.title).toBe('Ansökan om ekonomiskt bistånd');
    expect(p.paragraphs[0]?.references).toEqual([]);
  });
});

describe('omedelbar justering, jäv, särskilt yttrande, att-satser', () => {
  const p = parseFixture('omedelbar-justering.txt');
  const [p88, p89, p90] = p.paragraphs;
  it('marks immediately justerade §§', () => {
    expect(p.paragraphs.map((x) => [x.number, x.immediatelyJusterad])).toEqual([
      ['88', true],
      ['89', false],
      ['90', false],
    ]);
  });
  it('keeps Jäv and Särskilt yttrande as sections of their own kind', () => {
    expect(p88?.sections.map((s) => [s.kind, s.heading])).toEqual([
      ['description', 'Ärendebeskrivning'],
      ['disqualification', 'Jäv'],
      ['decision', 'Beslut'],
      ['special-statement', 'Särskilt yttrande'],
      ['recipients', 'Expedieras till'],
    ]);
  });
  it('leaves the justering stamp out of the decision', () => {
    expect(p89?.decision).toBe('Informationen noteras.');
  });
  it('reads att-satser with wrapped lines joined', () => {
    expect(p90?.decisionItems).toEqual([
      { label: 'att', text: 'anta budget för 2026 i enlighet med bilaga 1,' },
      { label: 'att', text: 'uppdra åt förvaltningen att återkomma med en internbudget i december.' },
    ]);
  });
});

describe('headings without a § sign ("Ks 1 Dnr 2012-KS0012")', () => {
  const p = parseFixture('ks-headings-without-section-sign.txt');
  it('finds the §§, titles on the same line or the next, and the gap', () => {
    expect(p.paragraphs.map((x) => [x.number, x.caseNumbers.map((c) => c.normalized), x.title])).toEqual([
      ['1', ['2012-KS0012'], 'Val av justerare'],
      ['2', ['2012-KS0045'], 'Detaljplan för kvarteret Ugglan'],
      ['4', ['2011-KS0398'], 'Årsredovisning 2011'],
    ]);
    expect(p.warnings.filter((w) => w.code === 'number-gap').map((w) => w.paragraph)).toEqual(['4']);
  });
});
