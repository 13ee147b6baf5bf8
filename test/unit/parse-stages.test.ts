import { describe, expect, it } from 'vitest';
import { matchHeadingLine } from '../../functions/core/parse/heading-line.ts';
import { toLines } from '../../functions/core/parse/lines.ts';
import { stripPageFurniture } from '../../functions/core/parse/page-furniture.ts';
import { findParagraphBoundaries } from '../../functions/core/parse/paragraph-boundaries.ts';
import { referencesFrom } from '../../functions/core/parse/fields/references.ts';
import { abbreviates } from '../../functions/core/parse/fields/body-names.ts';
import { extractTitle } from '../../functions/core/parse/title.ts';

const page = (number: number, text: string) => ({ number, text });

describe('heading lines', () => {
  it.each([
    ['§ 95 2026.016 KS', '95', '2026.016 KS'],
    ['§108', '108', ''],
    ['§ 286 Ärendenummer SLK-2024-00067', '286', 'Ärendenummer SLK-2024-00067'],
    ['KF § 102 DNR: KU.2017.3', '102', 'DNR: KU.2017.3'],
    ['§ 162   Diarienummer 00322/2026', '162', 'Diarienummer 00322/2026'],
    ['Ks 1 Dnr 2012-KS0012 Val av justerare', '1', 'Dnr 2012-KS0012 Val av justerare'],
  ])('%s', (line, number, rest) => {
    expect(matchHeadingLine(line)).toMatchObject({ number, rest });
  });
  it.each(['§ 924.', '§ 182, gällande:', 'Ks 1 Val av justerare', '▪ § Under löpande budgetår', 'Enligt 4 kap. § 20'])(
    'rejects %s',
    (line) => expect(matchHeadingLine(line)).toBeUndefined(),
  );
});

describe('page furniture', () => {
  it('removes lines repeated at the top and bottom of most pages, keeps the rest', () => {
    const words = ['Ärendet gäller', 'Nämnden har', 'Text om budget', 'Förslaget innebär'];
    const pages = [1, 2, 3, 4].map((n) => {
      const end = n === 3 ? 'Expedieras till\nKommunstyrelsen\n' : 'Mer text.\n';
      return page(
        n,
        `${n}\nKommunstyrelsen\nProtokoll\n2026-06-01\n${words[n - 1]} sidan ${n}.\n${end}Utdragsbestyrkande`,
      );
    });
    const kept = stripPageFurniture(toLines(pages)).map((l) => l.text);
    expect(kept.filter((t) => t === 'Kommunstyrelsen')).toHaveLength(1);
    expect(kept.filter((t) => /^\d+$/u.test(t))).toEqual([]);
    expect(kept).not.toContain('Protokoll');
    expect(kept).not.toContain('2026-06-01');
    expect(kept).not.toContain('Utdragsbestyrkande');
    expect(kept).toContain('Text om budget sidan 3.');
  });
  it('compares header lines by shape, so numbers that change from page to page do not hide them (KTweb)', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page(
        n,
        `Protokoll   ${38 + n} §   15.09.2022   Sida\nVälfärdsnämnden   ${n}\nNKBY/${400 + n}/00.02.07/2022\n${38 + n} § Ärende ${n}\nText.`,
      ),
    );
    const kept = stripPageFurniture(toLines(pages)).map((l) => l.text);
    expect(kept.filter((t) => t.startsWith('Protokoll') || t.startsWith('Välfärdsnämnden'))).toEqual([]);
    // A case number and a § heading keep their place whatever their shape.
    expect(kept.filter((t) => t.startsWith('NKBY/'))).toHaveLength(4);
    expect(kept.filter((t) => / § Ärende/u.test(t))).toHaveLength(4);
  });
  it('removes rotated margin text, e-signature references and continuation headers', () => {
    const layout = (rotated: boolean) => ({
      x: 0.1,
      right: 0.9,
      size: 1,
      emphasis: 0,
      ...(rotated ? { rotated: true } : {}),
    });
    const text =
      'Forts § 16\nText i paragrafen.\nSignature reference: 3f2a9c1e-8b7d-4e21-9a0b-1c2d3e4f5a6b\nDokumentet är signerat';
    const lines = toLines([{ number: 1, text, layout: [layout(false), layout(false), layout(false), layout(true)] }]);
    expect(stripPageFurniture(lines).map((l) => l.text)).toEqual(['Text i paragrafen.']);
  });
  it('removes a header block that survived inside running text, but not the same word as a recipient', () => {
    const text = [
      'Beslut',
      'Antecknas.',
      '',
      'Kommunstyrelsen',
      '',
      'Yrkanden',
      '',
      'Protokoll nr 1',
      'Sammanträdesdatum: 2024-01-10',
      '',
      'A yrkar bifall.',
      'Kommunstyrelsen',
      '',
      'Reservation',
      '',
      'Protokoll nr 1',
      'Sammanträdesdatum: 2024-01-10',
      'B reserverar sig.',
      'Kommunstyrelsen',
      '',
      'Propositionsordning',
      '',
      'Protokoll nr 1',
      'Sammanträdesdatum: 2024-01-10',
      'Text.',
      'Protokollsutdrag skickas till',
      'Kommunstyrelsen',
      'Stadsledningskontoret',
      'Lorem ipsum dolor sit amet.',
      'Lorem ipsum dolor sit amet.',
      'Lorem ipsum dolor sit amet.',
    ].join('\n');
    const kept = stripPageFurniture(toLines([page(1, text)])).map((l) => l.text);
    expect(kept).not.toContain('Protokoll nr 1');
    expect(kept.filter((t) => t === 'Kommunstyrelsen')).toEqual(['Kommunstyrelsen']);
  });
});

describe('§ boundaries', () => {
  it('skips the table of contents and a list of §§ inside a § (tekniska nämnden § 25)', () => {
    const pages = [
      page(1, '§ 25 Information\n§ 26 Ekonomi\n§ 27 Delegationsordning\n§ 28 Avgifter'),
      page(
        2,
        '§ 25\nInformation och föredragningar\nFöredragningar\n§ 25 Ekonomi\n§ 27 Delegationsordning\n§ 28 Avgifter',
      ),
      page(3, '§ 26 2026.072 TEN\nEkonomi\nBeslut\nGodkänns.'),
      page(4, '§ 27 2025.275 TEN\nDelegationsordning\nBeslut\nGodkänns.'),
      page(5, '§ 28 2026.067 TEN\nAvgifter\nBeslut\nGodkänns.'),
    ];
    const lines = toLines(pages);
    const { boundaries, warnings } = findParagraphBoundaries(lines, { from: '25', to: '28' });
    expect(boundaries.map((b) => [b.match.number, lines[b.index]?.page])).toEqual([
      ['25', 2],
      ['26', 3],
      ['27', 4],
      ['28', 5],
    ]);
    expect(warnings).toEqual([]);
  });
  it('reports a gap in the numbering and a missing end of the printed range', () => {
    const lines = toLines([page(1, '§ 1 2024.1 KS\nA\nBeslut\nX.\n§ 3 2024.2 KS\nB\nBeslut\nY.')]);
    const { warnings } = findParagraphBoundaries(lines, { from: '1', to: '4' });
    expect(warnings.map((w) => [w.code, w.paragraph])).toEqual([
      ['number-gap', '3'],
      ['number-gap', '3'],
    ]);
  });
});

describe('titles', () => {
  it('joins a wrapped title and stops at a short complete one', () => {
    const wrapped = toLines([
      page(1, 'Revidering av Göteborgs Stads riktlinje för\nfamiljehemsvården för barn och unga\nBeslut'),
    ]);
    expect(extractTitle(wrapped, '', 90).title).toBe(
      'Revidering av Göteborgs Stads riktlinje för familjehemsvården för barn och unga',
    );
    const short = toLines([page(1, 'Information och föredragningar\nInformation från förvaltningen\n• Årshjul')]);
    expect(extractTitle(short, '', 95)).toEqual({ title: 'Information och föredragningar', consumed: 1 });
  });
});

describe('references', () => {
  it('reads body, date and number, skips law citations and merges a document line with the prose', () => {
    const refs = referencesFrom([
      'Kommunfullmäktige antog den 6 november 2024, §149, styrmodell. Enligt kommunallagen 4 kap. § 20 har varje ledamot rätt.',
      'Kommunstyrelsens arbetsutskott har den 20 maj 2026, § 68 behandlat ärendet.',
      '• §68 KSAU Fördjupad månadsuppföljning\n• Bilaga: § 174 SBN 2022-10-24 - Framtida VA Bjärke',
    ]);
    expect(refs.map(({ body, date, number }) => [body, date, number])).toEqual([
      ['Kommunfullmäktige', '2024-11-06', '149'],
      ['Kommunstyrelsens arbetsutskott', '2026-05-20', '68'],
      ['SBN', '2022-10-24', '174'],
    ]);
  });
  it.each([
    ['KSAU', 'Kommunstyrelsens arbetsutskott', true],
    ['BUN AU', 'Barn- och ungdomsnämndens arbetsutskott', true],
    ['TEN', 'Tekniska nämnden', true],
    ['SBN', 'samhällsbyggnadsnämnd', true],
    ['KF', 'Kommunstyrelsen', false],
    ['SN', 'Kommunfullmäktige', false],
  ])('%s abbreviates %s: %s', (abbr, name, expected) => {
    expect(abbreviates(abbr, name)).toBe(expected);
  });
});
