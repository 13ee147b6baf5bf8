import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { DATAPACKAGE_PROFILE } from '../../functions/core/render/datapackage.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { readMunicipalityIndex } from '../../functions/published/public-store.ts';
import { BASE_URL, currentManifest, ingest, memoryStore, newClock, protocol, publish, sha } from './publish-support.ts';

const DATASETS = `${BASE_URL}/datasets/`;

/** datapackage.json (Frictionless v2) and catalog.rdf (DCAT-AP-SE) describe the published files exactly. */
describe('publish: package metadata', () => {
  async function archive(extra = {}) {
    const store = memoryStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02', [{}, {}, {}]), clock);
    await ingest(store, protocol('Testby', 'Tekniska nämnden', '2026-03-09', [{}]), clock);
    await publish(store, clock, extra);
    return { store, manifest: await currentManifest(store) };
  }

  async function json(store: ReturnType<typeof memoryStore>, key: string) {
    return JSON.parse(new TextDecoder().decode((await store.get(key))!)) as Record<string, unknown>;
  }

  /** The bytes behind a datasets URL, from the store. */
  async function fetched(store: ReturnType<typeof memoryStore>, url: string) {
    expect(url.startsWith(DATASETS), url).toBe(true);
    return (await store.get(publicKey(url.slice(DATASETS.length))))!;
  }

  it('root datapackage.json lists every dump file by absolute URL with its true size and sha256', async () => {
    const { store, manifest } = await archive();
    const pkg = await json(store, 'public/datapackage.json');
    expect(pkg).toMatchObject({
      $schema: DATAPACKAGE_PROFILE,
      name: 'paragraf',
      licenses: [{ path: 'http://creativecommons.org/publicdomain/zero/1.0/' }],
    });
    // SemVer (semver.org's grammar for a release without pre-release or build parts).
    expect(pkg.version).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/u);
    const resources = pkg.resources as Array<{
      name: string;
      path: string;
      bytes: number;
      hash: string;
      schema?: unknown;
    }>;
    expect(resources.map((r) => r.name).sort()).toEqual([
      'attendance',
      'attendance-csv-excel-sv',
      'decision_items',
      'decision_items-csv-excel-sv',
      'documents',
      'documents-csv-excel-sv',
      'meetings',
      'meetings-csv-excel-sv',
      'paragraph-records',
      'paragraphs',
      'paragraphs-csv-excel-sv',
      'paragraphs-parquet',
      'references',
      'references-csv-excel-sv',
      'vote_roll',
      'vote_roll-csv-excel-sv',
      'votes',
      'votes-csv-excel-sv',
    ]);
    for (const r of resources) {
      const bytes = await fetched(store, r.path);
      expect([r.name, bytes.length, `sha256:${sha(bytes)}`]).toEqual([r.name, r.bytes, r.hash]);
    }
    expect(await store.get('public/datapackage.json')).toEqual(
      await store.get(publicKey(manifest.metadata.datapackage!.path)),
    );
  });

  it('each unit folder has a datapackage.json describing all its files, schemas shared by URL', async () => {
    const { store, manifest } = await archive();
    const index = await readMunicipalityIndex(store, manifest.municipalities.testby!);
    const unit = index.units['kommunstyrelsen/2026']!;
    const pkg = await json(store, publicKey(`${unit.dir}datapackage.json`));
    const resources = pkg.resources as Array<{
      name: string;
      path: string;
      bytes: number;
      hash: string;
      schema?: string;
    }>;
    expect(resources).toHaveLength(19); // 8 tables as CSV and as CSV for Excel, Parquet, § NDJSON, one meeting file
    for (const r of resources) {
      const bytes = r.path.startsWith('http')
        ? await fetched(store, r.path)
        : (await store.get(publicKey(`${unit.dir}${r.path}`)))!;
      expect([r.name, bytes.length, `sha256:${sha(bytes)}`]).toEqual([r.name, r.bytes, r.hash]);
      if (r.schema === undefined) continue;
      const schema = JSON.parse(new TextDecoder().decode(await fetched(store, r.schema))) as {
        fields: unknown[];
        primaryKey: string[];
      };
      expect(schema.fields.length).toBeGreaterThan(2);
    }
    expect(resources.find((r) => r.name === 'paragraphs')!.path).toBe('paragraphs.csv');
  });

  it('writes a well-formed DCAT-AP-SE catalogue with the publisher IRI and every dump file as a distribution', async () => {
    const { store, manifest } = await archive();
    const xml = new TextDecoder().decode((await store.get('public/catalog.rdf'))!);
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    expect(xml).toContain('rdf:about="http://dataportal.se/organisation/SE2120001355"');
    const downloads = [...doc.getElementsByTagNameNS('http://www.w3.org/ns/dcat#', 'downloadURL')].map((e) =>
      e.getAttributeNS('http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'resource'),
    );
    expect(downloads.sort()).toEqual(
      Object.values(manifest.dump!.files)
        .map((f) => `${DATASETS}${f.path}`)
        .sort(),
    );
    expect(xml).toContain(
      `<dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#dateTime">${manifest.publishedAt}</dcterms:modified>`,
    );
    expect(xml).toContain(`<dcat:endpointURL rdf:resource="${BASE_URL}/v1"/>`);
  });

  it('writes no catalogue without an organisation number (dataportal.se could not place the publisher)', async () => {
    const { store, manifest } = await archive({ publisher: { name: 'Testby kommun' } });
    expect(await store.get('public/catalog.rdf')).toBeNull();
    expect(manifest.metadata.catalog).toBeUndefined();
    expect(manifest.metadata.datapackage).toBeDefined();
  });

  it('publishes the change-feed index under a fixed name, equal to the manifest’s feed', async () => {
    const { store, manifest } = await archive();
    const index = await json(store, 'public/changes/index.json');
    expect(index).toEqual({ schemaVersion: 1, sequence: manifest.sequence, ...manifest.changes });
    expect(manifest.changes.lastSeq).toBe(4);
  });
});
