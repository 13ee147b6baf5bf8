import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { collectBytes } from '../../functions/core/bytes.ts';
import { exportRecords } from '../../functions/pipeline/publish/export-records.ts';
import {
  concatenateParts,
  headerLength,
  parsePartition,
  partitionParts,
  partitionUnits,
  PartitionError,
} from '../../functions/published/partitions.ts';
import { BASE_URL, currentManifest, ingest, memoryStore, newClock, protocol, publish, sha } from './publish-support.ts';

/**
 * Aggregates (municipality, body, year, all) are the unit parts in order, concatenated with one header; the API,
 * `paragraf export` and the dump must agree byte for byte.
 */
describe('publish: aggregate partitions', () => {
  async function archive() {
    const store = memoryStore();
    const clock = newClock();
    const meetings = [
      ['Annaby', 'Kommunstyrelsen', '2025-02-03', 2],
      ['Annaby', 'Kommunstyrelsen', '2026-02-02', 3],
      ['Testby', 'Kommunfullmäktige', '2026-02-16', 1],
      ['Testby', 'Kommunstyrelsen', '2026-03-02', 4],
      ['Testby', 'Kommunstyrelsen', '2026-01-12', 2],
    ] as const;
    for (const [m, body, date, n] of meetings) {
      await ingest(
        store,
        protocol(
          m,
          body,
          date,
          Array.from({ length: n }, (_, i) => ({ title: `Ärende ${i + 1}, "citat", semikolon; klart` })),
        ),
        clock,
      );
    }
    await publish(store, clock);
    return { store, manifest: await currentManifest(store) };
  }

  it('orders units by municipality, body, year, and selects them per partition', async () => {
    const { store, manifest } = await archive();
    const names = async (id: string) =>
      (await partitionUnits(store, manifest, id)).map((u) => `${u.municipality}/${u.body}/${u.year}`);
    expect(await names('all')).toEqual([
      'annaby/kommunstyrelsen/2025',
      'annaby/kommunstyrelsen/2026',
      'testby/kommunfullmaktige/2026',
      'testby/kommunstyrelsen/2026',
    ]);
    expect(await names('year/2026')).toEqual([
      'annaby/kommunstyrelsen/2026',
      'testby/kommunfullmaktige/2026',
      'testby/kommunstyrelsen/2026',
    ]);
    expect(await names('municipality/testby')).toEqual([
      'testby/kommunfullmaktige/2026',
      'testby/kommunstyrelsen/2026',
    ]);
    expect(await names('body/annaby/kommunstyrelsen')).toEqual([
      'annaby/kommunstyrelsen/2025',
      'annaby/kommunstyrelsen/2026',
    ]);
    expect(() => parsePartition('../records')).toThrow(PartitionError);
  });

  it('concatenates CSV parts with one header: every § once, in order, the size predicted from the parts', async () => {
    const { store, manifest } = await archive();
    const units = await partitionUnits(store, manifest, 'all');
    const { parts, bytes } = partitionParts(units, 'paragraphs.csv');
    const csv = await collectBytes(concatenateParts(store, parts, 'paragraphs.csv'));
    expect(csv.length).toBe(bytes);
    const rows = parse(new TextDecoder().decode(csv), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.paragraph_id)).toEqual([
      'annaby-kommunstyrelsen-2025-02-03-1',
      'annaby-kommunstyrelsen-2025-02-03-2',
      'annaby-kommunstyrelsen-2026-02-02-1',
      'annaby-kommunstyrelsen-2026-02-02-2',
      'annaby-kommunstyrelsen-2026-02-02-3',
      'testby-kommunfullmaktige-2026-02-16-1',
      'testby-kommunstyrelsen-2026-01-12-1',
      'testby-kommunstyrelsen-2026-01-12-2',
      'testby-kommunstyrelsen-2026-03-02-1',
      'testby-kommunstyrelsen-2026-03-02-2',
      'testby-kommunstyrelsen-2026-03-02-3',
      'testby-kommunstyrelsen-2026-03-02-4',
    ]);
    expect(rows[0]!.title).toBe('Ärende 1, "citat", semikolon; klart');
  });

  it('keeps the Excel profile’s BOM once and strips it with the header from later parts', async () => {
    const { store, manifest } = await archive();
    const units = await partitionUnits(store, manifest, 'municipality/testby');
    const { parts, bytes } = partitionParts(units, 'paragraphs-excel-sv.csv');
    const out = await collectBytes(concatenateParts(store, parts, 'paragraphs-excel-sv.csv'));
    expect(out.length).toBe(bytes);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(out);
    expect(text.split('\uFEFF')).toHaveLength(2);
    expect(
      text
        .replace('\uFEFF', '')
        .split('\r\n')
        .filter((l) => l.startsWith('paragraph_id;')),
    ).toHaveLength(1);
    expect(headerLength('paragraphs-excel-sv.csv')).toBe(3 + text.slice(1).indexOf('\r\n') + 2);
  });

  it('gives the same bytes as the export from records and as the dump', async () => {
    const { store, manifest } = await archive();
    for (const name of ['paragraphs.csv', 'votes.csv', 'meetings.csv', 'paragraphs.ndjson']) {
      const { parts } = partitionParts(await partitionUnits(store, manifest, 'all'), name);
      const concatenated = await collectBytes(concatenateParts(store, parts, name));
      const dump = manifest.dump!.files[name]!;
      expect(sha(concatenated), name).toBe(dump.sha256);
      const table = name === 'paragraphs.ndjson' ? 'paragraph-records' : name.replace('.csv', '');
      const format = name.endsWith('.ndjson') ? 'ndjson' : 'csv';
      const exported = await collectBytes(exportRecords(store, { table, format, partition: 'all', baseUrl: BASE_URL }));
      expect(sha(exported), name).toBe(dump.sha256);
    }
  });

  it('refuses to glue a part whose header differs from the first part’s', async () => {
    const { store, manifest } = await archive();
    const { parts } = partitionParts(await partitionUnits(store, manifest, 'all'), 'paragraphs.csv');
    const forged = { ...parts[1]!, path: parts[1]!.path.replace('paragraphs.csv', 'votes.csv') };
    await expect(collectBytes(concatenateParts(store, [parts[0]!, forged], 'paragraphs.csv'))).rejects.toThrow(
      PartitionError,
    );
  });
});
