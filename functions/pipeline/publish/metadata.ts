import { buildDataPackage, type DataPackageResourceInput } from '../../core/render/datapackage.ts';
import { buildDcatCatalog, type DcatDistribution } from '../../core/render/dcat.ts';
import { trimSlash } from '../../core/render/table.ts';
import { PARAGRAPH_NDJSON } from '../../published/unit-files.ts';
import { fileTitle, tableOfFile } from '../../published/partitions.ts';
import type { DumpEntry, PublicManifest } from '../../published/manifest.ts';
import { datasetUrl } from '../../published/paths.ts';

/** Who publishes, for the DCAT-AP-SE catalogue (dataportal.se mints the publisher IRI from the organisation number). */
export interface PublisherConfig {
  name: string;
  /** NNNNNN-NNNN. Without it no catalogue is written: dataportal.se cannot place a publisher without one. */
  organisationNumber?: string;
  contactEmail?: string;
}

const TITLE = { sv: 'Kommunala protokollsparagrafer', en: 'Municipal council minutes, by paragraph' };
const DESCRIPTION = {
  sv: 'Varje paragraf (§) i kommunfullmäktiges, kommunstyrelsens och nämndernas protokoll som en citerbar post: ärende, beslut, voteringar, reservationer, närvaro och hänvisningar, med källa och sida.',
  en: 'Every paragraph (§) of the minutes of municipal councils, executive boards and committees as a citable record: item, decision, votes, dissents, attendance and references, with source and page.',
};

/**
 * The package-level datapackage.json: the tables of the latest dump (the whole archive as one file per table), with
 * absolute URLs, sizes and SHA-256. Each unit folder has its own datapackage.json for its own files; this one says
 * which version it reflects, so a reader can fetch the change feed from there on.
 */
export function rootDataPackage(manifest: PublicManifest, dump: DumpEntry): string {
  const asOf = `snapshot ${dump.snapshot} (${dump.publishedAt})`;
  const resources: DataPackageResourceInput[] = [];
  for (const [name, file] of Object.entries(dump.files)) {
    const url = datasetUrl(manifest.baseUrl, file.path);
    if (name === PARAGRAPH_NDJSON) {
      resources.push({
        path: url,
        format: 'ndjson',
        name: 'paragraph-records',
        title: { sv: 'Paragrafer, hela poster', en: 'Paragraphs, full records' },
        description: {
          sv: `En JSON-rad per paragraf med alla fält. Läget vid ${asOf}.`,
          en: `One JSON line per paragraph with every field. State as of ${asOf}.`,
        },
        bytes: file.bytes,
        sha256: file.sha256,
      });
      continue;
    }
    const t = tableOfFile(name);
    if (t) resources.push({ path: url, format: t.format, table: t.table, bytes: file.bytes, sha256: file.sha256 });
  }
  const pkg = buildDataPackage({
    name: 'paragraf',
    title: TITLE,
    description: {
      sv: `${DESCRIPTION.sv} Filerna visar läget vid ${asOf}; senare ändringar finns i ändringsflödet ${datasetUrl(manifest.baseUrl, 'changes/index.json')}.`,
      en: `${DESCRIPTION.en} The files show the state as of ${asOf}; later changes are in the change feed ${datasetUrl(manifest.baseUrl, 'changes/index.json')}.`,
    },
    created: dump.publishedAt,
    // SemVer, as Frictionless recommends: the major is the table schema's (columns are only ever added), each publish
    // adds data and so raises the minor.
    version: `1.${dump.sequence}.0`,
    homepage: `${trimSlash(manifest.baseUrl)}/`,
    keywords: ['protokoll', 'kommunfullmäktige', 'kommunstyrelsen', 'nämnd', 'beslut', 'council minutes', 'decisions'],
    sources: [{ title: 'Kommunernas sammanträdesprotokoll / The municipalities’ meeting minutes' }],
    resources,
  });
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/**
 * The DCAT-AP-SE catalogue: one dataset, whose distributions are the dump files and the API (a dcat:DataService).
 * `dcterms:modified` is when the data last changed, i.e. this version's publish time. Null without an organisation
 * number.
 */
export function catalog(
  manifest: PublicManifest,
  dump: DumpEntry | undefined,
  publisher: PublisherConfig,
): string | null {
  if (!publisher.organisationNumber) return null;
  const distributions: DcatDistribution[] = Object.entries(dump?.files ?? {}).map(([name, file]) => ({
    url: datasetUrl(manifest.baseUrl, file.path),
    title: fileTitle(name),
    format: name === PARAGRAPH_NDJSON ? 'ndjson' : (tableOfFile(name)?.format ?? 'json'),
    mediaType: file.mediaType,
    bytes: file.bytes,
    sha256: file.sha256,
  }));
  return buildDcatCatalog({
    baseUrl: manifest.baseUrl,
    publisher: { name: publisher.name, organisationNumber: publisher.organisationNumber },
    contact: {
      name: publisher.name,
      url: `${trimSlash(manifest.baseUrl)}/`,
      ...(publisher.contactEmail ? { email: publisher.contactEmail } : {}),
    },
    catalog: {
      title: { sv: `Paragraf – ${publisher.name}`, en: `Paragraf – ${publisher.name}` },
      description: DESCRIPTION,
    },
    datasets: [
      {
        id: 'paragraf',
        title: TITLE,
        description: DESCRIPTION,
        keywords: {
          sv: ['protokoll', 'beslut', 'kommunfullmäktige'],
          en: ['minutes', 'decisions', 'municipal council'],
        },
      },
    ],
    distributions,
    apiEndpoint: `${trimSlash(manifest.baseUrl)}/v1`,
    modified: manifest.publishedAt,
  });
}
