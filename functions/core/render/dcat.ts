/**
 * The DCAT-AP-SE 3.0 catalogue that dataportal.se harvests (RDF/XML over HTTP(S), daily).
 *
 * What the harvester requires (see shared DOMAIN-FACTS "Open-data formats"): absolute IRIs, and no blank nodes for the
 * catalogue, dataset, distribution, publisher or contact point, so each of those gets an IRI under `baseUrl`; the
 * publisher IRI is the one dataportal.se mints from the organisation number. The file dump and the API are two
 * distributions of one dataset; the API is also described as a dcat:DataService. `dcterms:modified` is the time the
 * data last changed, which the caller derives from the records (the core has no clock).
 */
import type { Bilingual } from './table.ts';
import { trimSlash } from './table.ts';
import { CC0_IRI } from './datapackage.ts';
import { escapeXml } from './xml.ts';

export class DcatConfigError extends Error {
  override name = 'DcatConfigError';
}

export interface DcatDataset {
  /** `[a-z0-9-]`, used in the dataset IRI `<baseUrl>/dataset/<id>`. */
  id: string;
  title: Bilingual;
  description: Bilingual;
  keywords?: { sv: string[]; en: string[] };
  /** When this dataset's data last changed; defaults to the catalogue's `modified`. */
  modified?: string;
  landingPage?: string;
  /** The period the data covers (meeting dates), as ISO dates. */
  temporal?: { start: string; end: string };
}

export interface DcatDistribution {
  /** Download URL (absolute, or relative to `baseUrl`). */
  url: string;
  title: Bilingual;
  /** A FORMATS id ('csv', 'parquet', …) or an EU file-type code ('CSV'). */
  format: string;
  mediaType: string;
  bytes?: number;
  sha256?: string;
  /** The dataset id; defaults to the first dataset. */
  dataset?: string;
}

export interface DcatInput {
  baseUrl: string;
  publisher: { name: string; organisationNumber: string };
  contact: { name: string; email?: string; url?: string };
  catalog: { title: Bilingual; description: Bilingual };
  datasets: DcatDataset[];
  distributions: DcatDistribution[];
  /** The API's base URL; its OpenAPI description is expected at `<apiEndpoint>/openapi.json`. */
  apiEndpoint: string;
  apiTitle?: Bilingual;
  /** ISO date or datetime the data last changed. */
  modified: string;
}

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
};
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EU = 'http://publications.europa.eu/resource/authority';
const IANA_MEDIA = 'http://www.iana.org/assignments/media-types/';
const DEFAULT_API_TITLE: Bilingual = { sv: 'Paragraf API', en: 'Paragraf API' };
/**
 * EU file-type vocabulary codes for our formats. NDJSON has no code of its own and no IANA-registered media type
 * (application/x-ndjson is unregistered); each of its lines is a JSON text, so its format is JSON.
 */
const FILE_TYPES: Record<string, string> = {
  csv: 'CSV',
  'csv-excel-sv': 'CSV',
  json: 'JSON',
  ndjson: 'JSON',
  parquet: 'PARQUET',
};

export function publisherIri(organisationNumber: string): string {
  const digits = organisationNumber.replace(/-/gu, '');
  if (!/^\d{10}$/u.test(digits))
    throw new DcatConfigError(`organisation number "${organisationNumber}" is not NNNNNN-NNNN`);
  return `http://dataportal.se/organisation/SE${digits}`;
}

export function buildDcatCatalog(input: DcatInput): string {
  const base = absolute(trimSlash(input.baseUrl), 'baseUrl');
  if (input.datasets.length === 0) throw new DcatConfigError('a catalogue needs at least one dataset');
  const iris = {
    catalog: `${base}/catalog`,
    publisher: publisherIri(input.publisher.organisationNumber),
    contact: `${base}/contact`,
    service: `${base}/dataservice/api`,
    dataset: (id: string) => `${base}/dataset/${encodeURIComponent(id)}`,
  };
  const dists = assignDistributions(input, base, iris.dataset);
  const body = [
    catalogXml(input, iris),
    agentXml(input, iris.publisher),
    contactXml(input, iris.contact),
    ...input.datasets.map((d) => datasetXml(input, d, iris, dists.get(d.id) ?? [])),
    ...[...dists.values()].flat().map((d) => distributionXml(d)),
    ...input.datasets.map((d) => apiDistributionXml(input, iris.dataset(d.id), iris.service)),
    serviceXml(input, iris),
  ];
  const xmlns = Object.entries(NS)
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${xmlns}>\n${body.join('')}</rdf:RDF>\n`;
}

interface Iris {
  catalog: string;
  publisher: string;
  contact: string;
  service: string;
  dataset: (id: string) => string;
}

interface PlacedDistribution extends DcatDistribution {
  iri: string;
  downloadUrl: string;
}

/** Each file gets a stable IRI under its dataset, derived from its URL path (not its position in the list). */
function assignDistributions(input: DcatInput, base: string, datasetIri: (id: string) => string) {
  const byDataset = new Map<string, PlacedDistribution[]>(input.datasets.map((d) => [d.id, []]));
  const used = new Set<string>();
  for (const d of input.distributions) {
    const datasetId = d.dataset ?? input.datasets[0]!.id;
    const list = byDataset.get(datasetId);
    if (!list) throw new DcatConfigError(`distribution ${d.url} names unknown dataset "${datasetId}"`);
    const downloadUrl = absolute(new URL(d.url, `${base}/`).href, `distribution ${d.url}`);
    const slug =
      new URL(downloadUrl).pathname
        .toLowerCase()
        .replace(/[^a-z0-9]+/gu, '-')
        .replace(/^-+|-+$/gu, '') || 'file';
    let iri = `${datasetIri(datasetId)}/distribution/${slug}`;
    for (let n = 2; used.has(iri); n++) iri = `${datasetIri(datasetId)}/distribution/${slug}-${n}`;
    used.add(iri);
    list.push({ ...d, iri, downloadUrl });
  }
  return byDataset;
}

function catalogXml(input: DcatInput, iris: Iris): string {
  return node('dcat:Catalog', iris.catalog, [
    ...bilingual('dcterms:title', input.catalog.title),
    ...bilingual('dcterms:description', input.catalog.description),
    ref('dcterms:publisher', iris.publisher),
    ref('dcterms:license', CC0_IRI),
    ref('dcterms:language', `${EU}/language/SWE`),
    date('dcterms:modified', input.modified),
    ref('foaf:homepage', `${trimSlash(input.baseUrl)}/`),
    ...input.datasets.map((d) => ref('dcat:dataset', iris.dataset(d.id))),
    ref('dcat:service', iris.service),
  ]);
}

function agentXml(input: DcatInput, iri: string): string {
  return node('foaf:Agent', iri, [literal('foaf:name', input.publisher.name)]);
}

function contactXml(input: DcatInput, iri: string): string {
  const { name, email, url } = input.contact;
  return node('vcard:Organization', iri, [
    literal('vcard:fn', name),
    ...(email ? [ref('vcard:hasEmail', `mailto:${email}`)] : []),
    ...(url ? [ref('vcard:hasURL', absolute(url, 'contact url'))] : []),
  ]);
}

function datasetXml(input: DcatInput, d: DcatDataset, iris: Iris, dists: PlacedDistribution[]): string {
  return node('dcat:Dataset', iris.dataset(d.id), [
    ...bilingual('dcterms:title', d.title),
    ...bilingual('dcterms:description', d.description),
    ref('dcterms:publisher', iris.publisher),
    ref('dcat:contactPoint', iris.contact),
    date('dcterms:modified', d.modified ?? input.modified),
    ref('dcterms:accessRights', `${EU}/access-right/PUBLIC`),
    ref('dcterms:language', `${EU}/language/SWE`),
    ref('dcat:theme', `${EU}/data-theme/GOVE`),
    // Recommended by DCAT-AP: where (Sweden), how often (updated whenever a protocol is published) and when.
    ref('dcterms:spatial', `${EU}/country/SWE`),
    ref('dcterms:accrualPeriodicity', `${EU}/frequency/CONT`),
    ...(d.temporal ? [periodOfTime(d.temporal)] : []),
    ...(d.keywords?.sv ?? []).map((k) => literal('dcat:keyword', k, 'sv')),
    ...(d.keywords?.en ?? []).map((k) => literal('dcat:keyword', k, 'en')),
    ref('dcat:landingPage', absolute(d.landingPage ?? `${trimSlash(input.baseUrl)}/`, 'landingPage')),
    ...dists.map((x) => ref('dcat:distribution', x.iri)),
    ref('dcat:distribution', `${iris.dataset(d.id)}/distribution/api`),
  ]);
}

function periodOfTime(t: { start: string; end: string }): string {
  return `<dcterms:temporal><dcterms:PeriodOfTime>${typed('dcat:startDate', t.start, 'date')}${typed('dcat:endDate', t.end, 'date')}</dcterms:PeriodOfTime></dcterms:temporal>`;
}

function distributionXml(d: PlacedDistribution): string {
  const fileType = FILE_TYPES[d.format] ?? (/^[A-Z0-9_]+$/u.test(d.format) ? d.format : undefined);
  const mediaType = d.mediaType.split(';')[0]!.trim().toLowerCase();
  return node('dcat:Distribution', d.iri, [
    ...bilingual('dcterms:title', d.title),
    ref('dcat:accessURL', d.downloadUrl),
    ref('dcat:downloadURL', d.downloadUrl),
    // x- subtypes (application/x-ndjson) are not IANA-registered, so an IANA IRI for them would not resolve.
    ...(/\/x-/u.test(mediaType) ? [] : [ref('dcat:mediaType', `${IANA_MEDIA}${mediaType}`)]),
    ...(fileType ? [ref('dcterms:format', `${EU}/file-type/${fileType}`)] : []),
    ...(d.bytes !== undefined ? [typed('dcat:byteSize', String(d.bytes), 'nonNegativeInteger')] : []),
    ref('dcterms:license', CC0_IRI),
    ...(d.sha256 ? [checksum(d.sha256)] : []),
  ]);
}

function apiDistributionXml(input: DcatInput, datasetIri: string, serviceIri: string): string {
  return node('dcat:Distribution', `${datasetIri}/distribution/api`, [
    ...bilingual('dcterms:title', input.apiTitle ?? DEFAULT_API_TITLE),
    ref('dcat:accessURL', absolute(input.apiEndpoint, 'apiEndpoint')),
    ref('dcat:accessService', serviceIri),
    ref('dcterms:license', CC0_IRI),
  ]);
}

function serviceXml(input: DcatInput, iris: Iris): string {
  const endpoint = trimSlash(absolute(input.apiEndpoint, 'apiEndpoint'));
  return node('dcat:DataService', iris.service, [
    ...bilingual('dcterms:title', input.apiTitle ?? DEFAULT_API_TITLE),
    ref('dcat:endpointURL', endpoint),
    ref('dcat:endpointDescription', `${endpoint}/openapi.json`),
    ...input.datasets.map((d) => ref('dcat:servesDataset', iris.dataset(d.id))),
    ref('dcterms:publisher', iris.publisher),
    ref('dcat:contactPoint', iris.contact),
    ref('dcterms:license', CC0_IRI),
    ref('dcterms:accessRights', `${EU}/access-right/PUBLIC`),
  ]);
}

function checksum(sha256: string): string {
  if (!/^[0-9a-f]{64}$/iu.test(sha256)) throw new DcatConfigError(`"${sha256}" is not a SHA-256 hex digest`);
  return (
    `    <spdx:checksum>\n      <spdx:Checksum>\n` +
    `        <spdx:algorithm rdf:resource="${NS.spdx}checksumAlgorithm_sha256"/>\n` +
    `        <spdx:checksumValue rdf:datatype="${XSD}hexBinary">${sha256.toLowerCase()}</spdx:checksumValue>\n` +
    `      </spdx:Checksum>\n    </spdx:checksum>\n`
  );
}

function node(type: string, iri: string, properties: string[]): string {
  return `  <${type} rdf:about="${escapeXml(iri)}">\n${properties.join('')}  </${type}>\n`;
}

function ref(property: string, iri: string): string {
  return `    <${property} rdf:resource="${escapeXml(iri)}"/>\n`;
}

function literal(property: string, text: string, lang?: string): string {
  const attr = lang ? ` xml:lang="${lang}"` : '';
  return `    <${property}${attr}>${escapeXml(text)}</${property}>\n`;
}

function bilingual(property: string, text: Bilingual): string[] {
  return [literal(property, text.sv, 'sv'), literal(property, text.en, 'en')];
}

function typed(property: string, value: string, xsdType: string): string {
  return `    <${property} rdf:datatype="${XSD}${xsdType}">${escapeXml(value)}</${property}>\n`;
}

/** "2024-02-05" → xsd:date; a full timestamp → xsd:dateTime. */
function date(property: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value)) return typed(property, value, 'date');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/u.test(value))
    return typed(property, value, 'dateTime');
  throw new DcatConfigError(`modified "${value}" is not an ISO 8601 date or datetime`);
}

function absolute(iri: string, what: string): string {
  if (!/^https?:\/\/[^\s/]+/u.test(iri))
    throw new DcatConfigError(`${what} must be an absolute http(s) IRI, got "${iri}"`);
  return iri;
}
