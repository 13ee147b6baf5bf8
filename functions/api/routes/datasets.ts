import { NotFoundError } from '../errors.ts';
import { CACHE, conditional, validatorsFor } from '../http/conditional.ts';
import { toReadableStream } from '../http/streams.ts';
import { essence, FORMAT_ENTRIES } from '../../core/render/formats/media-types.ts';
import { PARTITION_PATTERN } from '../../published/partitions.ts';
import { PARTITION_FILES } from '../../published/unit-files.ts';
import { ref } from '../schema/components.ts';
import { enumParam, stringParam } from '../request/params.ts';
import { defineRoute } from '../schema/route.ts';
import { sendJson } from './respond.ts';

const PARTITION = PARTITION_PATTERN;
const partitionDescription = 'Partition: all, year/<year>, municipality/<m>, body/<m>/<body>, unit/<m>/<body>/<year>.';

export const listDatasets = defineRoute({
  operationId: 'listDatasets',
  path: '/v1/datasets',
  tag: 'Dataset',
  summary: 'Downloadable files with sizes and checksums',
  description:
    'The published files: datapackage.json and the DCAT-AP-SE catalogue, the whole archive as of its dump, and the ' +
    'partitions (all, per municipality, per year; with `partition`: that one, its bodies and units and the part files ' +
    'with their SHA-256). Aggregates are served as streamed concatenations of their unit files.',
  query: {
    partition: stringParam({
      description: partitionDescription,
      pattern: PARTITION,
      maxLength: 200,
      example: 'municipality/alingsas',
    }),
  },
  pathParams: {},
  response: { description: 'The files.', schema: ref('Datasets') },
  notFound: true,
  async handle({ c, query, snapshot, siteUrl, deps }) {
    const v = validatorsFor(c, snapshot, CACHE.list, 'json');
    const fresh = conditional(c, v);
    if (fresh) return fresh;
    const listing = await snapshot.datasets(siteUrl, query.partition);
    if (!listing) throw new NotFoundError(`no published partition ${query.partition}`);
    return sendJson(c, listing, v, deps.responses);
  },
});

export const downloadPartition = defineRoute({
  operationId: 'downloadPartition',
  path: '/v1/datasets/download',
  tag: 'Dataset',
  summary: 'One file of a partition, streamed',
  description:
    'The concatenation of the partition’s unit files (CSV header once), byte for byte what `paragraf export` writes for the same version.',
  query: {
    partition: stringParam({
      description: partitionDescription,
      pattern: PARTITION,
      maxLength: 200,
      required: true,
      example: 'municipality/alingsas',
    }),
    file: enumParam(
      PARTITION_FILES.filter((f) => !f.endsWith('.parquet')),
      { description: 'The file.', required: true, example: 'paragraphs.csv' },
    ),
  },
  pathParams: {},
  otherMediaTypes: [essence(FORMAT_ENTRIES.csv.contentType), essence(FORMAT_ENTRIES.ndjson.contentType)],
  response: { description: 'The file.', schema: { type: 'string', format: 'binary' } },
  notFound: true,
  async handle({ c, query, snapshot }) {
    const v = validatorsFor(c, snapshot, CACHE.list, 'file');
    const fresh = conditional(c, v);
    if (fresh) return fresh;
    const file = await snapshot.partitionFile(query.partition!, query.file!);
    if (!file) throw new NotFoundError(`partition ${query.partition} has no ${query.file}`);
    c.header('Content-Type', file.mediaType);
    if (file.bytes !== undefined) c.header('Content-Length', String(file.bytes));
    const name = `${query.partition!.replace(/\//gu, '-')}-${query.file}`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(toReadableStream(file.body));
  },
});
