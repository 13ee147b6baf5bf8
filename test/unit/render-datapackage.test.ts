import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildDataPackage,
  DataPackageError,
  type DataPackageResourceInput,
} from '../../functions/core/render/datapackage.ts';
import { FORMATS } from '../../functions/core/render/formats/index.ts';
import { meetingsTable, paragraphsTable, TABLES, votesTable } from '../../functions/core/render/tables/index.ts';
import { collect } from '../fixtures/render/collect.ts';
import { BASE_URL, meeting, paragraphs } from '../fixtures/render/sample-protocol.ts';

const base = {
  title: { sv: 'Paragraf – kommunala protokoll', en: 'Paragraf – municipal minutes' },
  description: { sv: 'Varje paragraf i kommunala protokoll.', en: 'Every paragraph of municipal minutes.' },
  sources: [{ title: 'Alingsås kommun, protokoll', path: 'https://www.alingsas.se/' }],
  created: '2024-04-05T10:00:00Z',
  version: '2024.04.05',
};

type Obj = Record<string, any>;

describe('buildDataPackage', () => {
  const resources: DataPackageResourceInput[] = [
    ...TABLES.map((table) => ({
      path: `${table.name}.csv`,
      table,
      format: 'csv' as const,
      bytes: 10,
      sha256: 'c'.repeat(64),
    })),
    {
      path: 'paragraphs-excel-sv.csv',
      table: paragraphsTable,
      format: 'csv-excel-sv',
      bytes: 11,
      sha256: 'd'.repeat(64),
    },
    { path: 'paragraphs.parquet', table: paragraphsTable, format: 'parquet', bytes: 12, sha256: 'e'.repeat(64) },
    {
      path: 'paragraphs.ndjson',
      format: 'ndjson',
      bytes: 13,
      sha256: 'f'.repeat(64),
      description: { sv: 'Fullständiga paragrafposter.', en: 'Full paragraph records.' },
    },
  ];
  const pkg = buildDataPackage({ ...base, resources }) as Obj;
  const byName = new Map<string, Obj>(pkg.resources.map((r: Obj) => [r.name, r]));

  it('is a v2 package with the exact CC0 licence, sources, created and version', () => {
    expect(pkg.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expect(pkg.name).toBe('paragraf');
    expect(pkg.licenses).toEqual([
      {
        name: 'CC0-1.0',
        path: 'http://creativecommons.org/publicdomain/zero/1.0/',
        title: 'Creative Commons Zero v1.0 Universal',
      },
    ]);
    expect(pkg.sources).toEqual([{ title: 'Alingsås kommun, protokoll', path: 'https://www.alingsas.se/' }]);
    expect(pkg.created).toBe('2024-04-05T10:00:00Z');
    expect(pkg.version).toBe('2024.04.05');
    expect(pkg.title).toBe('Paragraf – kommunala protokoll / Paragraf – municipal minutes');
    expect(pkg.description).toBe('Varje paragraf i kommunala protokoll.\n\nEvery paragraph of municipal minutes.');
  });

  it('names resources uniquely: plain CSV by table, other formats with a suffix, other files by path', () => {
    expect([...byName.keys()]).toEqual([
      ...TABLES.map((t) => t.name),
      'paragraphs-csv-excel-sv',
      'paragraphs-parquet',
      'paragraphs.ndjson',
    ]);
  });

  it('describes each file: path, format, media type, encoding, hash, bytes; a dialect only for the ; profile', () => {
    expect(byName.get('paragraphs')).toMatchObject({
      type: 'table',
      path: 'paragraphs.csv',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      hash: `sha256:${'c'.repeat(64)}`,
      bytes: 10,
    });
    expect(byName.get('paragraphs')!.dialect).toBeUndefined();
    expect(byName.get('paragraphs-csv-excel-sv')).toMatchObject({
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ';', lineTerminator: '\r\n', header: true },
    });
    const parquet = byName.get('paragraphs-parquet')!;
    expect(parquet).toMatchObject({ format: 'parquet', mediatype: 'application/vnd.apache.parquet', bytes: 12 });
    expect(parquet.encoding).toBeUndefined();
    const ndjson = byName.get('paragraphs.ndjson')!;
    expect(ndjson).toMatchObject({
      format: 'ndjson',
      mediatype: 'application/x-ndjson',
      description: 'Fullständiga paragrafposter.\n\nFull paragraph records.',
    });
    expect(ndjson.schema).toBeUndefined();
    expect(ndjson.type).toBeUndefined();
  });

  it('gives each table a schema: typed, bilingual fields, list delimiter, primary and foreign keys', () => {
    const schema = byName.get('paragraphs')!.schema;
    expect(schema.fields.map((f: Obj) => f.name)).toEqual(paragraphsTable.fields.map((f) => f.name));
    expect(schema.fields.find((f: Obj) => f.name === 'meeting_date')).toEqual({
      name: 'meeting_date',
      type: 'date',
      description: 'Sammanträdesdag.\n\nDate of the meeting.',
    });
    expect(schema.fields.find((f: Obj) => f.name === 'case_numbers')).toMatchObject({
      type: 'list',
      itemType: 'string',
      delimiter: ' | ',
    });
    expect(schema.fields.find((f: Obj) => f.name === 'permalink')).toMatchObject({ type: 'string', format: 'uri' });
    expect(schema.primaryKey).toEqual(['paragraph_id']);
    expect(schema.foreignKeys).toEqual([
      { fields: ['meeting_id'], reference: { resource: 'meetings', fields: ['meeting_id'] } },
    ]);
    expect(byName.get('vote_roll')!.schema.foreignKeys).toEqual([
      { fields: ['vote_id'], reference: { resource: 'votes', fields: ['vote_id'] } },
    ]);
    // The Parquet copy of paragraphs has no Parquet meetings: its key points at the CSV meetings.
    expect(byName.get('paragraphs-parquet')!.schema.foreignKeys[0].reference.resource).toBe('meetings');
  });

  it('leaves out a foreign key whose table is not in the package', () => {
    const only = buildDataPackage({
      ...base,
      resources: [{ path: 'votes.csv', table: votesTable, format: 'csv' }],
    }) as Obj;
    expect(only.resources[0].schema.foreignKeys).toEqual([]);
  });

  it('rejects two resources with the same name', () => {
    const twice = [meetingsTable, meetingsTable].map((table) => ({
      path: `${table.name}.csv`,
      table,
      format: 'csv' as const,
    }));
    expect(() => buildDataPackage({ ...base, resources: twice })).toThrow(DataPackageError);
  });

  it('carries the real hash and size of a rendered file', async () => {
    const bytes = await collect(
      FORMATS.csv.render(meetingsTable, meetingsTable.rows(meeting, paragraphs, { baseUrl: BASE_URL })),
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const one = buildDataPackage({
      ...base,
      resources: [{ path: 'meetings.csv', table: meetingsTable, format: 'csv', bytes: bytes.length, sha256 }],
    }) as Obj;
    expect(one.resources[0].hash).toBe(`sha256:${sha256}`);
    expect(one.resources[0].bytes).toBe(bytes.length);
    expect(JSON.parse(JSON.stringify(one))).toEqual(one); // plain JSON, nothing undefined
  });
});
