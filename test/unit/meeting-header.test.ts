/**
 * The meeting header of every corpus protocol. Expected values were read off the source texts by hand
 * (test/fixtures/meeting/*.txt; page/line numbers refer to those texts).
 */
import { describe, expect, it } from 'vitest';
import { parseMeetingHeader } from '../../functions/core/parse/meeting/index.ts';
import type { Attendee, Meeting, ParseHints } from '../../functions/core/records/types.ts';
import { fixtureLines, fixtureSource, fixtureText } from '../fixtures/meeting/load.ts';

function parse(fileName: string, hints?: ParseHints) {
  return parseMeetingHeader(fixtureLines(fileName), { source: fixtureSource(fileName), ...(hints ? { hints } : {}) });
}
const names = (list: Attendee[]) => list.map((a) => a.name);
const missing = (r: { warnings: Array<{ code: string; message: string }> }) =>
  r.warnings.filter((w) => w.code === 'missing-metadata').map((w) => w.message);

describe('Alingsås KS 2026-06-01 (2026 template, two-column cover, substitutes for part of the meeting)', () => {
  const file = 'alingsas-kommunstyrelsen-2026-06-01.txt';
  const { meeting, warnings } = parse(file);

  it('identifies the meeting', () => {
    expect(meeting.id).toBe('alingsas-kommunstyrelsen-2026-06-01');
    expect([meeting.municipality, meeting.body, meeting.date]).toEqual(['Alingsås', 'Kommunstyrelsen', '2026-06-01']);
    expect(meeting.source).toEqual(fixtureSource(file));
  });

  it('reads "Plats och tid" without the ajournering note and the right-column § range', () => {
    expect(meeting.place).toBe('Rådhuset, Alingsås');
    expect(meeting.time).toEqual({ start: '14:00', end: '17:20', raw: 'kl. 14:00-17:20' });
    expect(meeting.paragraphRange).toEqual({ from: '94', to: '110', raw: '§§94-110' });
  });

  it('has 14 members plus 3 serving substitutes as beslutande', () => {
    expect(names(meeting.attendance.members)).toEqual([
      'Jan-Erik Wallin',
      'Anton César',
      'Anita Hedén Unosson',
      'Peter Norlander',
      'Pamela Nilsson Ludvigsson',
      'Anders Julin',
      'Inger Carlborg',
      'Karin Schagerlind',
      'Mats Bjelkemyr',
      'Gunilla Gomér',
      'Heidi Hankanen Ängberg',
      'Lady France Mulumba',
      'Jens Christian Berlin',
      'Janine Alm Ericson',
      'Irene Jonsson',
      'Morgan Fredvi',
      'Martin Lindberg',
    ]);
    expect(meeting.attendance.members[0]).toEqual({
      name: 'Jan-Erik Wallin',
      party: 'M',
      role: 'ordförande',
      raw: 'Jan-Erik Wallin (M) (ordförande)',
    });
    expect(meeting.attendance.members[3]).toMatchObject({
      name: 'Peter Norlander',
      party: 'S',
      paragraphsRaw: '§§94-98',
      paragraphRanges: [[94, 98]],
    });
  });

  it('records whom each serving substitute replaced, and for which §§', () => {
    expect(meeting.attendance.substitutes).toEqual([
      {
        name: 'Irene Jonsson',
        party: 'S',
        paragraphsRaw: '§§99-110',
        paragraphRanges: [[99, 110]],
        replaces: { name: 'Peter Norlander', party: 'S' },
        raw: 'Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)',
      },
      {
        name: 'Morgan Fredvi',
        party: 'S',
        paragraphsRaw: '§§99-110',
        paragraphRanges: [[99, 110]],
        replaces: { name: 'Pamela Nilsson Ludvigsson', party: 'S' },
        raw: 'Morgan Fredvi (S) §§99-110 ersätter Pamela Nilsson Ludvigsson (S)',
      },
      {
        name: 'Martin Lindberg',
        party: 'V',
        replaces: { name: 'Sanna Dabolins', party: 'V' },
        raw: 'Martin Lindberg (V) ersätter Sanna Dabolins (V)',
      },
    ]);
  });

  it('reads "Ej tjänstgörande ersättare" although its label wraps and the names stand in the second column', () => {
    expect(names(meeting.attendance.nonServingSubstitutes)).toEqual([
      'Irene Jonsson',
      'Morgan Fredvi',
      'Oscar Allard',
      'Thomas Thim',
      'Kjerstin Hansson',
      'Ali Said',
      'Adam Jansson',
      'Klas Åkerlund',
      'Lena Eriksson',
    ]);
    expect(meeting.attendance.nonServingSubstitutes[1]).toEqual({
      name: 'Morgan Fredvi',
      party: 'S',
      paragraphsRaw: '§§94-98',
      paragraphRanges: [[94, 98]],
      raw: 'Morgan Fredvi (S) §§94-98',
    });
  });

  it('joins a participant whose parenthesis wraps onto the next line', () => {
    const others = meeting.attendance.others;
    expect(others).toHaveLength(9);
    expect(others[0]).toEqual({
      name: 'Ulrika Månsson',
      role: 'kommunsekreterare',
      raw: 'Ulrika Månsson (kommunsekreterare)',
    });
    expect(others[3]).toEqual({
      name: 'Johan Ekedahl',
      role: 'punkt A, samhällsbyggnadsförvaltningen, enhetschef projektenheten',
      paragraphsRaw: '§94',
      paragraphRanges: [[94, 94]],
      raw: 'Johan Ekedahl (punkt A, samhällsbyggnadsförvaltningen, enhetschef\nprojektenheten) §94',
    });
    expect(others.at(-1)?.name).toBe('Lisa Berdén');
  });

  it('reads justerare, the signature block on page 2, and a remote justering without place or date', () => {
    expect(meeting.justerare).toEqual(['Anton César']);
    expect(meeting.chair).toBe('Jan-Erik Wallin');
    expect(meeting.secretary).toBe('Ulrika Månsson');
    expect(meeting.justering).toEqual({ raw: 'Protokollet justeras på distans.' });
  });

  it('states no notice date, so no appeal deadline is computed', () => {
    expect(meeting.notice.posted).toBeUndefined();
    expect(meeting.notice.removed).toBeUndefined();
    expect(meeting.notice.raw).toBe(
      'Protokollet är justerat. Justeringen har tillkännagivits på Alingsås kommuns digitala anslagstavla.',
    );
    expect(meeting.appeal).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('computes the appeal deadline from a notice date supplied by the caller', () => {
    // 2026-05-29 + 21 = fredag 19 juni 2026, midsommarafton; lördag midsommardagen, söndag → måndag 22 juni.
    const r = parse(file, { noticeDate: '2026-05-29' });
    expect(r.meeting.appeal).toEqual({ noticeDate: '2026-05-29', lastDay: '2026-06-22', basis: 'supplied-notice' });
  });
});

describe('Alingsås KF 2018-03-28 (2018 template, ANSLAG/BEVIS block on page 3)', () => {
  const { meeting, warnings } = parse('alingsas-kommunfullmaktige-2018-03-28.txt');

  it('identifies the meeting from the page header of page 1 (no municipality named there)', () => {
    expect(meeting.id).toBe('alingsas-kommunfullmaktige-2018-03-28');
    expect(meeting.body).toBe('Kommunfullmäktige');
    expect(meeting.place).toBe('Grand Hotel, Alingsås');
    expect(meeting.time).toEqual({ start: '18:00', end: '22:40', raw: 'kl. 18:00-22:40' });
    expect(meeting.paragraphRange).toEqual({ from: '27', to: '68', raw: '§§27-68' });
  });

  it('reads the notice dates from the two-column ANSLAG block', () => {
    expect(meeting.notice.posted).toBe('2018-04-09');
    expect(meeting.notice.removed).toBe('2018-05-01');
    expect(meeting.notice.raw).toContain(
      'Datum för anslags   2018-04-09   Datum för anslags   2018-05-01\nuppsättande   nedtagande',
    );
  });

  it('computes the last day to appeal: 2018-04-09 + 21 days = Monday 2018-04-30', () => {
    expect(meeting.appeal).toEqual({ noticeDate: '2018-04-09', lastDay: '2018-04-30', basis: 'stated-notice' });
  });

  it('reads the justering at Rådhuset on 2018-04-09', () => {
    expect(meeting.justering).toEqual({
      date: '2018-04-09',
      place: 'Rådhuset, Alingsås',
      raw: 'Rådhuset, Alingsås , 2018-04-09 11:00',
    });
    expect(meeting.justerare).toEqual(['Leif Hansson', 'Anita Brodén']);
    expect(meeting.chair).toBe('Kristina Grapenholm');
    expect(meeting.secretary).toBe('Anci Eyoum');
  });

  it('has 41 members and 6 serving substitutes', () => {
    const { members, substitutes, nonServingSubstitutes } = meeting.attendance;
    expect(members).toHaveLength(47);
    expect(names(substitutes)).toEqual([
      'Björn Svennung',
      'Britt Berggren',
      'Billy Westerholm',
      'Gunilla Gomér',
      'Laila Freiholtz',
      'Valter Samuelsson',
    ]);
    expect(substitutes[3]?.replaces).toEqual({ name: 'Therese Erlandsson', party: 'SD' });
    expect(members.find((m) => m.name === 'Novak Vasic')?.paragraphRanges).toEqual([[53, 68]]);
    expect(members.find((m) => m.name === 'Peter Martini')).toMatchObject({ party: 'M', role: 'fd SD' });
    expect(nonServingSubstitutes).toEqual([]);
  });

  it('continues "Övriga deltagare" across the page break, and stops before the table of contents', () => {
    const others = meeting.attendance.others;
    expect(others).toHaveLength(10);
    expect(others[2]).toMatchObject({ name: 'Anita Andersson', party: 'S', role: 'ordförande kommunrevisionen' });
    expect(others[3]).toMatchObject({ name: 'Erik Söderberg', role: 'EY, revisionsbyrå', paragraphsRaw: '§52' });
    expect(others.at(-1)?.name).toBe('Maria Wallmyr');
    expect(warnings).toEqual([]);
  });

  it('keeps the stated notice date over a different one supplied by the caller, and says so', () => {
    const r = parse('alingsas-kommunfullmaktige-2018-03-28.txt', { noticeDate: '2018-04-10' });
    expect(r.meeting.appeal?.noticeDate).toBe('2018-04-09');
    expect(r.warnings.map((w) => w.code)).toEqual(['other']);
  });
});

describe('Alingsås KF 2026-06-10 (one §, place wrapped around the right column)', () => {
  const { meeting, warnings } = parse('alingsas-kommunfullmaktige-2026-06-10.txt');

  it('reads place, time and the single-§ range', () => {
    expect(meeting.place).toBe('Alströmerteatern, Alströmergymnasiet');
    expect(meeting.time).toMatchObject({ start: '18:00', end: '21:30' });
    expect(meeting.paragraphRange).toEqual({ from: '116', to: '116', raw: '§116' });
  });

  it('has 42 members and 7 serving substitutes; the rest of the cover is on page 2', () => {
    expect(meeting.attendance.members).toHaveLength(49);
    expect(meeting.attendance.substitutes.at(-1)).toMatchObject({
      name: 'Johan Fogelberg',
      replaces: { name: 'Ali Said', party: 'C' },
    });
    expect(meeting.attendance.substitutes[4]?.replaces).toEqual({ name: 'Annette Heineman', party: '-' });
    expect(names(meeting.attendance.others)).toEqual(['Ulrika Månsson', 'Maria Standar', 'Cecilia Knutsson']);
    expect(meeting.justerare).toEqual(['Ingbritt Johansson', 'Marcus Wallin']);
    expect([meeting.chair, meeting.secretary]).toEqual(['Linda Espeving', 'Ulrika Månsson']);
    expect(warnings).toEqual([]);
  });
});

describe('Alingsås nämnder 2026', () => {
  it('BUN 2026-05-26: body wrapped in the page header, Paragrafer after a single space', () => {
    const { meeting, warnings } = parse('alingsas-barn-och-ungdomsnamnden-2026-05-26.txt');
    expect(meeting.id).toBe('alingsas-barn-och-ungdomsnamnden-2026-05-26');
    expect(meeting.body).toBe('Barn- och ungdomsnämnden');
    expect(meeting.place).toBe('Nolhaga slott');
    expect(meeting.paragraphRange?.raw).toBe('§§32-40');
    expect(meeting.attendance.members).toHaveLength(13);
    expect(meeting.attendance.substitutes).toEqual([
      {
        name: 'Ibadete Olluri',
        party: 'V',
        replaces: { name: 'Börje Olsson', party: 'V' },
        raw: 'Ibadete Olluri (V) ersätter Börje Olsson (V)',
      },
    ]);
    expect(names(meeting.attendance.nonServingSubstitutes)).toEqual([
      'Jenny Helgesson',
      'Jenny Trumstedt',
      'Irene Lidvall Gullersby',
      'Katarina Berg',
    ]);
    expect(meeting.attendance.others).toHaveLength(6);
    expect(meeting.justerare).toEqual(['Camilla Stensson']);
    expect([meeting.chair, meeting.secretary]).toEqual(['Thomas Thim', 'Karin Berg']);
    expect(warnings).toEqual([]);
  });

  it('SN 2026-06-16: a substitute for §§38-39 who is a non-serving substitute for §§34-37', () => {
    const { meeting, warnings } = parse('alingsas-socialnamnden-2026-06-16.txt');
    expect(meeting.id).toBe('alingsas-socialnamnden-2026-06-16');
    expect(meeting.place).toBe('Socialförvaltningen, Alingsås');
    expect(meeting.attendance.members).toHaveLength(14);
    expect(meeting.attendance.substitutes[0]).toMatchObject({
      name: 'Anneli Berglund',
      paragraphRanges: [[38, 39]],
      replaces: { name: 'Luzaan Eisa', party: 'S' },
    });
    expect(meeting.attendance.nonServingSubstitutes[0]).toMatchObject({
      name: 'Anneli Berglund',
      paragraphRanges: [[34, 37]],
    });
    expect(meeting.attendance.nonServingSubstitutes).toHaveLength(3);
    expect(meeting.attendance.others).toHaveLength(8);
    expect(meeting.attendance.others[3]).toMatchObject({ name: 'Jesper Nicoletti', paragraphRanges: [[35, 36]] });
    expect([meeting.chair, meeting.secretary, meeting.justerare]).toEqual([
      'Kent Perciwall',
      'Anna Bräck Werner',
      ['Leif Hansson'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('TN 2026-05-18: chaired by the vice ordförande; a substitute for a vacant seat', () => {
    const { meeting, warnings } = parse('alingsas-tekniska-namnden-2026-05-18.txt');
    expect(meeting.id).toBe('alingsas-tekniska-namnden-2026-05-18');
    expect(meeting.place).toBe('Skräddaren');
    expect(meeting.chair).toBe('Lars-Ivan Gustafsson');
    expect(meeting.attendance.members).toHaveLength(9);
    expect(meeting.attendance.substitutes.map((s) => [s.name, s.replaces?.name])).toEqual([
      ['Martin Pehrsson', 'Boris Jernskiegg'],
      ['Roger Andersson', 'Andreas Idén'],
      ['Roland Alm', 'Ingela Andreen'],
      ['Ulla Dalén', undefined],
    ]);
    expect(meeting.attendance.substitutes[3]?.role).toBe('Ersätter tom (V)-plats');
    expect(meeting.attendance.others).toHaveLength(12);
    expect(meeting.attendance.others[10]).toMatchObject({ name: '4 PRAO-elever åk. 8', paragraphsRaw: '§25' });
    expect(warnings).toEqual([]);
  });
});

describe('texts with little or no cover page', () => {
  it.each([
    ['goteborg-kommunstyrelsen-2024-01-10.txt', '2024-01-10'],
    ['goteborg-kommunstyrelsen-2024-01-24.txt', '2024-01-24'],
    ['goteborg-kommunstyrelsen-2024-02-07.txt', '2024-02-07'],
  ])(
    'Göteborg %s: municipality, body and date from the four-line header; the rest is reported missing',
    (file, date) => {
      const r = parse(file);
      expect(r.meeting.id).toBe(`goteborg-kommunstyrelsen-${date}`);
      expect([r.meeting.municipality, r.meeting.body, r.meeting.date]).toEqual(['Göteborg', 'Kommunstyrelsen', date]);
      expect(r.meeting.attendance.members).toEqual([]);
      expect(missing(r)).toEqual(
        [
          'place',
          'time',
          'members (Beslutande)',
          'justerare (Utses att justera)',
          'chair (Ordförande)',
          'secretary (Sekreterare)',
          'justering (Justeringens plats och tid)',
          'paragraph range (Paragrafer)',
        ].map((field) => `No ${field} found in the front matter`),
      );
      for (const w of r.warnings) expect(w.position).toEqual({ page: 1, line: 1 });
    },
  );

  it('the Alingsås seed states only the date; body and municipality come from hints', () => {
    const bare = parse('alingsas-kommunstyrelsen-2024-02-05-p28.txt');
    expect(bare.meeting.date).toBe('2024-02-05');
    expect(missing(bare)).toEqual(
      expect.arrayContaining(['No municipality found in the front matter', 'No body found in the front matter']),
    );
    const hinted = parse('alingsas-kommunstyrelsen-2024-02-05-p28.txt', {
      municipality: 'alingsas',
      body: 'Kommunstyrelsen',
    });
    expect(hinted.meeting.id).toBe('alingsas-kommunstyrelsen-2024-02-05');
    expect(hinted.meeting.municipality).toBe('Alingsås');
    expect(missing(hinted).some((m) => m.includes('municipality') || m.includes('body'))).toBe(false);
  });
});

const CORPUS = [
  'alingsas-barn-och-ungdomsnamnden-2026-05-26.txt',
  'alingsas-kommunfullmaktige-2018-03-28.txt',
  'alingsas-kommunfullmaktige-2026-06-10.txt',
  'alingsas-kommunstyrelsen-2024-02-05-p28.txt',
  'alingsas-kommunstyrelsen-2026-06-01.txt',
  'alingsas-socialnamnden-2026-06-16.txt',
  'alingsas-tekniska-namnden-2026-05-18.txt',
  'goteborg-kommunstyrelsen-2024-01-10.txt',
  'goteborg-kommunstyrelsen-2024-01-24.txt',
  'goteborg-kommunstyrelsen-2024-02-07.txt',
];

/** Every text value of the meeting except the computed/normalised ones (id, ISO dates and times, source). */
function textValues(m: Meeting): string[] {
  const people = Object.values(m.attendance).flat();
  return [
    m.municipality,
    m.body,
    m.place,
    m.time?.raw,
    m.chair,
    m.secretary,
    ...m.justerare,
    m.justering.place,
    m.justering.raw,
    m.notice.raw,
    m.paragraphRange?.raw,
    ...people.flatMap((p) => [p.name, p.party, p.role, p.paragraphsRaw, p.raw, p.replaces?.name, p.replaces?.party]),
  ].filter((v): v is string => v !== undefined && v !== '');
}

describe('no invented text', () => {
  it.each(CORPUS)('%s: every word of every value occurs in the source', (file) => {
    const source = fixtureText(file);
    const { meeting } = parse(file);
    for (const value of textValues(meeting)) {
      for (const word of value.split(/\s+/u).filter(Boolean))
        expect(source, `${word} (in ${value})`).toContain(word.replace(/,$/u, ''));
    }
  });
});
