import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildDcatCatalog, DcatConfigError, publisherIri, type DcatInput } from '../../functions/core/render/dcat.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const BASE = 'https://paragraf.example.se';
const DATASET = `${BASE}/dataset/protokoll`;

const input: DcatInput = {
  baseUrl: `${BASE}/`,
  publisher: { name: 'Alingsås kommun', organisationNumber: '212000-1504' },
  contact: { name: 'Paragraf förvaltning', email: 'data@example.se', url: `${BASE}/om` },
  catalog: {
    title: { sv: 'Paragraf', en: 'Paragraf' },
    description: { sv: 'Öppna data ur kommunala protokoll.', en: 'Open data from municipal minutes.' },
  },
  datasets: [
    {
      id: 'protokoll',
      title: { sv: 'Protokollsparagrafer', en: 'Minutes paragraphs' },
      description: { sv: 'Varje § med beslut <och> "röster" & reservationer.\f', en: 'Every § with decisions.' },
      keywords: { sv: ['protokoll', 'beslut'], en: ['minutes'] },
    },
  ],
  distributions: [
    {
      url: `${BASE}/public/paragraphs.csv`,
      title: { sv: 'Paragrafer (CSV)', en: 'Paragraphs (CSV)' },
      format: 'csv',
      mediaType: 'text/csv; charset=utf-8',
      bytes: 1234,
      sha256: 'A'.repeat(64),
    },
    {
      url: 'public/paragraphs.parquet',
      title: { sv: 'Paragrafer (Parquet)', en: 'Paragraphs (Parquet)' },
      format: 'parquet',
      mediaType: 'application/vnd.apache.parquet',
      bytes: 567,
    },
    {
      url: `${BASE}/public/paragraphs.ndjson`,
      title: { sv: 'Paragrafer (NDJSON)', en: 'Paragraphs (NDJSON)' },
      format: 'ndjson',
      mediaType: 'application/x-ndjson',
    },
  ],
  apiEndpoint: `${BASE}/api/v1`,
  modified: '2024-04-05T10:00:00Z',
};

function parseStrict(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
}

function nodes(doc: Document, ns: string, local: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, local));
}

function about(doc: Document, ns: string, local: string, iri: string): Element {
  const found = nodes(doc, ns, local).filter((e) => e.getAttributeNS(RDF, 'about') === iri);
  expect(found, `${local} ${iri}`).toHaveLength(1);
  return found[0]!;
}

function props(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    const e = n as Element;
    if (n.nodeType === 1 && e.namespaceURI === ns && e.localName === local) out.push(e);
  }
  return out;
}

function resources(el: Element, ns: string, local: string): string[] {
  return props(el, ns, local).map((p) => p.getAttributeNS(RDF, 'resource') ?? '');
}

function texts(el: Element, ns: string, local: string): Array<[string, string]> {
  return props(el, ns, local).map((p) => [p.getAttributeNS(XML_NS, 'lang') ?? '', p.textContent ?? '']);
}

describe('buildDcatCatalog', () => {
  const xml = buildDcatCatalog(input);
  const doc = parseStrict(xml);

  it('is well-formed XML (and the check does reject broken XML)', () => {
    expect(doc.documentElement!.localName).toBe('RDF');
    expect(() => parseStrict('<a><b></a>')).toThrow();
  });

  it('catalogue: bilingual title and description, publisher, CC0 licence, its dataset and the API service', () => {
    const cat = about(doc, DCAT, 'Catalog', `${BASE}/catalog`);
    expect(texts(cat, DCT, 'title')).toEqual([
      ['sv', 'Paragraf'],
      ['en', 'Paragraf'],
    ]);
    expect(texts(cat, DCT, 'description')).toEqual([
      ['sv', 'Öppna data ur kommunala protokoll.'],
      ['en', 'Open data from municipal minutes.'],
    ]);
    expect(resources(cat, DCT, 'publisher')).toEqual(['http://dataportal.se/organisation/SE2120001504']);
    expect(resources(cat, DCT, 'license')).toEqual([CC0]);
    expect(resources(cat, DCAT, 'dataset')).toEqual([DATASET]);
    expect(resources(cat, DCAT, 'service')).toEqual([`${BASE}/dataservice/api`]);
  });

  it('publisher is a foaf:Agent with the dataportal.se IRI; contact point a vcard:Organization with email and url', () => {
    const agent = about(doc, FOAF, 'Agent', 'http://dataportal.se/organisation/SE2120001504');
    expect(texts(agent, FOAF, 'name')).toEqual([['', 'Alingsås kommun']]);
    const contact = about(doc, VCARD, 'Organization', `${BASE}/contact`);
    expect(texts(contact, VCARD, 'fn')).toEqual([['', 'Paragraf förvaltning']]);
    expect(resources(contact, VCARD, 'hasEmail')).toEqual(['mailto:data@example.se']);
    expect(resources(contact, VCARD, 'hasURL')).toEqual([`${BASE}/om`]);
  });

  it('dataset: title, escaped description, publisher, contact point, modified from the data, distributions', () => {
    const ds = about(doc, DCAT, 'Dataset', DATASET);
    expect(texts(ds, DCT, 'title')).toEqual([
      ['sv', 'Protokollsparagrafer'],
      ['en', 'Minutes paragraphs'],
    ]);
    // Markup characters survive escaping; the form feed (not allowed in XML 1.0) is dropped.
    expect(texts(ds, DCT, 'description')[0]).toEqual(['sv', 'Varje § med beslut <och> "röster" & reservationer.']);
    expect(resources(ds, DCT, 'publisher')).toEqual(['http://dataportal.se/organisation/SE2120001504']);
    expect(resources(ds, DCAT, 'contactPoint')).toEqual([`${BASE}/contact`]);
    const modified = props(ds, DCT, 'modified')[0]!;
    expect(modified.textContent).toBe('2024-04-05T10:00:00Z');
    expect(modified.getAttributeNS(RDF, 'datatype')).toBe('http://www.w3.org/2001/XMLSchema#dateTime');
    expect(texts(ds, DCAT, 'keyword')).toEqual([
      ['sv', 'protokoll'],
      ['sv', 'beslut'],
      ['en', 'minutes'],
    ]);
    expect(resources(ds, DCAT, 'distribution')).toEqual([
      `${DATASET}/distribution/public-paragraphs-csv`,
      `${DATASET}/distribution/public-paragraphs-parquet`,
      `${DATASET}/distribution/public-paragraphs-ndjson`,
      `${DATASET}/distribution/api`,
    ]);
  });

  it('file distribution: access and download URL, IANA media type, EU file type, size, CC0, checksum', () => {
    const csv = about(doc, DCAT, 'Distribution', `${DATASET}/distribution/public-paragraphs-csv`);
    expect(resources(csv, DCAT, 'accessURL')).toEqual([`${BASE}/public/paragraphs.csv`]);
    expect(resources(csv, DCAT, 'downloadURL')).toEqual([`${BASE}/public/paragraphs.csv`]);
    expect(resources(csv, DCAT, 'mediaType')).toEqual(['http://www.iana.org/assignments/media-types/text/csv']);
    expect(resources(csv, DCT, 'format')).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV']);
    const size = props(csv, DCAT, 'byteSize')[0]!;
    expect([size.textContent, size.getAttributeNS(RDF, 'datatype')]).toEqual([
      '1234',
      'http://www.w3.org/2001/XMLSchema#nonNegativeInteger',
    ]);
    expect(resources(csv, DCT, 'license')).toEqual([CC0]);
    expect(csv.getElementsByTagNameNS('http://spdx.org/rdf/terms#', 'checksumValue')[0]!.textContent).toBe(
      'a'.repeat(64),
    );
  });

  it('resolves a relative file URL against the base, and gives NDJSON no unregistered IANA IRI', () => {
    const parquet = about(doc, DCAT, 'Distribution', `${DATASET}/distribution/public-paragraphs-parquet`);
    expect(resources(parquet, DCAT, 'downloadURL')).toEqual([`${BASE}/public/paragraphs.parquet`]);
    expect(resources(parquet, DCAT, 'mediaType')).toEqual([
      'http://www.iana.org/assignments/media-types/application/vnd.apache.parquet',
    ]);
    const ndjson = about(doc, DCAT, 'Distribution', `${DATASET}/distribution/public-paragraphs-ndjson`);
    expect(resources(ndjson, DCAT, 'mediaType')).toEqual([]);
    expect(resources(ndjson, DCT, 'format')).toEqual([
      'http://publications.europa.eu/resource/authority/file-type/JSON',
    ]);
    expect(resources(ndjson, DCAT, 'accessURL')).toEqual([`${BASE}/public/paragraphs.ndjson`]);
  });

  it('dataset: the recommended spatial coverage, update frequency and, when given, the period covered', () => {
    const ds = about(doc, DCAT, 'Dataset', DATASET);
    expect(resources(ds, DCT, 'spatial')).toEqual(['http://publications.europa.eu/resource/authority/country/SWE']);
    expect(resources(ds, DCT, 'accrualPeriodicity')).toEqual([
      'http://publications.europa.eu/resource/authority/frequency/CONT',
    ]);
    expect(props(ds, DCT, 'temporal')).toEqual([]);
    const dated = parseStrict(
      buildDcatCatalog({
        ...input,
        datasets: [{ ...input.datasets[0]!, temporal: { start: '2016-02-23', end: '2026-06-16' } }],
      }),
    );
    const period = about(dated, DCAT, 'Dataset', DATASET).getElementsByTagNameNS(DCT, 'PeriodOfTime')[0]!;
    expect(period.getElementsByTagNameNS(DCAT, 'startDate')[0]!.textContent).toBe('2016-02-23');
    expect(period.getElementsByTagNameNS(DCAT, 'endDate')[0]!.textContent).toBe('2026-06-16');
  });

  it('the API: a distribution with accessService, and a DataService with endpoint, OpenAPI description and dataset', () => {
    const api = about(doc, DCAT, 'Distribution', `${DATASET}/distribution/api`);
    expect(resources(api, DCAT, 'accessURL')).toEqual([`${BASE}/api/v1`]);
    expect(resources(api, DCAT, 'accessService')).toEqual([`${BASE}/dataservice/api`]);
    const service = about(doc, DCAT, 'DataService', `${BASE}/dataservice/api`);
    expect(resources(service, DCAT, 'endpointURL')).toEqual([`${BASE}/api/v1`]);
    expect(resources(service, DCAT, 'endpointDescription')).toEqual([`${BASE}/api/v1/openapi.json`]);
    expect(resources(service, DCAT, 'servesDataset')).toEqual([DATASET]);
  });

  it('uses no blank nodes for catalogue, dataset, distribution, publisher or contact, and only absolute IRIs', () => {
    const keyClasses: Array<[string, string]> = [
      [DCAT, 'Catalog'],
      [DCAT, 'Dataset'],
      [DCAT, 'Distribution'],
      [DCAT, 'DataService'],
      [FOAF, 'Agent'],
      [VCARD, 'Organization'],
    ];
    for (const [ns, local] of keyClasses) {
      for (const el of nodes(doc, ns, local)) expect(el.getAttributeNS(RDF, 'about')).toMatch(/^https?:\/\//u);
    }
    const all: Element[] = Array.from(doc.getElementsByTagName('*'));
    for (const el of all) {
      for (const attr of ['about', 'resource']) {
        const value = el.getAttributeNS(RDF, attr);
        if (value) expect(value).toMatch(/^(https?:\/\/|mailto:)/u);
      }
    }
  });

  it('types a plain date as xsd:date', () => {
    const d = parseStrict(buildDcatCatalog({ ...input, modified: '2024-04-05' }));
    const ds = about(d, DCAT, 'Dataset', DATASET);
    expect(props(ds, DCT, 'modified')[0]!.getAttributeNS(RDF, 'datatype')).toBe(
      'http://www.w3.org/2001/XMLSchema#date',
    );
  });
});

describe('configuration errors', () => {
  it('derives the publisher IRI from the organisation number, with or without dash', () => {
    expect(publisherIri('212000-1504')).toBe('http://dataportal.se/organisation/SE2120001504');
    expect(publisherIri('2120001504')).toBe('http://dataportal.se/organisation/SE2120001504');
    expect(() => publisherIri('21200-1504')).toThrow(DcatConfigError);
  });

  it('rejects a relative base URL, a bad modified date and an unknown dataset', () => {
    expect(() => buildDcatCatalog({ ...input, baseUrl: '/paragraf' })).toThrow(DcatConfigError);
    expect(() => buildDcatCatalog({ ...input, modified: 'igår' })).toThrow(DcatConfigError);
    expect(() =>
      buildDcatCatalog({ ...input, distributions: [{ ...input.distributions[0]!, dataset: 'nope' }] }),
    ).toThrow(DcatConfigError);
  });
});
