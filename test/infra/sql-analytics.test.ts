import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BYTES_SCANNED_CUTOFF } from '../../infra/sql-analytics.ts';
import { paragraphsTable } from '../../functions/core/render/tables/index.ts';
import { SQL_MUNICIPALITY_IDS, SQL_TABLES } from '../../functions/published/sql-tables.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

let built: BuiltStack;
let tables: Resource[];

beforeAll(() => {
  built = buildTestStack();
  tables = Object.values(built.template.findResources('AWS::Glue::Table')) as Resource[];
});

/** Fn::Join parts rendered with the data bucket's reference in place: "s3://<Data>/public/tables/…". */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(text).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

describe('Glue tables over the published SQL tables', () => {
  it('has one table per SQL table, in one database, reading only public/tables/<table>/ of the data bucket', () => {
    const databases = Object.values(built.template.findResources('AWS::Glue::Database')) as Resource[];
    expect(databases).toHaveLength(1);
    const name = databases[0]!.Properties.DatabaseInput.Name;
    expect(tables.map((t) => t.Properties.TableInput.Name).sort()).toEqual(SQL_TABLES.map((t) => t.table.name).sort());
    const data = logicalId(built, 'Storage/Data');
    for (const t of tables) {
      expect(t.Properties.DatabaseName).toBe(name);
      expect(text(t.Properties.TableInput.StorageDescriptor.Location)).toBe(
        `s3://<${data}>/public/tables/${t.Properties.TableInput.Name}/`,
      );
    }
  });

  it('projects the partitions (municipality enum, year range) from the path template, so no crawler is needed', () => {
    expect(Object.keys(built.template.findResources('AWS::Glue::Crawler'))).toEqual([]);
    for (const t of tables) {
      const input = t.Properties.TableInput;
      const p = input.Parameters;
      expect(input.PartitionKeys).toEqual([
        expect.objectContaining({ Name: 'municipality_id', Type: 'string' }),
        expect.objectContaining({ Name: 'year', Type: 'int' }),
      ]);
      expect(p['projection.enabled']).toBe('true');
      expect(p['projection.municipality_id.type']).toBe('enum');
      expect(p['projection.municipality_id.values'].split(',')).toEqual([...SQL_MUNICIPALITY_IDS]);
      expect(p['projection.municipality_id.values'].split(',')).toEqual(
        expect.arrayContaining(['goteborg', 'haabo', 'ale', 'ovanaker']),
      );
      expect(p['projection.year.type']).toBe('integer');
      expect(p['projection.year.range']).toMatch(/^\d{4},\d{4}$/u);
      expect(text(p['storage.location.template'])).toMatch(
        new RegExp(`/public/tables/${input.Name}/municipality_id=\\$\\{municipality_id\\}/year=\\$\\{year\\}/$`, 'u'),
      );
    }
  });

  it('types the § table as the Parquet file does and reads the CSV tables with their header skipped', () => {
    const paragraphs = tables.find((t) => t.Properties.TableInput.Name === 'paragraphs')!.Properties.TableInput;
    expect(paragraphs.StorageDescriptor.SerdeInfo.SerializationLibrary).toMatch(/ParquetHiveSerDe$/u);
    const columns = Object.fromEntries(
      paragraphs.StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => [c.Name, c.Type]),
    );
    expect(Object.keys(columns)).toEqual(paragraphsTable.fields.map((f) => f.name));
    expect(columns).toMatchObject({
      paragraph_id: 'string',
      meeting_date: 'date',
      reservation: 'boolean',
      source_page: 'int',
    });
    for (const t of tables.filter((x) => x.Properties.TableInput.Name !== 'paragraphs')) {
      expect(t.Properties.TableInput.StorageDescriptor.SerdeInfo.SerializationLibrary).toMatch(/OpenCSVSerde$/u);
      expect(t.Properties.TableInput.Parameters['skip.header.line.count']).toBe('1');
    }
  });
});

describe('Athena workgroup', () => {
  it('enforces its settings: a bytes-scanned limit per query, encrypted results in its own expiring bucket', () => {
    const groups = Object.values(built.template.findResources('AWS::Athena::WorkGroup')) as Resource[];
    expect(groups).toHaveLength(1);
    const config = groups[0]!.Properties.WorkGroupConfiguration;
    expect(config.EnforceWorkGroupConfiguration).toBe(true);
    expect(config.BytesScannedCutoffPerQuery).toBe(DEFAULT_BYTES_SCANNED_CUTOFF);
    expect(config.ResultConfiguration.EncryptionConfiguration.EncryptionOption).toBe('SSE_S3');
    const results = logicalId(built, 'Sql/Results');
    expect(text(config.ResultConfiguration.OutputLocation)).toBe(`s3://<${results}>/results/`);
    const bucket = built.template.toJSON().Resources[results];
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]),
    );
    expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});
