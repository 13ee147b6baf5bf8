/**
 * Attendance lists that tick boxes, head their columns "ordinarie" and "ersättare" and write roles outside
 * parentheses (KTweb-style covers, as Nykarleby's in the corpus, and the "Name (M), ordförande" many templates print).
 * The covers are written for these tests in the style of those templates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkbox,
  isColumnHeading,
  roleAfterComma,
  roleAfterParty,
} from '../../functions/core/parse/meeting/attendance-marks.ts';
import { parseAttendee } from '../../functions/core/parse/meeting/attendees.ts';
import { parseMeetingHeader } from '../../functions/core/parse/meeting/index.ts';
import { toLines } from '../../functions/core/parse/lines.ts';
import type { SourceInfo } from '../../functions/core/records/types.ts';

const SOURCE: SourceInfo = { fileName: 'x.txt', sha256: '0'.repeat(64), pages: 1, mediaType: 'text/plain' };
const header = (text: string) => parseMeetingHeader(toLines([{ number: 1, text }]), { source: SOURCE }).meeting;

describe('a cover that ticks boxes in two columns (ordinarie | ersättare)', () => {
  const cover = [
    'Protokoll                   3/2024',
    '',
    'Organ                       Socialnämnden',
    'Sammanträdestid             12.3.2024 kl. 18.00 – 19.30',
    'Sammanträdesplats           Stadshuset',
    'Ärenden                     20 – 24 §',
    '',
    'Beslutande',
    'ordinarie                                               ersättare',
    '[X] Ek Anna, ordförande                                 [ ] Lind Bo',
    '[ ] Berg Cecilia                                        [X] Holm Dan',
    '[X] Strand Eva, viceordförande (distans)                [ ] Nyström Frida',
    '                                                        [X] Ahl Greta',
    '',
    'Övriga närvarande',
    'Rask Hanna, kanslist, protokollförare',
    '',
    'Elektroniska underskrifter',
    '',
    'Anna Ek                                                 Hanna Rask',
    'ordförande                                              protokollförare',
    '',
    '§ 20 Val av protokolljusterare',
  ].join('\n');
  const { attendance, chair } = header(cover);

  it('lists who was there: ticked boxes only, no box in the name, no column heading as a person', () => {
    expect(attendance.members.map((a) => a.name)).toEqual(['Ek Anna', 'Strand Eva', 'Holm Dan', 'Ahl Greta']);
    expect(attendance.members[0]).toEqual({ name: 'Ek Anna', raw: '[X] Ek Anna, ordförande', role: 'ordförande' });
    expect(attendance.members[1]?.role).toBe('viceordförande, distans');
  });

  it('takes the ticked ersättare as serving substitutes, by column (an empty cell on the left changes nothing)', () => {
    expect(attendance.substitutes.map((a) => a.name)).toEqual(['Holm Dan', 'Ahl Greta']);
  });

  it('reads the chair from "Name, ordförande" and roles after a comma; the e-signature block is no one present', () => {
    expect(chair).toBe('Ek Anna');
    expect(attendance.others).toEqual([
      { name: 'Rask Hanna', raw: 'Rask Hanna, kanslist, protokollförare', role: 'kanslist, protokollförare' },
    ]);
  });
});

describe('a cover with "Närvarande ledamöter", substitutes written "för" and a "BEVIS" block', () => {
  const cover = [
    'Tierps kommun',
    'Kommunfullmäktige',
    'PROTOKOLL',
    '2024-04-22',
    '',
    'Tid och plats            Måndag 22 april 2024 kl. 18.00–20.15, Möbelfabriken',
    'Närvarande ledamöter     Lena Lindqvist (S), ordförande',
    '                         Per Persson (M), 1:e vice ordförande',
    '                         Karin Karlsson (C)',
    'Tjänstgörande ersättare  Maria Månsson (S) för Sven Svensson (S)',
    'Övriga närvarande        Tina Tuvesson, kommunsekreterare',
    'Justerare                Karin Karlsson (C)',
    '',
    'Underskrifter',
    'Ordförande               Lena Lindqvist',
    'Justerare                Karin Karlsson',
    '',
    'BEVIS',
    'Justeringen har tillkännagivits genom anslag',
    '',
    '§ 45 Dnr KS 2024/123',
  ].join('\n');
  const meeting = header(cover);

  it('reads the members under "Närvarande ledamöter", not as part of the place', () => {
    expect(meeting.attendance.members.map((a) => a.name)).toEqual([
      'Lena Lindqvist',
      'Per Persson',
      'Karin Karlsson',
      'Maria Månsson',
    ]);
    expect(meeting.place).not.toContain('Lindqvist');
    expect(meeting.chair).toBe('Lena Lindqvist');
  });

  it('reads "X (S) för Y (S)" as X replacing Y, and "för" before no name as no replacement', () => {
    expect(meeting.attendance.substitutes).toEqual([
      {
        name: 'Maria Månsson',
        raw: 'Maria Månsson (S) för Sven Svensson (S)',
        party: 'S',
        replaces: { name: 'Sven Svensson', party: 'S' },
      },
    ]);
    expect(parseAttendee('Anna Ek (S) för del av § 5').replaces).toBeUndefined();
  });

  it('names each justerare once, and "BEVIS" ends the list', () => {
    expect(meeting.justerare).toEqual(['Karin Karlsson']);
  });
});

describe('roles written outside parentheses', () => {
  it('after the party, with or without a comma, up to a name, a parenthesis or a §', () => {
    expect(parseAttendee('Anna Andersson (M), ordförande')).toMatchObject({
      name: 'Anna Andersson',
      party: 'M',
      role: 'ordförande',
    });
    expect(parseAttendee('Ulla Forsgren (M) 1:e vice ordförande').role).toBe('1:e vice ordförande');
    expect(parseAttendee('Ulla Forsgren (M) ordförande (distans)').role).toBe('ordförande, distans');
    expect(parseAttendee('Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)')).toMatchObject({
      name: 'Irene Jonsson',
      party: 'S',
      replaces: { name: 'Peter Norlander', party: 'S' },
    });
    expect(parseAttendee('Irene Jonsson (S) §§99-110 ersätter Peter Norlander (S)').role).toBeUndefined();
    // A list run together on one line: the next name is no part of the role.
    expect(parseAttendee('Anna Holm (M) ordförande Bo Ek').role).toBe('ordförande');
  });

  it('after a comma in the name, when a lower-case word or an ordinal follows it; a capital stays in the name', () => {
    expect(roleAfterComma('Dan Dahl, kommundirektör')).toEqual({ name: 'Dan Dahl', role: 'kommundirektör' });
    expect(roleAfterComma('Berg Anna, 2:e vice ordförande')).toEqual({
      name: 'Berg Anna',
      role: '2:e vice ordförande',
    });
    expect(roleAfterComma('Andersson, Anna')).toEqual({ name: 'Andersson, Anna', role: undefined });
    expect(roleAfterComma('Grönroos Majvor, SST:s representant').role).toBeUndefined();
    expect(roleAfterParty('(M)', 3)).toBeUndefined();
    expect(roleAfterParty('(M) ersätter Bo Berg', 3)).toBeUndefined();
  });

  it('a role never takes a capitalised word, and the name plus the role keep every letter of the text', () => {
    const word = fc.constantFrom('Anna', 'Berg', 'ordförande', 'vice', '1:e', 'kanslist', 'Ek', 'av');
    const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (name, rest) => {
        const r = roleAfterComma(`${name}, ${rest}`);
        const letters = (s: string) => s.replace(/[^\p{L}\d]/gu, '');
        expect(letters(r.name) + letters(r.role ?? '')).toBe(letters(`${name}${rest}`));
        const after = roleAfterParty(`(M) ${rest}`, 3);
        if (after !== undefined) expect(/(?:^|\s)\p{Lu}/u.test(after)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('boxes and column headings', () => {
  it('reads ticked and empty boxes in their written forms', () => {
    for (const t of ['[X] Ek Anna', '[x] Ek Anna', '☒ Ek Anna', '☑ Ek Anna', '[✓] Ek Anna'])
      expect(checkbox(t), t).toEqual({ box: 'ticked', rest: 'Ek Anna' });
    for (const t of ['[ ] Ek Anna', '[] Ek Anna', '☐ Ek Anna'])
      expect(checkbox(t), t).toEqual({ box: 'empty', rest: 'Ek Anna' });
    expect(checkbox('Ek Anna [X]')).toEqual({ box: undefined, rest: 'Ek Anna [X]' });
  });

  it('knows the column headings and nothing else', () => {
    for (const t of ['ordinarie', 'Ordinarie ledamöter', 'ersättare', 'Tjänstgörande ersättare', 'Ledamöter'])
      expect(isColumnHeading(t), t).toBe(true);
    for (const t of ['Ordinarie Andersson', 'Ersättare för Bo Berg', 'Anna Ek'])
      expect(isColumnHeading(t), t).toBe(false);
  });
});
