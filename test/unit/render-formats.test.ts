import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { FORMATS, isFormatId } from '../../functions/core/render/formats/index.ts';
import { parquetFormat } from '../../functions/core/render/formats/parquet.ts';
import { paragraphsTable, voteRollTable } from '../../functions/core/render/tables/index.ts';
import type { Row } from '../../functions/core/render/table.ts';
import { collect, collectText, mixedTable } from '../fixtures/render/collect.ts';
import { BASE_URL, meeting, paragraphs } from '../fixtures/render/sample-protocol.ts';

const ctx = { baseUrl: BASE_URL };

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('format registry', () => {
  it('has one entry per published format with its content type and extension', () => {
    expect(Object.fromEntries(Object.values(FORMATS).map((f) => [f.id, [f.contentType, f.extension]]))).toEqual({
      csv: ['text/csv; charset=utf-8; header=present', 'csv'],
      'csv-excel-sv': ['text/csv; charset=utf-8; header=present', 'csv'],
      ndjson: ['application/x-ndjson', 'ndjson'],
      json: ['application/json', 'json'],
      parquet: ['application/vnd.apache.parquet', 'parquet'],
    });
    for (const [key, f] of Object.entries(FORMATS)) expect(f.id).toBe(key);
    expect(isFormatId('parquet')).toBe(true);
    expect(isFormatId('toString')).toBe(false);
  });
});

describe('ndjson', () => {
  it('writes one JSON object per line, columns in table order, lists as arrays, missing as null', async () => {
    const rows = voteRollTable.rows(meeting, paragraphs, ctx);
    const text = await collectText(FORMATS.ndjson.render(voteRollTable, [{ ...rows[2]!, extra: 'dropped' }]));
    expect(text).toBe(
      '{"vote_id":"alingsas-kommunfullmaktige-2024-03-27-41-v1","position":3,"name":"Åsa Öst","party":"S","vote":"no","municipality_code":"1489"}\n',
    );
    const lines = (
      await collectText(FORMATS.ndjson.render(paragraphsTable, paragraphsTable.rows(meeting, paragraphs, ctx)))
    ).split('\n');
    expect(lines.at(-1)).toBe('');
    const first = JSON.parse(lines[0]!);
    expect(first.case_numbers).toEqual(['KS 2023/112', 'BN 2022.45']);
    expect(first.decision).toBe('1. Detaljplanen antas.\n2. Uppdraget avslutas.');
    expect(JSON.parse(lines[2]!).appeal_last_day).toBe('2024-04-24');
  });
});

describe('json', () => {
  it('writes the table as one array of row objects', async () => {
    const rows = paragraphsTable.rows(meeting, paragraphs, ctx);
    const parsed = JSON.parse(await collectText(FORMATS.json.render(paragraphsTable, rows)));
    expect(parsed).toEqual(rows);
    expect(JSON.parse(await collectText(FORMATS.json.render(paragraphsTable, [])))).toEqual([]);
  });
});

describe('parquet', () => {
  const rows: Row[] = [
    { id: 'a', text: 'Åsa "citat"; ny\nrad', items: ['x', 'y'], count: 25, flag: true, day: '2024-02-05' },
    { id: 'b', text: null, items: [], count: null, flag: null, day: null },
    { id: 'c', text: '=1+1', items: ['z'], count: -3, flag: false, day: '1999-12-31' },
  ];

  it('reads back with hyparquet: typed columns, nulls kept, lists joined like CSV', async () => {
    const bytes = await collect(FORMATS.parquet.render(mixedTable, rows));
    const objects = await parquetReadObjects({ file: arrayBuffer(bytes) });
    expect(objects).toEqual([
      {
        id: 'a',
        text: 'Åsa "citat"; ny\nrad',
        items: 'x | y',
        count: 25,
        flag: true,
        day: new Date(Date.UTC(2024, 1, 5)),
      },
      { id: 'b', text: null, items: '', count: null, flag: null, day: null },
      { id: 'c', text: '=1+1', items: 'z', count: -3, flag: false, day: new Date(Date.UTC(1999, 11, 31)) },
    ]);
  });

  it('declares the schema from the table definition', async () => {
    const bytes = await collect(FORMATS.parquet.render(mixedTable, rows));
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.schema.slice(1).map((s) => [s.name, s.type, s.converted_type, s.repetition_type])).toEqual([
      ['id', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['text', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['items', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['count', 'INT32', undefined, 'OPTIONAL'],
      ['flag', 'BOOLEAN', undefined, 'OPTIONAL'],
      ['day', 'INT32', 'DATE', 'OPTIONAL'],
    ]);
  });

  it('writes one row group per rowGroupSize rows and emits bytes before the input is exhausted', async () => {
    let pulled = 0;
    function* many() {
      for (let i = 0; i < 25; i++) {
        pulled++;
        yield { id: `r${i}`, text: 't', items: [], count: i, flag: true, day: null };
      }
    }
    const chunks = parquetFormat({ rowGroupSize: 10 }).render(mixedTable, many());
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(pulled).toBeLessThanOrEqual(11); // one group read, not the whole input
    const rest: Uint8Array[] = [first.value as Uint8Array];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value);
    const bytes = await collect(
      (async function* () {
        yield* rest;
      })(),
    );
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([10, 10, 5]);
    const objects = await parquetReadObjects({ file: arrayBuffer(bytes) });
    expect(objects.map((o) => o.count)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('writes a valid empty file for an empty table', async () => {
    const bytes = await collect(FORMATS.parquet.render(mixedTable, []));
    expect(await parquetReadObjects({ file: arrayBuffer(bytes) })).toEqual([]);
    expect(parquetMetadata(arrayBuffer(bytes)).schema).toHaveLength(7);
  });

  it('renders the real § table', async () => {
    const bytes = await collect(
      FORMATS.parquet.render(paragraphsTable, paragraphsTable.rows(meeting, paragraphs, ctx)),
    );
    const objects = await parquetReadObjects({ file: arrayBuffer(bytes) });
    expect(objects.map((o) => [o.number, o.case_numbers, o.source_page, o.redacted])).toEqual([
      ['41', 'KS 2023/112 | BN 2022.45', 2, false],
      ['42', '', 5, true],
      ['43', '', 6, false],
    ]);
  });
});
