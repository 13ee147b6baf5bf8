import { trimSlash } from '../../core/render/table.ts';
import type { PublicManifest } from '../../published/manifest.ts';
import {
  inPartition,
  isConcatenable,
  parsePartition,
  partitionParts,
  type Selector,
} from '../../published/partitions.ts';
import { datasetUrl } from '../../published/paths.ts';
import { PARTITION_FILES } from '../../published/unit-files.ts';
import type { DatasetFile, DatasetListing, DatasetPartition } from './read-model.ts';
import type { UnitInfo } from '../../published/read-model/types.ts';

export function downloadUrl(siteUrl: string, partition: string, name: string): string {
  return `${trimSlash(siteUrl)}/v1/datasets/download?partition=${encodeURIComponent(partition)}&file=${encodeURIComponent(name)}`;
}

/** The units of a partition, in (municipality, body, year) order; null for a malformed partition id. */
export function unitsOf(units: readonly UnitInfo[], partition: string): UnitInfo[] | null {
  let sel: Selector;
  try {
    sel = parsePartition(partition);
  } catch {
    return null;
  }
  return units
    .filter((u) => inPartition(sel, u))
    .sort((a, b) => cmp(a.municipality, b.municipality) || cmp(a.body, b.body) || a.year - b.year);
}

/**
 * A partition's downloads. A partition of one unit lists its real files (with checksums); an aggregate lists one
 * streamed concatenation per concatenable file, and, when `withParts`, the part files with their checksums. A Parquet
 * file cannot be concatenated, so an aggregate lists it only as parts.
 */
export function partitionListing(
  siteUrl: string,
  id: string,
  title: string,
  units: readonly UnitInfo[],
  withParts: boolean,
): DatasetPartition {
  const files: DatasetFile[] = [];
  for (const name of PARTITION_FILES) {
    const { parts, bytes } = partitionParts(units, name);
    if (parts.length === 0) continue;
    const first = parts[0]!;
    const partList = () => parts.map((p) => ({ url: datasetUrl(siteUrl, p.path), bytes: p.bytes, sha256: p.sha256 }));
    if (parts.length === 1) {
      files.push({
        name,
        url: datasetUrl(siteUrl, first.path),
        bytes,
        mediaType: first.mediaType,
        sha256: first.sha256,
      });
    } else if (isConcatenable(name)) {
      files.push({
        name,
        url: downloadUrl(siteUrl, id, name),
        bytes,
        mediaType: first.mediaType,
        ...(withParts ? { parts: partList() } : {}),
      });
    } else if (withParts) {
      files.push({ name, url: partList()[0]!.url, bytes, mediaType: first.mediaType, parts: partList() });
    }
  }
  const paragraphs = units.reduce((n, u) => n + (u.paragraphs ?? 0), 0);
  return { id, title, units: units.length, paragraphs, files };
}

/**
 * /v1/datasets: the package metadata, the whole-archive dump (as of its snapshot), and the partitions: everything,
 * each municipality and each year — or, for `partition`, that one with its bodies and units and the part files.
 */
export function buildListing(
  siteUrl: string,
  manifest: PublicManifest | null,
  units: readonly UnitInfo[],
  partition?: string,
): DatasetListing | null {
  const listing: DatasetListing = { metadata: [], partitions: [] };
  if (manifest) {
    Object.assign(listing, {
      snapshot: manifest.snapshot,
      publishedAt: manifest.publishedAt,
      license: manifest.license,
    });
    for (const [name, f] of Object.entries(manifest.metadata)) {
      if (f)
        listing.metadata.push({
          name: `${name === 'catalog' ? 'catalog.rdf' : 'datapackage.json'}`,
          url: datasetUrl(siteUrl, f.path),
          bytes: f.bytes,
          mediaType: f.mediaType,
          sha256: f.sha256,
        });
    }
    if (manifest.dump) {
      const files = Object.entries(manifest.dump.files).map(([name, f]) => ({
        name,
        url: datasetUrl(siteUrl, f.path),
        bytes: f.bytes,
        mediaType: f.mediaType,
        sha256: f.sha256,
      }));
      listing.dump = { snapshot: manifest.dump.snapshot, publishedAt: manifest.dump.publishedAt, files };
    }
  }
  if (partition === undefined) {
    listing.partitions = overview(siteUrl, units);
    return listing;
  }
  const selected = unitsOf(units, partition);
  if (selected === null || (selected.length === 0 && partition !== 'all')) return null;
  listing.partitions = [partitionListing(siteUrl, partition, titleOf(partition, selected), selected, true)];
  if (!partition.startsWith('unit/')) {
    for (const sub of subPartitions(partition, selected))
      listing.partitions.push(partitionListing(siteUrl, sub.id, sub.title, sub.units, false));
  }
  return listing;
}

function overview(siteUrl: string, units: readonly UnitInfo[]): DatasetPartition[] {
  const out = [partitionListing(siteUrl, 'all', 'Hela arkivet', units, false)];
  for (const m of distinct(units.map((u) => u.municipality))) {
    const mine = units.filter((u) => u.municipality === m);
    out.push(partitionListing(siteUrl, `municipality/${m}`, mine[0]!.municipalityName, mine, false));
  }
  for (const y of distinct(units.map((u) => String(u.year))).reverse()) {
    out.push(
      partitionListing(
        siteUrl,
        `year/${y}`,
        `År ${y}`,
        units.filter((u) => String(u.year) === y),
        false,
      ),
    );
  }
  return out;
}

function subPartitions(
  partition: string,
  units: readonly UnitInfo[],
): Array<{ id: string; title: string; units: UnitInfo[] }> {
  const out: Array<{ id: string; title: string; units: UnitInfo[] }> = [];
  if (partition.startsWith('municipality/')) {
    for (const b of distinct(units.map((u) => u.body))) {
      const mine = units.filter((u) => u.body === b);
      out.push({
        id: `body/${mine[0]!.municipality}/${b}`,
        title: `${mine[0]!.municipalityName}, ${mine[0]!.bodyName}`,
        units: mine,
      });
    }
  }
  for (const u of units) {
    out.push({
      id: `unit/${u.municipality}/${u.body}/${u.year}`,
      title: `${u.municipalityName}, ${u.bodyName}, ${u.year}`,
      units: [u],
    });
  }
  return out;
}

function titleOf(partition: string, units: readonly UnitInfo[]): string {
  const u = units[0];
  if (partition === 'all' || !u) return 'Hela arkivet';
  if (partition.startsWith('year/')) return `År ${partition.slice(5)}`;
  if (partition.startsWith('municipality/')) return u.municipalityName;
  if (partition.startsWith('body/')) return `${u.municipalityName}, ${u.bodyName}`;
  return `${u.municipalityName}, ${u.bodyName}, ${u.year}`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
