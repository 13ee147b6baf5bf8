/**
 * SQL over the published data with Athena (docs/sql.md): a Glue database with one table per SQL table of
 * functions/published/sql-tables.ts over the data bucket's public/tables/, partitioned by municipality and year with
 * partition projection (the partitions are computed from the table's parameters, so no crawler runs and a new
 * municipality or year is queryable at once), and an Athena workgroup that keeps its results in its own bucket, for
 * a limited time, and stops any query that would scan more than a set number of bytes.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { FieldDef } from '../functions/core/render/table.ts';
import { publicKey } from '../functions/published/paths.ts';
import {
  SQL_MUNICIPALITY_IDS,
  SQL_PARTITION_KEYS,
  SQL_TABLES,
  sqlTableDir,
  type SqlTable,
} from '../functions/published/sql-tables.ts';
import { privateBucketDefaults } from './storage.ts';

/** 10 GB: the whole national archive's § table is well under 1 GB of Parquet, so only a runaway query meets it. */
export const DEFAULT_BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;
/** Meeting years the projection covers; a year outside is simply not found. */
export const SQL_YEARS = { first: 2000, last: 2050 } as const;
const RESULT_DAYS = 30;

export interface SqlAnalyticsProps {
  dataBucket: s3.IBucket;
  logBucket: s3.IBucket;
  bytesScannedCutoffPerQuery?: number;
}

export class SqlAnalytics extends Construct {
  readonly database: glue.CfnDatabase;
  readonly databaseName: string;
  readonly tables: glue.CfnTable[];
  readonly workGroup: athena.CfnWorkGroup;
  readonly resultsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SqlAnalyticsProps) {
    super(scope, id);
    // Glue names: lower case, digits and underscores; one database per stack.
    this.databaseName = `paragraf_${Stack.of(this)
      .stackName.toLowerCase()
      .replace(/[^a-z0-9]+/gu, '_')}`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: this.databaseName,
        description: 'Paragraf: every published § of the council protocols (CC0). See docs/sql.md.',
      },
    });
    this.tables = SQL_TABLES.map((t) => this.table(t, props.dataBucket));

    this.resultsBucket = new s3.Bucket(this, 'Results', {
      ...privateBucketDefaults(),
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/athena-results/',
      lifecycleRules: [
        {
          id: 'expire-query-results',
          expiration: Duration.days(RESULT_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.databaseName.replace(/_/gu, '-'),
      description: 'Queries over the published Paragraf tables, with a per-query scan limit',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  private table(t: SqlTable, dataBucket: s3.IBucket): glue.CfnTable {
    const location = `s3://${dataBucket.bucketName}/${publicKey(sqlTableDir(t))}`;
    const parquet = t.format === 'parquet';
    const table = new glue.CfnTable(this, `Table-${t.table.name}`, {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.databaseName,
      tableInput: {
        name: t.table.name,
        description: t.table.description.en,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: SQL_PARTITION_KEYS[0], type: 'string', comment: 'Municipality id, e.g. goteborg' },
          { name: SQL_PARTITION_KEYS[1], type: 'int', comment: 'Year of the meeting' },
        ],
        parameters: {
          classification: t.format,
          ...(parquet ? {} : { 'skip.header.line.count': '1' }),
          'projection.enabled': 'true',
          [`projection.${SQL_PARTITION_KEYS[0]}.type`]: 'enum',
          [`projection.${SQL_PARTITION_KEYS[0]}.values`]: SQL_MUNICIPALITY_IDS.join(','),
          [`projection.${SQL_PARTITION_KEYS[1]}.type`]: 'integer',
          [`projection.${SQL_PARTITION_KEYS[1]}.range`]: `${SQL_YEARS.first},${SQL_YEARS.last}`,
          'storage.location.template': `${location}${SQL_PARTITION_KEYS.map((k) => `${k}=\${${k}}`).join('/')}/`,
        },
        storageDescriptor: {
          location,
          columns: t.table.fields.map((f) => ({
            name: f.name,
            type: parquet ? glueType(f) : 'string',
            comment: f.description.en.slice(0, 255),
          })),
          ...(parquet
            ? {
                inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
                outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
                serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
              }
            : {
                inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
                outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
                serdeInfo: {
                  serializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
                  parameters: { separatorChar: ',', quoteChar: '"', escapeChar: '\\' },
                },
              }),
        },
      },
    });
    table.node.addDependency(this.database);
    return table;
  }
}

/** The Hive type of a column as the Parquet renderer writes it (core/render/formats/parquet.ts). */
function glueType(f: FieldDef): string {
  switch (f.type) {
    case 'integer':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp';
    default:
      return 'string';
  }
}
