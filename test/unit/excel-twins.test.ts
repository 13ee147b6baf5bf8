import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../functions/core/render/formats/index.ts';
import type { TableDef } from '../../functions/core/render/table.ts';
import { TABLES } from '../../functions/core/render/tables/index.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { readMunicipalityIndex } from '../../functions/published/public-store.ts';
import { tableFileName } from '../../functions/published/unit-files.ts';
import { collect, collectText } from '../fixtures/render/collect.ts';
import { BASE_URL, meeting, paragraphs } from '../fixtures/render/sample-protocol.ts';
import { currentManifest, ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';

/** A strict reader, as a program or Swedish Excel's import would be: ';', BOM, no relaxed quotes or column counts. */
function strictExcel(bytes: Uint8Array): string[][] {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(
    text
      .replace(/"[^"]*"/gu, '')
      .split('\n')
      .slice(0, -1)
      .every((line) => line.endsWith('\r')),
  ).toBe(true);
  return parse(text, {
    delimiter: ';',
    bom: true,
    relax_quotes: false,
    relax_column_count: false,
    record_delimiter: '\r\n',
  });
}

/** What the Excel twin holds for a plain CSV cell: a formula-like text gets a leading apostrophe. */
function excelCell(table: TableDef, column: number, value: string): string {
  const f = table.fields[column]!;
  if ((f.type === 'string' || f.type === 'list') && /^[=+\-@\t\r]/u.test(value)) return `'${value}`;
  if (f.type === 'number') return value.replace('.', ',');
  return value;
}

describe('a CSV for Swedish Excel beside every table', () => {
  it('holds the same rows as the plain CSV for every table, read by a strict parser with ;', async () => {
    let rows = 0;
    for (const table of TABLES) {
      const data = table.rows(meeting, paragraphs, { baseUrl: BASE_URL });
      const plain: string[][] = parse(await collectText(FORMATS.csv.render(table, data)), {
        relax_column_count: false,
      });
      const excel = strictExcel(await collect(FORMATS['csv-excel-sv'].render(table, data)));
      expect(excel[0], table.name).toEqual(table.fields.map((f) => f.name));
      expect(excel, table.name).toEqual(plain.map((r, i) => (i === 0 ? r : r.map((v, c) => excelCell(table, c, v)))));
      expect(excel.length, `${table.name} has rows in the sample`).toBeGreaterThan(1);
      rows += excel.length - 1;
    }
    expect(rows).toBeGreaterThan(TABLES.length);
  });

  it('writes decimal numbers with a decimal comma', async () => {
    const table: TableDef = {
      name: 'measures',
      title: { sv: 'Mått', en: 'Measures' },
      description: { sv: '', en: '' },
      fields: [
        { name: 'id', type: 'string', description: { sv: '', en: '' } },
        { name: 'share', type: 'number', description: { sv: '', en: '' } },
      ],
      primaryKey: ['id'],
      foreignKeys: [],
      rows: () => [],
    };
    const excel = strictExcel(
      await collect(
        FORMATS['csv-excel-sv'].render(table, [
          { id: 'a', share: 0.25 },
          { id: 'b', share: 12 },
        ]),
      ),
    );
    expect(excel).toEqual([
      ['id', 'share'],
      ['a', '0,25'],
      ['b', '12'],
    ]);
    const plain = await collectText(FORMATS.csv.render(table, [{ id: 'a', share: 0.25 }]));
    expect(plain).toBe('id,share\r\na,0.25\r\n');
  });

  it('is published in every unit folder and described in its datapackage.json with the ; dialect', async () => {
    const store = memoryStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}]), clock);
    await publish(store, clock);
    const manifest = await currentManifest(store);
    const index = await readMunicipalityIndex(store, manifest.municipalities.testby!);
    const unit = Object.values(index.units)[0]!;
    const pkg = JSON.parse(new TextDecoder().decode((await store.get(publicKey(`${unit.dir}datapackage.json`)))!)) as {
      resources: Array<{ path: string; dialect?: { delimiter: string } }>;
    };
    for (const table of TABLES) {
      const name = tableFileName(table.name, 'csv-excel-sv');
      const file = unit.files[name];
      expect(file, name).toBeDefined();
      const rows = strictExcel((await store.get(publicKey(file!.path)))!);
      expect(rows[0]).toEqual(table.fields.map((f) => f.name));
      expect(pkg.resources.find((r) => r.path === name)?.dialect?.delimiter, name).toBe(';');
    }
  });
});
