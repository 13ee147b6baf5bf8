import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { PageText, Protocol } from '../../functions/core/records/types.ts';

/**
 * The parser is total and linear: arbitrary and adversarial text never throws and always finishes quickly.
 * The adversarial cases target each stage's patterns (heading lines, dates before "§", name lists, vote phrases,
 * signature words, list markers) with long repetitions that would blow up a backtracking regex.
 */
const source = (pages: number) => ({ fileName: 'x.txt', sha256: '0'.repeat(64), pages, mediaType: 'text/plain' });

function parse(pages: PageText[]): { protocol: Protocol; ms: number } {
  const t0 = performance.now();
  const protocol = parseProtocol({ pages, source: source(pages.length) });
  return { protocol, ms: performance.now() - t0 };
}

const LINE_PIECES = [
  '§ 12', '§12 2024.001 KS', 'KF § 102 DNR: KU.2017.3', 'Ks 1 Dnr 2012-KS0001', 'Beslut', 'Expedieras till',
  'Beslutsunderlag', '• ', '1. ', 'att ', 'Kommunstyrelsens arbetsutskott har den 20 maj 2026, § 68 behandlat',
  'röstar Ja (7).', 'Ja för bifall och Nej för avslag.', 'Ledamot   Ja   Nej   Avstår', 'Anna A (S)   X',
  'Borttagen på grund av sekretess', 'Paragrafen förklaras omedelbart justerad', 'Utdragsbestyrkande', '2024-02-05',
  'Protokoll nr 1', '', 'Omröstning', 'reserverar sig mot beslutet', '(', ')', ':', '-', 'den 1 maj 2020, ',
];

const protocolLike = fc
  .array(fc.oneof(fc.constantFrom(...LINE_PIECES), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })), {
    maxLength: 200,
  })
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

describe('parseProtocol is fast on adversarial input (ReDoS)', () => {
  const cases: Array<[string, string]> = [
    ['a long run of letters', 'a'.repeat(300_000)],
    ['a long run of spaces', ' '.repeat(300_000)],
    ['many heading lines', '§ 1\n'.repeat(30_000)],
    ['ascending headings', Array.from({ length: 5_000 }, (_, i) => `§ ${i + 1} 2024.${i} KS\nBeslut\nText.`).join('\n')],
    ['section signs without numbers', '§'.repeat(200_000)],
    ['dates before section signs', 'den 1 maj 2020, § '.repeat(20_000)],
    ['body names', 'Kommunstyrelsens arbetsutskott '.repeat(20_000)],
    ['vote phrases', 'Ja för Ja för Nej för '.repeat(20_000)],
    ['name lists', `Beslut\n${'Anna Andersson (S), '.repeat(20_000)}reserverar sig mot beslutet.`],
    ['roll calls', `Omröstning\n${'Anna Andersson (S) och '.repeat(20_000)}röstar Ja (7).`],
    ['signature words', 'Justerandes sign '.repeat(50_000)],
    ['list markers', '1. 2. 3. a) b) • - att '.repeat(20_000)],
    ['parentheses', '('.repeat(100_000) + ')'.repeat(100_000)],
    ['a huge table header', `Omröstning\nLedamot${'   Ja   Nej'.repeat(20_000)}\n${'Anna (S)   X\n'.repeat(5_000)}`],
    ['case-number-like text', `§ 1 ${'SLK-2024-'.repeat(20_000)}`],
    ['digits', '1'.repeat(300_000)],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const { ms } = parse([{ number: 1, text }]);
      expect(ms).toBeLessThan(5_000);
    });
  }

  it('many pages of repeated furniture', () => {
    const pages = Array.from({ length: 2_000 }, (_, i) => ({
      number: i + 1, text: `${i + 1}\nKommunstyrelsen\nProtokoll\n2026-06-01\n§ ${i + 1} 2026.${i} KS\nTitel\nBeslut\nGodkänns.\nUtdragsbestyrkande`,
    }));
    const { protocol, ms } = parse(pages);
    expect(protocol.paragraphs.length).toBe(2_000);
    expect(ms).toBeLessThan(10_000);
  });
});
