/**
 * Meeting-header parsing on cover pages in other layouts than the corpus (written for these tests in the style of
 * other Swedish municipalities' templates), plus hints, warnings and adversarial input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toLines } from '../../functions/core/parse/lines.ts';
import { appealLastDay } from '../../functions/core/records/appeal-deadline.ts';
import { isParagraphHeadingLine, parseMeetingHeader } from '../../functions/core/parse/meeting/index.ts';
import type { ParseHints, SourceInfo } from '../../functions/core/records/types.ts';
import { expectLinear, FACTOR } from '../support/growth.ts';

const SOURCE: SourceInfo = { fileName: 'x.txt', sha256: '0'.repeat(64), pages: 1, mediaType: 'text/plain' };

function parsePages(pages: string[], hints?: ParseHints) {
  const lines = toLines(pages.map((text, i) => ({ number: i + 1, text })));
  return parseMeetingHeader(lines, { source: SOURCE, ...(hints ? { hints } : {}) });
}

const LABELLED_COVER = [
  'SAMMANTRÄDESPROTOKOLL',
  'Lerums kommun',
  'Kommunfullmäktige',
  'Sammanträdesdatum 2023-11-15',
  'Plats och tid: Lerums Gymnasium, aulan, kl. 18.30–21.45',
  'Beslutande: Se närvarolista sid 2',
  'Utses att justera: Anna Andersson (S) och Bo Berg (M)',
  'Justeringens plats och tid: Kommunhuset, 20 november 2023',
  'Sekreterare: Karin Ek   Paragrafer 120–135',
  'Ordförande: Anna Holm (M)',
  'ANSLAG/BEVIS',
  'Protokollet är justerat. Justeringen har tillkännagivits genom anslag.',
  'Datum då anslaget sätts upp 2023-11-21',
  'Datum då anslaget tas ned 2023-12-13',
  'KF § 120 DNR: KS.2023.301',
  'Beslutande ledamöter i detta ärende var inte fler än 5 och kl. 23.00 avslutades mötet.',
].join('\n');

describe('a labelled one-column cover (colons, "Datum då anslaget …", "Paragrafer 120–135")', () => {
  const { meeting, warnings } = parsePages([LABELLED_COVER]);

  it('identifies the meeting', () => {
    expect([meeting.id, meeting.municipality, meeting.body, meeting.date]).toEqual([
      'lerum-kommunfullmaktige-2023-11-15',
      'Lerum',
      'Kommunfullmäktige',
      '2023-11-15',
    ]);
  });

  it('reads place, time and the § range without a § sign', () => {
    expect(meeting.place).toBe('Lerums Gymnasium, aulan');
    expect(meeting.time).toEqual({ start: '18:30', end: '21:45', raw: 'kl. 18.30–21.45' });
    expect(meeting.paragraphRange).toEqual({ from: '120', to: '135', raw: '120–135' });
  });

  it('splits justerare joined by "och" and reads a Swedish-worded justering date', () => {
    expect(meeting.justerare).toEqual(['Anna Andersson', 'Bo Berg']);
    expect(meeting.justering).toEqual({
      date: '2023-11-20',
      place: 'Kommunhuset',
      raw: 'Kommunhuset, 20 november 2023',
    });
    expect([meeting.chair, meeting.secretary]).toEqual(['Anna Holm', 'Karin Ek']);
  });

  it('reads notice dates worded as sentences and computes the appeal deadline', () => {
    expect(meeting.notice).toMatchObject({ posted: '2023-11-21', removed: '2023-12-13' });
    // 2023-11-21 + 21 = tisdag 2023-12-12.
    expect(meeting.appeal).toEqual({ noticeDate: '2023-11-21', lastDay: '2023-12-12', basis: 'stated-notice' });
  });

  it('treats "Se närvarolista sid 2" as no list, warns at the label, and reads nothing after the first §', () => {
    expect(meeting.attendance.members).toEqual([]);
    expect(warnings).toEqual([
      {
        code: 'missing-metadata',
        message: 'No members (Beslutande) found in the front matter',
        position: { page: 1, line: 6 },
      },
    ]);
  });
});

describe('notice dates in two columns', () => {
  it('leaves the posting date absent when its column is blank, and computes no deadline', () => {
    const { meeting } = parsePages([
      'Socialnämnden\n2024-03-12\nANSLAG/BEVIS\nDatum för anslags   Datum för anslags   2024-04-30\nuppsättande   nedtagande\n§ 1 Val',
    ]);
    expect(meeting.notice.posted).toBeUndefined();
    expect(meeting.notice.removed).toBe('2024-04-30');
    expect(meeting.appeal).toBeUndefined();
  });
});

describe('hints', () => {
  const cover = 'Region Gotland\nRegionstyrelsen\nProtokoll\n2024-05-02\n§ 1 Val av justerare';

  it('uses the municipality and body printed in the header when there are no hints', () => {
    const { meeting } = parsePages([cover]);
    expect([meeting.municipality, meeting.body, meeting.date]).toEqual(['Gotland', 'Regionstyrelsen', '2024-05-02']);
  });

  it('prefers the hinted municipality (mapped to its proper name) but the printed body over a hinted one', () => {
    const { meeting } = parsePages([cover], { municipality: 'Göteborgs Stad', body: 'Byggnadsnämnden' });
    expect(meeting.id).toBe('goteborg-regionstyrelsen-2024-05-02');
  });

  it('takes the body from the hint when the text prints none, restoring a slug to the printed name', () => {
    const { meeting } = parsePages(['2024-05-02\n§ 1 Val av justerare'], {
      municipality: 'alingsas',
      body: 'socialnamnden',
    });
    expect([meeting.municipality, meeting.body, meeting.id]).toEqual([
      'Alingsås',
      'Socialnämnden',
      'alingsas-socialnamnden-2024-05-02',
    ]);
  });

  it('keeps an unknown hinted municipality as given', () => {
    expect(parsePages([cover], { municipality: 'Testby' }).meeting.municipality).toBe('Testby');
  });

  it('keeps the printed date over a different hinted one and warns at the date line', () => {
    const r = parsePages([cover], { date: '2024-05-03' });
    expect(r.meeting.date).toBe('2024-05-02');
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'other', position: { page: 1, line: 4 } }));
  });

  it('uses the hinted date when the text has none', () => {
    const r = parsePages(['Kommunstyrelsen\n§ 1 Val'], { date: '2024-05-03', municipality: 'Ale' });
    expect(r.meeting.id).toBe('ale-kommunstyrelsen-2024-05-03');
  });

  it('reports and ignores hints that are not ISO dates', () => {
    const r = parsePages(['Kommunstyrelsen\n§ 1 Val'], { date: '3 maj', noticeDate: '2024-02-30' });
    expect(r.meeting.date).toBe('');
    expect(r.meeting.appeal).toBeUndefined();
    expect(r.warnings.filter((w) => w.code === 'date-unparsed')).toHaveLength(2);
  });
});

describe('isParagraphHeadingLine', () => {
  it.each([
    '§ 94 Information och överläggningar',
    '§94',
    '§ 27 ',
    'KF § 102 DNR: KU.2017.3',
    'Ks 1 Dnr 2012-KS0123',
    '§ 1 Ärendenummer SLK-2024-00062',
  ])('heading: %j', (text) => {
    expect(isParagraphHeadingLine(text)).toBe(true);
  });

  it.each([
    '§§94-98',
    'Peter Norlander (S) §§94-98',
    'Paragrafer §§94-110',
    'Kommunstyrelsen',
    '2024-02-05',
    'Se § 12',
  ])('not a heading: %j', (text) => {
    expect(isParagraphHeadingLine(text)).toBe(false);
  });
});

describe('robustness', () => {
  it('reports everything missing for an empty document, without throwing', () => {
    const r = parseMeetingHeader([], { source: SOURCE });
    expect(r.meeting.id).toBe('okand-okant-organ-okant-datum');
    expect(r.warnings.length).toBeGreaterThan(5);
    for (const w of r.warnings) expect(w.position).toEqual({ page: 1, line: 1 });
  });

  const fragments = fc.constantFrom(
    'Beslutande',
    'Ej tjänstgörande',
    'ersättare',
    'Plats och tid',
    'Paragrafer §§',
    'Utses att justera',
    '(S)',
    '(',
    ')',
    '§§1-',
    'ersätter',
    'kl. 14:00-',
    '2018-04-09',
    'Datum för anslags',
    'uppsättande',
    'nedtagande',
    'Justeringens plats och',
    'tid',
    '   ',
    ' ',
    'Anna Berg',
    'Kommunstyrelsen',
    'Protokoll',
    '…',
    '12',
    '\n',
  );

  it('never throws and gives every warning a position (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fragments, { maxLength: 40 }).map((a) => a.join('')),
          { maxLength: 4 },
        ),
        (pages) => {
          const r = parsePages(pages);
          for (const w of r.warnings) expect(w.position).toBeDefined();
          expect(typeof r.meeting.id).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a notice date whose appeal period ends after 2199 is a warning, not an exception', () => {
    // Found in round 5 of the speed work: appealLastDay throws for a last day outside 1900–2199, and a stated
    // notice date is document content, so a typo (2199 for 2019) must not stop the parse.
    const cover = ['Kommunstyrelsen', 'Protokoll', 'Sammanträdesdatum 2199-12-01', ''];
    const stated = parsePages([[...cover, 'Datum för anslags uppsättande 2199-12-20', '', '§ 1', 'Ärende'].join('\n')]);
    expect(stated.meeting.appeal).toBeUndefined();
    expect(stated.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('notice date 2199-12-20'));
    const supplied = parsePages([[...cover, '§ 1', 'Ärende'].join('\n')], { noticeDate: '2199-12-20' });
    expect(supplied.meeting.appeal).toBeUndefined();
    const ordinary = parsePages([[...cover, '§ 1', 'Ärende'].join('\n')], { noticeDate: '2199-12-01' });
    expect(ordinary.meeting.appeal).toEqual({
      noticeDate: '2199-12-01',
      lastDay: appealLastDay('2199-12-01'),
      basis: 'supplied-notice',
    });
  });

  it('stays linear on long adversarial lines', () => {
    const long = (n: number) =>
      [
        `Beslutande ${'('.repeat(10 * n)}`,
        `Övriga deltagare ${'Anna (S) §§1-2, '.repeat(n)}`,
        `Datum för anslags ${'Datum för anslags '.repeat(n)}`,
        `Plats och tid ${'kl. 1.00, '.repeat(2 * n)}`,
        `Ej tjänstgörande${'   ersätter'.repeat(2 * n)}`,
      ].join('\n');
    expectLinear((n) => {
      const text = long(Math.round(n));
      return () => parsePages([text]);
    }, 5_000 / FACTOR);
  });

  it.each([
    ['one entry wrapped over 50 000 lines', (n: number) => `Beslutande\n${'Anna Berg (S) ersätter\n'.repeat(n)}`],
    ['50 000 continuation lines', (n: number) => `Övriga\n${'deltagare\n'.repeat(n)}`],
    ['50 000 repeated header lines', (n: number) => 'Kommunstyrelsen\n'.repeat(n)],
    ['an unclosed parenthesis on every line', (n: number) => `Beslutande ${'Anna (\n'.repeat(n)}`],
  ])('stays linear on many lines: %s', (_, make) => {
    expectLinear((n) => {
      const text = make(Math.round(n));
      return () => parsePages([text]);
    }, 50_000 / FACTOR);
  });
});
