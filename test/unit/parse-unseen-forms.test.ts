import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import type { PageText, Protocol } from '../../functions/core/records/types.ts';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';

/**
 * Forms the corpus lacks, written by hand from what Swedish protocols print (issue 11): each test feeds a small
 * protocol in one template and checks what a reader finds. None of these templates was used to build the parser.
 */
const source = (pages: number, mediaType = 'text/plain') => ({
  fileName: 'x.txt',
  sha256: '0'.repeat(64),
  pages,
  mediaType,
});

function parse(...texts: string[]): Protocol {
  const pages: PageText[] = texts.map((text, i) => ({ number: i + 1, text }));
  return parseProtocol({
    pages,
    source: source(pages.length),
    hints: { municipality: 'Alingsås', date: '2024-03-12' },
  });
}

const byNumber = (p: Protocol, n: string) => p.paragraphs.find((x) => x.number === n);

describe('heading forms', () => {
  it('"Paragraf 12" with the title on the next line', () => {
    const p = parse(
      'Paragraf 12\nVal av justerare\nBeslut\nAnna Ek utses att justera.\n\nParagraf 13\nBudget 2025\nBeslut\nBudgeten antas.',
    );
    expect(p.paragraphs.map((x) => [x.number, x.title, x.decision])).toEqual([
      ['12', 'Val av justerare', 'Anna Ek utses att justera.'],
      ['13', 'Budget 2025', 'Budgeten antas.'],
    ]);
  });

  it('"SBN § 38" with "Dnr 2024/1" in a right-hand column and the title below', () => {
    const p = parse(
      'SBN § 38                         Dnr 2024/1\n\nBygglov för nybyggnad av förskola\n\nBeslut\nBygglov beviljas.\n\nSBN § 39                         Dnr 2024/7\n\nTaxa för tillsyn\n\nBeslut\nTaxan antas.',
    );
    const first = byNumber(p, '38');
    expect(first?.caseNumbers.map((c) => c.normalized)).toEqual(['2024/1']);
    expect(first?.title).toBe('Bygglov för nybyggnad av förskola');
    expect(byNumber(p, '39')?.caseNumbers[0]?.raw).toBe('Dnr 2024/7');
  });

  it('a continuation header ("§ 71 forts.", "Forts. § 71") never opens a § of its own', () => {
    const p = parse(
      '§ 70 Information\nInformation lämnas.\n§ 71 Detaljplan för kv. Eken\nÄrendebeskrivning\nPlanen har varit utställd.',
      '§ 71 forts.\nBeslut\nPlanen antas.\nForts. § 71\nExpedieras till\nSamhällsbyggnadsnämnden\n§ 72 Avslutning\nBeslut\nSammanträdet avslutas.',
    );
    expect(p.paragraphs.map((x) => x.number)).toEqual(['70', '71', '72']);
    expect(byNumber(p, '71')?.decision).toBe('Planen antas.');
    expect(byNumber(p, '71')?.recipients).toEqual(['Samhällsbyggnadsnämnden']);
  });

  it('"16 §" (number before the sign) and a cross-reference "12 § kommunallagen" that is not a heading', () => {
    const p = parse(
      '16 § Årsredovisning 2023\nÄrendebeskrivning\nEnligt 11 kap.\n12 § kommunallagen ska årsredovisningen godkännas.\nBeslut\nÅrsredovisningen godkänns.\n17 § Delegationsordning\nBeslut\nOrdningen antas.',
    );
    expect(p.paragraphs.map((x) => x.number)).toEqual(['16', '17']);
    expect(byNumber(p, '16')?.decision).toBe('Årsredovisningen godkänns.');
  });

  it('a table of contents with leader dots loses to the § themselves', () => {
    const p = parse(
      'Innehåll\n5 § Val av justerare ........ 2\n6 § Budget ........ 3',
      '5 § Val av justerare\nBeslut\nAnna Ek utses.',
      '6 § Budget\nBeslut\nBudgeten antas.',
    );
    expect(p.paragraphs.map((x) => [x.number, x.pages[0]])).toEqual([
      ['5', 2],
      ['6', 3],
    ]);
  });
});

describe('decision markers', () => {
  it('"Nämnden beslutar" and "Kommunstyrelsens beslut" are markers; the proposal before them is not the decision', () => {
    const p = parse(
      '§ 5 Val av ombud\nFörvaltningens förslag\nAnna Ek utses till ombud.\nNämnden beslutar\nBertil Berg utses till ombud.\n' +
        '§ 6 Budget\nFörslag till beslut\nBudgeten antas.\nKommunstyrelsens beslut\nBudgeten antas med ändringen att ramen höjs.',
    );
    expect(byNumber(p, '5')?.decision).toBe('Bertil Berg utses till ombud.');
    expect(byNumber(p, '6')?.decision).toBe('Budgeten antas med ändringen att ramen höjs.');
  });

  it('an all-caps "… BESLUTSFÖRSLAG TILL" / "KOMMUNFULLMÄKTIGE" split over two lines marks the decision and is not the title', () => {
    const p = parse(
      '§ 44   Dnr SBN 2024/12\nÖversiktsplan för Ekby\nSAMHÄLLSBYGGNADSNÄMNDENS BESLUTSFÖRSLAG TILL\nKOMMUNFULLMÄKTIGE\nÖversiktsplanen antas.\n§ 45\nSAMHÄLLSPLANERINGSNÄMNDENS BESLUT\nYttrandet godkänns.',
    );
    const first = byNumber(p, '44');
    expect(first?.title).toBe('Översiktsplan för Ekby');
    expect(first?.decision).toBe('Översiktsplanen antas.');
    expect(first?.sections.find((s) => s.kind === 'decision')?.heading).toBe(
      'SAMHÄLLSBYGGNADSNÄMNDENS BESLUTSFÖRSLAG TILL KOMMUNFULLMÄKTIGE',
    );
    expect(byNumber(p, '45')?.decision).toBe('Yttrandet godkänns.');
    expect(byNumber(p, '45')?.title).toBe('');
  });

  it('"Beslut:" with the decision on the same line, and a title that starts with "Beslut om"', () => {
    const p = parse(
      '§ 3 Beslut om medlemskap i föreningen\nÄrendet\nFöreningen har bjudit in kommunen.\nBeslut: Kommunen ansöker om medlemskap.',
    );
    expect(byNumber(p, '3')?.title).toBe('Beslut om medlemskap i föreningen');
    expect(byNumber(p, '3')?.decision).toBe('Kommunen ansöker om medlemskap.');
  });
});

describe('lists and furniture', () => {
  it('Expedieras till stops at signature boxes, e-signature text and the next heading', () => {
    const p = parse(
      '§ 8 Avgifter\nBeslut\nAvgifterna antas.\nExpedieras till\nEkonomienheten\nKommunstyrelsen\nJusterandes sign\nProtokollsutdrag intygas\n' +
        'Signature reference: 4f1c2b3a-1111-4222-8333-944455556666\nProtokollet har justerats digitalt\n§ 9 Nästa ärende\nBeslut\nGodkänns.',
    );
    expect(byNumber(p, '8')?.recipients).toEqual(['Ekonomienheten', 'Kommunstyrelsen']);
  });

  it('the body from a capitalised page header ("SAMHÄLLSBYGGNADSNÄMNDEN   SAMMANTRÄDESPROTOKOLL")', () => {
    const header = (n: number) =>
      `SAMHÄLLSBYGGNADSNÄMNDEN   SAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2024-03-12   Sida ${n}\n`;
    const p = parse(
      `${header(1)}Plats och tid   Stadshuset kl. 13.00\n`,
      `${header(2)}§ 1 Val av justerare\nBeslut\nAnna Ek utses.`,
      `${header(3)}§ 2 Budget\nBeslut\nAntas.`,
    );
    expect(p.meeting.body).toBe('Samhällsbyggnadsnämnden');
    expect(p.paragraphs.map((x) => x.number)).toEqual(['1', '2']);
  });
});

describe('a protocol of two pages', () => {
  const header = 'SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-03-12\n';
  const first =
    `${header}Plats och tid   Kommunhuset kl. 13.00\n\n§ 1 Revidering av riktlinjer\nBeslut\nRiktlinjerna antas.\n` +
    'Beslutet skickas till\nKommunfullmäktige\nSamhällsbyggnadsförvaltningen\n';

  it('its page header, a block of lines repeated at the top of both pages, does not run into a list', () => {
    const p = parse(
      first,
      `${header}§ 2 Delegationsbeslut\nBeslut\nLäggs till handlingarna.\nBeslutet skickas till\nAkten`,
    );
    expect(byNumber(p, '1')?.recipients).toEqual(['Kommunfullmäktige', 'Samhällsbyggnadsförvaltningen']);
    expect(byNumber(p, '2')?.recipients).toEqual(['Akten']);
    expect(p.meeting.body).toBe('Kommunstyrelsen');
  });

  it('one line that opens both pages by chance stays: two pages prove a block, not a line', () => {
    const p = parse(
      'Kommunstyrelsen\n§ 1 Revidering av riktlinjer\nBeslut\nRiktlinjerna antas.\nBeslutet skickas till\nKommunfullmäktige',
      'Kommunstyrelsen\nSamhällsbyggnadsförvaltningen\n§ 2 Delegationsbeslut\nBeslut\nLäggs till handlingarna.',
    );
    expect(byNumber(p, '1')?.recipients).toEqual([
      'Kommunfullmäktige',
      'Kommunstyrelsen',
      'Samhällsbyggnadsförvaltningen',
    ]);
    expect(p.template?.furniture).toEqual({});
  });
});

describe('a text without page breaks or page counters', () => {
  const header = 'SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-03-12\n';

  it('is cut into pages where the header it opens with recurs as a block, so the header runs into no list', () => {
    const p = parse(
      `${header}Plats och tid   Kommunhuset kl. 13.00\n\n§ 1 Revidering av riktlinjer\nBeslut\nRiktlinjerna antas.\n` +
        `Beslutet skickas till\nKommunfullmäktige\nSamhällsbyggnadsförvaltningen\n\n${header}\n` +
        '§ 2 Delegationsbeslut\nBeslut\nLäggs till handlingarna.\nBeslutet skickas till\nAkten',
    );
    expect(byNumber(p, '1')?.recipients).toEqual(['Kommunfullmäktige', 'Samhällsbyggnadsförvaltningen']);
    expect(byNumber(p, '1')?.pages).toEqual([1, 1]);
    expect(byNumber(p, '2')?.pages).toEqual([2, 2]);
  });

  it('keeps lines it opens with that recur as content (no "protokoll" in them: a list, not a page header)', () => {
    const documents = 'Yrkande från SD den 16 november 2023.\nÅterremissyrkande från M den 10 januari 2024.\n';
    const p = parse(`${documents}\n§ 1 Budget\nBeslut\nAntas.\nBeslutsunderlag\n${documents}`);
    expect(byNumber(p, '1')?.documents).toHaveLength(2);
    expect(byNumber(p, '1')?.pages).toEqual([1, 1]);
  });
});

describe('redaction by written markers', () => {
  it.each([
    'Ansökan från XX om bistånd avslås.',
    'Sökanden *** har beviljats stöd.',
    'Ärendet gäller [maskerat] och hennes barn.',
  ])('%s', (line) => {
    const p = parse(`§ 4 Individärende\nBeslut\n${line}`);
    expect(byNumber(p, '4')?.redacted).toBe(true);
    expect(p.warnings.some((w) => w.code === 'redaction' && w.paragraph === '4')).toBe(true);
  });
  it('an X in a vote table is no marker', () => {
    expect(
      byNumber(parse('§ 4 Val\nOmröstning\nLedamot   Ja   Nej\nAnna Ek (S)   X\nBeslut\nAntas.'), '4')?.redacted,
    ).toBe(false);
  });
});

describe('converted protocols through the document extractor', () => {
  const extractor = createDocumentExtractor();
  const read = async (bytes: Uint8Array) => {
    const doc = await extractor.extract(bytes, 'x');
    return {
      doc,
      protocol: parseProtocol({
        pages: doc.pages,
        source: source(doc.pages.length, doc.mediaType),
        hints: { municipality: 'Alingsås', date: '2024-03-12' },
      }),
    };
  };

  it('Markdown: "## **§ 73**", the title as the next heading, the decision marker in bold', async () => {
    const md =
      '---\ntitle: protokoll\n---\n\n## **§ 73**\n\n## **Revidering av taxa**\n\nDnr KS 2024/88\n\n## **Kommunstyrelsens beslut**\n\n- Taxan revideras.\n\n_Beslutet expedieras till:_ Ekonomienheten\n\n## **§ 74**\n\n## **Information**\n\nInformation lämnas.\n';
    const { doc, protocol } = await read(new TextEncoder().encode(md));
    expect(doc.mediaType).toBe('text/markdown');
    const p = byNumber(protocol, '73');
    expect([p?.title, p?.caseNumbers[0]?.normalized, p?.decision, p?.recipients]).toEqual([
      'Revidering av taxa',
      'KS 2024/88',
      '- Taxan revideras.',
      ['Ekonomienheten'],
    ]);
  });

  it('HTML: headings and table cells, entities decoded', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>Protokoll</title><style>p{}</style></head><body><h2>&sect; 12 Val av ordf&ouml;rande</h2><p>Ärendet avser val.</p><table><tr><td>Kandidat</td><td>Parti</td></tr><tr><td>Anna Ek</td><td>S</td></tr></table><h3>Beslut</h3><p>Anna Ek v&auml;ljs.</p><h2>&sect; 13 Budget</h2><h3>Beslut</h3><p>Budgeten antas.</p></body></html>';
    const { doc, protocol } = await read(new TextEncoder().encode(html));
    expect(doc.mediaType).toBe('text/html');
    expect(protocol.paragraphs.map((x) => [x.number, x.title, x.decision])).toEqual([
      ['12', 'Val av ordförande', 'Anna Ek väljs.'],
      ['13', 'Budget', 'Budgeten antas.'],
    ]);
  });

  it('UTF-16 text with a byte order mark (little and big endian)', async () => {
    const text = '§ 5 Bidrag till föreningen Åsen\nBeslut\nBidrag beviljas med 5 000 kr.';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) le.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    const be = le.map((_b, i) => (i < 2 ? ([0xfe, 0xff][i] as number) : (le[i % 2 === 0 ? i + 1 : i - 1] as number)));
    for (const bytes of [le, be]) {
      const { doc, protocol } = await read(bytes);
      expect(doc.encoding).toMatch(/^utf-16/u);
      expect(protocol.paragraphs[0]?.title).toBe('Bidrag till föreningen Åsen');
    }
  });
});
