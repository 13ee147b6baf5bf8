import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { PageText, Protocol } from '../../functions/core/records/types.ts';
import { expectLinear, FACTOR } from '../support/growth.ts';
import { markdownPages } from '../../functions/adapters/markdown-reader.ts';
import { htmlPages } from '../../functions/adapters/html-reader.ts';
import { assessTextLayer } from '../../functions/core/parse/text-layer-quality.ts';

/**
 * The parser is total and linear: arbitrary and adversarial text never throws, and its time grows linearly with the input.
 * The adversarial cases target each stage's patterns (heading lines, dates before "§", name lists, vote phrases,
 * signature words, list markers) with long repetitions that would blow up a backtracking regex.
 */
const source = (pages: number) => ({ fileName: 'x.txt', sha256: '0'.repeat(64), pages, mediaType: 'text/plain' });

function parse(pages: PageText[]): { protocol: Protocol } {
  return { protocol: parseProtocol({ pages, source: source(pages.length) }) };
}

const LINE_PIECES = [
  '§ 12',
  '§12 2024.001 KS',
  'KF § 102 DNR: KU.2017.3',
  'Ks 1 Dnr 2012-KS0001',
  'Beslut',
  'Expedieras till',
  'Beslutsunderlag',
  '• ',
  '1. ',
  'att ',
  'Kommunstyrelsens arbetsutskott har den 20 maj 2026, § 68 behandlat',
  'röstar Ja (7).',
  'Ja för bifall och Nej för avslag.',
  'Ledamot   Ja   Nej   Avstår',
  'Anna A (S)   X',
  'Borttagen på grund av sekretess',
  'Paragrafen förklaras omedelbart justerad',
  'Utdragsbestyrkande',
  '2024-02-05',
  'Protokoll nr 1',
  '',
  'Omröstning',
  'reserverar sig mot beslutet',
  '(',
  ')',
  ':',
  '-',
  'den 1 maj 2020, ',
];

const protocolLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(...LINE_PIECES),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    ),
    {
      maxLength: 200,
    },
  )
  .map((parts) => parts.join('\n'));

describe('parseProtocol never throws', () => {
  it('on arbitrary unicode pages', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 5 }), (texts) => {
        const { protocol } = parse(texts.map((text, i) => ({ number: i + 1, text })));
        expect(protocol.schemaVersion).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('on protocol-shaped noise, and every § keeps its number order', () => {
    fc.assert(
      fc.property(fc.array(protocolLike, { minLength: 1, maxLength: 4 }), (texts) => {
        const { protocol } = parse(texts.map((text, i) => ({ number: i + 1, text })));
        const numbers = protocol.paragraphs.map((p) => Number.parseInt(p.number, 10));
        for (let i = 1; i < numbers.length; i += 1) expect(numbers[i]).toBeGreaterThanOrEqual(numbers[i - 1] ?? 0);
        for (const p of protocol.paragraphs) expect(p.pages[0]).toBeLessThanOrEqual(p.pages[1]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('layout marks and converted text', () => {
  const layout = fc.record({
    x: fc.double({ min: 0, max: 1, noNaN: true }),
    right: fc.double({ min: 0, max: 1, noNaN: true }),
    size: fc.double({ min: 0, max: 3, noNaN: true }),
    emphasis: fc.double({ min: 0, max: 1, noNaN: true }),
    rotated: fc.boolean(),
    gaps: fc.nat(3),
  });

  it('parseProtocol never throws on pages with layout marks (matching or not), and confidences stay in 0..1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(protocolLike, fc.array(layout, { maxLength: 60 })), { minLength: 1, maxLength: 3 }),
        (pages) => {
          const protocol = parseProtocol({
            pages: pages.map(([text], i) => {
              const rows = text.split('\n').length;
              const marks = pages[i]?.[1] ?? [];
              return {
                number: i + 1,
                text,
                layout: Array.from(
                  { length: rows },
                  (_, k) => marks[k % Math.max(1, marks.length)] ?? { x: 0, right: 0, size: 1, emphasis: 0 },
                ),
              };
            }),
            source: { ...source(pages.length), mediaType: 'application/pdf' },
          });
          for (const p of protocol.paragraphs) expect(p.confidence >= 0 && p.confidence <= 1).toBe(true);
          expect(protocol.meeting.confidence >= 0 && protocol.meeting.confidence <= 1).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the Markdown and HTML readers never throw, and give one layout mark per line', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom('', '## ', '**', '|', '<b>', '&', '> ', '- '),
        (text, prefix) => {
          for (const pages of [markdownPages(prefix + text), htmlPages(`<html><body>${prefix}${text}</body></html>`)]) {
            for (const p of pages) expect(p.layout?.length).toBe(p.text.split('\n').length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  const readers: Array<[string, (n: number) => string, (text: string) => unknown, number]> = [
    ['Markdown: bold markers', (n) => '**'.repeat(n), markdownPages, 50_000],
    ['Markdown: pipes', (n) => `|${'a|'.repeat(n)}\n|${'-|'.repeat(n)}`, markdownPages, 20_000],
    ['Markdown: unclosed links', (n) => '[a]('.repeat(n), markdownPages, 20_000],
    ['Markdown: emphasis marks', (n) => '*a_ '.repeat(n), markdownPages, 30_000],
    ['HTML: angle brackets', (n) => `<html>${'<'.repeat(n)}`, htmlPages, 100_000],
    ['HTML: nested bold', (n) => `<html>${'<b>x'.repeat(n)}`, htmlPages, 20_000],
    ['HTML: entities', (n) => `<html>${'&amp;&#'.repeat(n)}`, htmlPages, 30_000],
    ['text layer', (n) => 'at att tt fi '.repeat(n), (t) => assessTextLayer([{ number: 1, text: t }]), 50_000],
  ];
  for (const [name, make, read, large] of readers) {
    it(`stays linear: ${name}`, () => {
      expectLinear((scale) => {
        const text = make(Math.max(1, Math.round(scale)));
        return () => read(text);
      }, large / FACTOR);
    });
  }
});

describe('parseProtocol stays linear on adversarial input (ReDoS)', () => {
  // Each case builds its input at a scale; the check compares the parse time at scale n and FACTOR × n, so the outcome
  // does not depend on how fast or busy the machine is (test/support/growth.ts). The large size is the one these
  // cases always used.
  const cases: Array<[string, (n: number) => string, number]> = [
    ['a long run of letters', (n) => 'a'.repeat(n), 300_000],
    ['a long run of spaces', (n) => ' '.repeat(n), 300_000],
    ['many heading lines', (n) => '§ 1\n'.repeat(n), 30_000],
    [
      'ascending headings',
      (n) => Array.from({ length: n }, (_, i) => `§ ${i + 1} 2024.${i} KS\nBeslut\nText.`).join('\n'),
      5_000,
    ],
    ['section signs without numbers', (n) => '§'.repeat(n), 200_000],
    ['dates before section signs', (n) => 'den 1 maj 2020, § '.repeat(n), 20_000],
    ['body names', (n) => 'Kommunstyrelsens arbetsutskott '.repeat(n), 20_000],
    ['vote phrases', (n) => 'Ja för Ja för Nej för '.repeat(n), 20_000],
    ['name lists', (n) => `Beslut\n${'Anna Andersson (S), '.repeat(n)}reserverar sig mot beslutet.`, 20_000],
    ['roll calls', (n) => `Omröstning\n${'Anna Andersson (S) och '.repeat(n)}röstar Ja (7).`, 20_000],
    ['signature words', (n) => 'Justerandes sign '.repeat(n), 50_000],
    ['list markers', (n) => '1. 2. 3. a) b) • - att '.repeat(n), 20_000],
    ['parentheses', (n) => '('.repeat(n) + ')'.repeat(n), 100_000],
    [
      'a huge table header',
      (n) => `Omröstning\nLedamot${'   Ja   Nej'.repeat(n)}\n${'Anna (S)   X\n'.repeat(n / 4)}`,
      20_000,
    ],
    ['case-number-like text', (n) => `§ 1 ${'SLK-2024-'.repeat(n)}`, 20_000],
    ['digits', (n) => '1'.repeat(n), 300_000],
    // Issue 11: the new heading forms, markers, case-number columns, rules, leader dots and page counters.
    [
      'number-sign headings',
      (n) => Array.from({ length: n }, (_, i) => `${i + 1} § Ärende ${i}\nBeslut\nText.`).join('\n'),
      5_000,
    ],
    ['"Paragraf" headings', (n) => 'Paragraf 1\n'.repeat(n), 30_000],
    ['continuation headers', (n) => 'Forts § 1\n§ 1 forts.\n'.repeat(n), 20_000],
    ['a long genitive before "beslut"', (n) => `${'Kommunstyrelsens '.repeat(n)}beslut`, 20_000],
    ['a long run of words before "beslutar"', (n) => `${'Nämnden och '.repeat(n)}beslutar`, 20_000],
    ['inline labels', (n) => 'Beslut: '.repeat(n), 30_000],
    ['case-number series', (n) => `§ 1   NKBY/${'1/'.repeat(n)}2022`, 20_000],
    ['column gaps on a heading', (n) => `SBN § 38${'   Dnr 2024/1'.repeat(n)}`, 20_000],
    ['rules', (n) => '_'.repeat(n), 200_000],
    ['capitals', (n) => 'BESLUT '.repeat(n), 30_000],
    ['leader dots', (n) => `1 § Titel ${'.'.repeat(n)} 3`, 100_000],
    ['page counters', (n) => Array.from({ length: n }, (_, i) => `${i + 1} (${n})\nText.`).join('\n'), 10_000],
    ['e-signature references', (n) => `Signature reference: ${'0123abcd-'.repeat(n)}`, 20_000],
    [
      'an all-caps marker over two lines',
      (n) => `${'SAMHÄLLSPLANERINGSNÄMNDENS '.repeat(n)}BESLUTSFÖRSLAG TILL\nKOMMUNFULLMÄKTIGE`,
      20_000,
    ],
    ['written redaction markers', (n) => `§ 1\nBeslut\n${'XX *** [maskerat] '.repeat(n)}`, 20_000],
    [
      'list headings running into furniture',
      (n) => `§ 1\nExpedieras till\n${'Justerandes sign\nProtokollet har justerats digitalt\n'.repeat(n)}`,
      10_000,
    ],
    // Attendance lists with boxes, column headings and roles outside parentheses (attendance-marks.ts).
    [
      'ticked boxes in two columns',
      (n) => `Beslutande\nordinarie      ersättare\n${'[X] Ek Anna, ordförande      [ ] Lind Bo\n'.repeat(n)}`,
      10_000,
    ],
    ['a role run on after the party', (n) => `Beslutande Anna Holm (M)${' vice ordförande,'.repeat(n)} Bo`, 20_000],
    ['commas before lower-case words', (n) => `Beslutande Anna Holm${', vice'.repeat(n)}`, 20_000],
    ['substitutes written "för"', (n) => `Tjänstgörande ersättare ${'Anna Ek (S) för   '.repeat(n)}x`, 20_000],
    // Page headers recurring in a text without breaks (virtual-pages.ts), whole and cut short.
    [
      'a recurring opening block',
      (n) => `Protokoll\nKommunstyrelsen\n${'Protokoll\n\n\nKommunstyrelsen\nText\n'.repeat(n)}`,
      20_000,
    ],
    [
      'its first line recurring alone',
      (n) => `Protokoll\nKommunstyrelsen\n${'Protokoll\n\n\nText\n'.repeat(n)}`,
      20_000,
    ],
  ];
  for (const [name, make, large] of cases) {
    it(name, () => {
      expectLinear((scale) => {
        const text = make(Math.max(1, Math.round(scale)));
        return () => parse([{ number: 1, text }]);
      }, large / FACTOR);
    });
  }

  it('layout marks: emphasised, rotated and gapped lines on many pages, with a template prior', () => {
    // The PDF path: every line carries a mark, rotated margin text and holes (black boxes) included; the body's
    // template (heading form, markers, furniture) comes from another protocol, as batch learning passes it.
    const page = (i: number): PageText => {
      const text = `KS § ${i + 1}   Dnr KS 2024/${i}\nTitel ${i}\nKommunstyrelsens beslut\nGodkänns för ${i}.\nSignature reference: 0123abcd-0123-4567-89ab-0123456789ab`;
      const marks = [
        { x: 0.1, right: 0.9, size: 1.2, emphasis: 1 },
        { x: 0.1, right: 0.5, size: 1, emphasis: 1 },
        { x: 0.1, right: 0.4, size: 1, emphasis: 1 },
        { x: 0.1, right: 0.8, size: 1, emphasis: 0, gaps: 2 },
        { x: 0.95, right: 1, size: 0.7, emphasis: 0, rotated: true },
      ];
      return { number: i + 1, text, layout: marks };
    };
    const pdf = (pages: PageText[]) => ({ pages, source: { ...source(pages.length), mediaType: 'application/pdf' } });
    const template = parseProtocol(pdf(Array.from({ length: 20 }, (_, i) => page(i)))).template;
    expect(template?.protocols).toBe(1);
    const twice = template && { ...template, protocols: 2 };
    expectLinear((n) => {
      const input = {
        ...pdf(Array.from({ length: Math.max(1, Math.round(n)) }, (_, i) => page(i))),
        ...(twice ? { template: twice } : {}),
      };
      return () => parseProtocol(input);
    }, 2_000 / FACTOR);
  });

  it('many pages of repeated furniture', () => {
    const pages = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        number: i + 1,
        text: `${i + 1}\nKommunstyrelsen\nProtokoll\n2026-06-01\n§ ${i + 1} 2026.${i} KS\nTitel\nBeslut\nGodkänns.\nUtdragsbestyrkande`,
      }));
    expect(parse(pages(2_000)).protocol.paragraphs.length).toBe(2_000);
    expectLinear((n) => {
      const input = pages(n);
      return () => parse(input);
    }, 2_000 / FACTOR);
  });
});
