import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV, CSV_EXCEL_SV } from '../../functions/core/render/formats/csv.ts';
import { FORMATS } from '../../functions/core/render/formats/index.ts';
import { paragraphsTable } from '../../functions/core/render/tables/index.ts';
import type { Row } from '../../functions/core/render/table.ts';
import { collect, collectText, mixedTable } from '../fixtures/render/collect.ts';
import { BASE_URL, meeting, paragraphs } from '../fixtures/render/sample-protocol.ts';

/** Values that break naive CSV writers or that Excel would evaluate. */
const TRICKY: Row[] = [
  { id: 'quote', text: 'Han sa "nej" och "ja"', items: ['a "b"', 'c'], count: 1, flag: true, day: '2024-02-05' },
  { id: 'semi', text: 'ett; två; tre', items: ['x;y'], count: 0, flag: false, day: null },
  { id: 'comma', text: 'ett, två', items: [], count: null, flag: null, day: null },
  { id: 'lf', text: 'rad ett\nrad två', items: ['a\nb'], count: 2, flag: true, day: null },
  { id: 'crlf', text: 'rad ett\r\nrad två\rrad tre', items: [], count: 3, flag: false, day: null },
  {
    id: 'swedish',
    text: 'Åsa Öst ändrar ärendet på Ön',
    items: ['Byggnadsnämnden', 'Miljö- och hälsoskyddsnämnden'],
    count: 4,
    flag: true,
    day: null,
  },
  { id: 'equals', text: '=HYPERLINK("http://evil","klick")', items: ['=1+1'], count: 5, flag: true, day: null },
  { id: 'plus', text: '+46 31 123 45', items: [], count: -6, flag: true, day: null },
  { id: 'minus-at', text: '-2+3', items: ['@SUM(A1)'], count: 7, flag: true, day: null },
  { id: 'empty', text: '', items: [], count: null, flag: null, day: null },
];

/** What each row should read back as (every value as text; lists joined with " | "). */
function expectedCells(row: Row): string[] {
  return mixedTable.fields.map((f) => {
    const v = row[f.name];
    if (v === null || v === undefined) return '';
    return Array.isArray(v) ? v.join(' | ') : String(v);
  });
}

describe('csv (RFC 4180)', () => {
  it('parses back with an independent reader to exactly the same values, header first', async () => {
    const text = await collectText(CSV.render(mixedTable, TRICKY));
    const records: string[][] = parse(text, { relax_column_count: false });
    expect(records[0]).toEqual(['id', 'text', 'items', 'count', 'flag', 'day']);
    expect(records.slice(1)).toEqual(TRICKY.map(expectedCells));
  });

  it('uses CRLF between records, no BOM, and quotes only where needed', async () => {
    const text = await collectText(
      CSV.render(
        mixedTable,
        TRICKY.filter((r) => !/lf/u.test(String(r.id))),
      ),
    );
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((l) => !l.includes('\n'))).toBe(true);
    expect(lines[1]).toBe('quote,"Han sa ""nej"" och ""ja""","a ""b"" | c",1,true,2024-02-05');
    expect(lines[2]).toBe('semi,ett; två; tre,x;y,0,false,');
    expect(lines[3]).toBe('comma,"ett, två",,,,');
  });

  it('quotes every value that holds a line break, even a bare LF or CR, so line-oriented readers keep the row', async () => {
    const text = await collectText(
      CSV.render(
        mixedTable,
        TRICKY.filter((r) => r.id === 'lf' || r.id === 'crlf'),
      ),
    );
    const [, lf, crlf] = text.split(/\r\n(?=[a-z]+,)/u);
    expect(lf).toBe('lf,"rad ett\nrad två","a\nb",2,true,');
    expect(crlf).toBe('crlf,"rad ett\r\nrad två\rrad tre",,3,false,\r\n');
    // No unquoted line break anywhere: outside quotes, a CR or LF only appears as the CRLF record delimiter.
    let inQuotes = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') inQuotes = !inQuotes;
      else if (!inQuotes && c === '\n') expect(text[i - 1]).toBe('\r');
      else if (!inQuotes && c === '\r') expect(text[i + 1]).toBe('\n');
    }
  });

  it('never alters a value: a leading = or + is kept as is', async () => {
    const records: string[][] = parse(await collectText(CSV.render(mixedTable, TRICKY)));
    expect(records.find((r) => r[0] === 'equals')![1]).toBe('=HYPERLINK("http://evil","klick")');
  });

  it('renders an empty table as just the header', async () => {
    expect(await collectText(CSV.render(mixedTable, []))).toBe('id,text,items,count,flag,day\r\n');
  });
});

describe('csv-excel-sv', () => {
  it('starts with the UTF-8 BOM and uses ; and CRLF', async () => {
    const bytes = await collect(CSV_EXCEL_SV.render(mixedTable, TRICKY.slice(0, 2)));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // strips the BOM
    expect(text.split('\r\n')).toEqual([
      'id;text;items;count;flag;day',
      'quote;"Han sa ""nej"" och ""ja""";"a ""b"" | c";1;true;2024-02-05',
      'semi;"ett; två; tre";"x;y";0;false;',
      '',
    ]);
  });

  it('parses back with ; as delimiter; text that Excel would evaluate gets a leading apostrophe, numbers do not', async () => {
    const text = await collectText(CSV_EXCEL_SV.render(mixedTable, TRICKY));
    const records: string[][] = parse(text, { delimiter: ';', bom: true });
    const byId = new Map(records.slice(1).map((r) => [r[0], r]));
    expect(byId.get('equals')!.slice(1, 3)).toEqual(['\'=HYPERLINK("http://evil","klick")', "'=1+1"]);
    expect(byId.get('plus')!.slice(1, 4)).toEqual(["'+46 31 123 45", '', '-6']);
    expect(byId.get('minus-at')!.slice(1, 3)).toEqual(["'-2+3", "'@SUM(A1)"]);
    for (const row of TRICKY.filter((r) => !['equals', 'plus', 'minus-at'].includes(String(r.id)))) {
      expect(byId.get(String(row.id))).toEqual(expectedCells(row));
    }
  });
});

describe('the § table as CSV', () => {
  it('round-trips the sample protocol (quotes, ; and å/ä/ö in real fields)', async () => {
    const rows = paragraphsTable.rows(meeting, paragraphs, { baseUrl: BASE_URL });
    const records: Array<Record<string, string>> = parse(await collectText(FORMATS.csv.render(paragraphsTable, rows)), {
      columns: true,
    });
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      title: 'Detaljplan för "Norra hamnen"; antagande',
      case_numbers: 'KS 2023/112 | BN 2022.45',
      decision: '1. Detaljplanen antas.\n2. Uppdraget avslutas.',
      recipients: 'Byggnadsnämnden | Lantmäteriet',
      vote_summary: 'Ja 2, Nej 1',
      reservation: 'true',
      municipality: 'Alingsås kommun',
      source_page: '2',
    });
  });

  it('declares the content type with charset and header', () => {
    expect(FORMATS.csv.contentType).toBe('text/csv; charset=utf-8; header=present');
    expect(FORMATS['csv-excel-sv'].contentType).toBe('text/csv; charset=utf-8; header=present');
  });
});
