import { describe, expect, it } from 'vitest';
import { checkTree, currentManifest, ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';
import { RecordingStore } from '../support/recording-store.ts';

/**
 * Incremental publish: after one new protocol, only that unit's files and the small indexes are written, and only
 * that unit's records are read — whatever else the archive holds.
 */
describe('publish: incremental', () => {
  async function archive() {
    const store = new RecordingStore(memoryStore());
    const clock = newClock();
    for (const [m, body, date] of [
      ['Testby', 'Kommunstyrelsen', '2025-03-03'],
      ['Testby', 'Kommunstyrelsen', '2026-03-02'],
      ['Testby', 'Tekniska nämnden', '2026-03-09'],
      ['Annaby', 'Kommunfullmäktige', '2026-02-16'],
      ['Annaby', 'Kommunstyrelsen', '2026-02-02'],
    ] as const) {
      await ingest(store, protocol(m, body, date, [{}, {}, {}]), clock);
    }
    // No dump on incremental runs: the point here is what a publish costs when the archive is big.
    await publish(store, clock, { autoDumpParagraphs: 0 });
    store.reset();
    return { store, clock };
  }

  it('writes only the touched unit, its meeting file, its municipality index, the feed, metadata, snapshot, the index file, manifest', async () => {
    const { store, clock } = await archive();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-04-13', [{}, {}]), clock);
    store.reset();
    const summary = await publish(store, clock, { autoDumpParagraphs: 0 });

    expect(summary).toMatchObject({ changed: true, dump: 'kept', units: { touched: 1, rebuilt: 1, removed: 0 } });
    const kinds = store.puts
      .filter((key) => !key.startsWith('locks/'))
      .map((key) =>
        key
          .replace(/^public\/units\/testby\/kommunstyrelsen\/2026\/[0-9a-f]{16}\/.+$/u, 'unit folder')
          .replace(
            /^public\/meetings\/testby\/kommunstyrelsen\/2026\/testby-kommunstyrelsen-2026-04-13-[0-9a-f]{16}\.json$/u,
            'new meeting',
          )
          .replace(/^public\/index\/testby\/[0-9a-f]{16}\.json$/u, 'municipality index')
          .replace(/^public\/changes\/000001-[0-9a-f]{16}\.ndjson$/u, 'feed chunk')
          .replace(/^public\/metadata\/[0-9a-f]{16}\/(datapackage\.json|catalog\.rdf)$/u, 'metadata $1')
          .replace(/^public\/snapshots\/2026-11-27-2\/manifest\.json$/u, 'snapshot')
          .replace(/^public\/read-model\/[0-9a-f]{16}\/paragraphs\.idx\.\d{3}$/u, 'index file')
          .replace(
            /^public\/tables\/(paragraphs|votes|vote_roll)\/municipality_id=testby\/year=2026\/kommunstyrelsen\.(parquet|csv)$/u,
            'SQL table copy',
          ),
      );
    expect(new Set(kinds)).toEqual(
      new Set([
        'unit folder',
        'new meeting',
        'municipality index',
        'feed chunk',
        'metadata datapackage.json',
        'metadata catalog.rdf',
        'public/datapackage.json',
        'public/catalog.rdf',
        'public/changes/index.json',
        'snapshot',
        'index file',
        'SQL table copy',
        'public/manifest.json',
      ]),
    );
    expect(kinds.filter((k) => k === 'unit folder')).toHaveLength(20); // 8 tables as CSV and CSV for Excel, Parquet, NDJSON, datapackage, unit.json
    expect(kinds.filter((k) => k === 'SQL table copy')).toHaveLength(3); // paragraphs.parquet, votes.csv, vote_roll.csv
    expect(kinds.filter((k) => k === 'new meeting')).toHaveLength(1); // the first meeting's file is reused
    expect(store.deletes).toEqual([
      expect.stringMatching(/^pending\/.+-testby-kommunstyrelsen-2026-04-13-[0-9a-f]{8}\.json$/u),
    ]);
  });

  it('reads the records of the touched unit only, and no other unit or municipality', async () => {
    const { store, clock } = await archive();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-04-13', [{}, {}]), clock);
    store.reset();
    await publish(store, clock, { autoDumpParagraphs: 0 });
    const records = store.gets.filter((k) => k.startsWith('records/'));
    expect(records.sort()).toEqual([
      'records/testby/kommunstyrelsen/2026/testby-kommunstyrelsen-2026-03-02.json',
      'records/testby/kommunstyrelsen/2026/testby-kommunstyrelsen-2026-04-13.json',
    ]);
    expect(store.lists.filter((p) => p.startsWith('records/'))).toEqual(['records/testby/kommunstyrelsen/2026/']);
    expect(store.gets.filter((k) => k.startsWith('public/index/annaby/'))).toEqual([]);
    expect(
      store.gets.filter((k) => k.startsWith('public/units/') && !k.includes('/testby/kommunstyrelsen/2026/')),
    ).toEqual([]);
  });

  it('keeps every other unit as it was and the whole tree consistent', async () => {
    const { store, clock } = await archive();
    const before = await currentManifest(store);
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-04-13', [{}, {}]), clock);
    await publish(store, clock, { autoDumpParagraphs: 0 });
    const after = await currentManifest(store);
    expect(after.municipalities.annaby).toEqual(before.municipalities.annaby);
    expect(after.municipalities.testby!.index.path).not.toBe(before.municipalities.testby!.index.path);
    expect(after.totals).toMatchObject({ municipalities: 2, units: 5, meetings: 6, paragraphs: 17 });
    expect((await checkTree(store, after)).problems).toEqual([]);
  });
});
