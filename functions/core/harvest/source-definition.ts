import { findMunicipality } from '../records/municipalities.ts';
import { isValidId } from '../records/ids.ts';
import { isHttpUrl } from '../records/provenance.ts';

/**
 * A harvest source as data (data/sources/*.json): which municipality, which publishing system, where, which bodies,
 * and what the system needs to be read. Validated here, once, with every problem listed, by the CLI, the harvest
 * Lambda and the CDK app alike (docs/harvest.md describes the fields). Pure.
 */
export type PortalSystem = 'ciceron' | 'netpublicator' | 'meetings-plus' | 'sitevision';
export const PORTAL_SYSTEMS: readonly PortalSystem[] = ['ciceron', 'netpublicator', 'meetings-plus', 'sitevision'];

export interface CiceronOptions {
  /** Search doctype: 1 = möte (the default), 64 = sammanträdesprotokoll, 128 on some anslagstavlor. */
  doctype: number;
  /** Only instances (bodies) of this diary, e.g. "KS". */
  diary?: string;
}

export interface NetpublicatorOptions {
  reader?: string;
  rootId?: string;
  /** A municipal page that embeds np-publicreader.js (its data-np-config names reader and root). */
  page?: string;
  /** Default https://docs.netpublicator.com. */
  apiBase: string;
}

export interface SiteVisionFolder {
  /** The body whose protocols the folder holds, e.g. "Kommunfullmäktige". */
  body: string;
  /** A file-share portlet: GET <baseUrl><appresource>?folderId=<folderId>&svAjaxReqParam=ajax. */
  fileShare?: { appresource: string; folderId: string };
  /** A page that renders the folder as links to /download/18.… files. */
  page?: string;
  /** 'protocols': every file is a protocol unless its name says otherwise; 'mixed' (default): names decide. */
  kind: 'protocols' | 'mixed';
}

export interface RobotsOverride {
  respect: false;
  /** Why the operator decided to read pages robots rules forbid (recorded with every run). */
  reason: string;
  decidedBy: string;
}

export interface SourceDefinition {
  id: string;
  /** The municipality's proper name (one of the 290). */
  municipality: string;
  system: PortalSystem;
  baseUrl: string;
  /** Body names as the portal shows them; empty = every body. */
  bodies: string[];
  /** 'unverified': the URL follows the system's pattern but no person has confirmed it; harvested only when named. */
  status: 'active' | 'unverified';
  /** For an unverified source: what a person must confirm or fill in. */
  check?: string;
  /** Where the base URL comes from (e.g. "host named in PORTALS.md", "host pattern"). */
  basis?: string;
  robots?: RobotsOverride;
  /** Least milliseconds between requests to the source's hosts (only slower than 1 s, except on loopback). */
  minIntervalMs?: number;
  ciceron?: CiceronOptions;
  netpublicator?: NetpublicatorOptions;
  sitevision?: { folders: SiteVisionFolder[] };
}

export const DEFAULT_NETPUBLICATOR_API = 'https://docs.netpublicator.com';

export class SourceDefinitionError extends Error {
  override name = 'SourceDefinitionError';
  constructor(
    readonly where: string,
    readonly problems: readonly string[],
  ) {
    super(`${where}: ${problems.join('; ')}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The source, normalised, or a SourceDefinitionError naming every problem. `where` names it in messages. */
export function parseSourceDefinition(value: unknown, where: string): SourceDefinition {
  if (!isObject(value)) throw new SourceDefinitionError(where, ['a source must be a JSON object']);
  const problems: string[] = [];
  const id = text(value['id']) ?? '';
  if (!isValidId(id) || id.length > 60) problems.push('"id" must be [a-z0-9-], at most 60 characters');
  const municipality = findMunicipality(text(value['municipality']) ?? '');
  if (municipality === undefined)
    problems.push(
      `"municipality" must name one of the 290 municipalities (got ${JSON.stringify(value['municipality'])})`,
    );
  const system = value['system'] as PortalSystem;
  if (!PORTAL_SYSTEMS.includes(system)) problems.push(`"system" must be one of ${PORTAL_SYSTEMS.join(', ')}`);
  const baseUrl = text(value['baseUrl'])?.replace(/\/+$/u, '') ?? '';
  if (!isHttpUrl(baseUrl)) problems.push('"baseUrl" must be an http(s) URL');
  const bodies = value['bodies'] ?? [];
  if (!Array.isArray(bodies) || !bodies.every((b) => text(b) !== undefined))
    problems.push('"bodies" must be a list of body names');
  const status = value['status'];
  if (status !== 'active' && status !== 'unverified') problems.push('"status" must be "active" or "unverified"');
  const def: SourceDefinition = {
    id,
    municipality: municipality ?? '',
    system,
    baseUrl,
    status: status as SourceDefinition['status'],
    bodies: Array.isArray(bodies) ? bodies.map((b) => String(b).trim()) : [],
  };
  for (const key of ['check', 'basis'] as const) if (text(value[key])) def[key] = text(value[key])!;
  readRobots(value['robots'], def, problems);
  readInterval(value['minIntervalMs'], def, problems);
  readSystemOptions(value, def, problems);
  if (problems.length > 0) throw new SourceDefinitionError(where, problems);
  return def;
}

function readRobots(value: unknown, def: SourceDefinition, problems: string[]): void {
  if (value === undefined) return;
  const reason = isObject(value) ? text(value['reason']) : undefined;
  const decidedBy = isObject(value) ? text(value['decidedBy']) : undefined;
  if (!isObject(value) || value['respect'] !== false || !reason || reason.length < 20 || !decidedBy) {
    problems.push(
      '"robots" may only override robots rules as { "respect": false, "reason": "<why, 20+ characters>", "decidedBy": "<who>" }',
    );
    return;
  }
  def.robots = { respect: false, reason, decidedBy };
}

function readInterval(value: unknown, def: SourceDefinition, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 600_000) {
    problems.push('"minIntervalMs" must be an integer number of milliseconds (0–600000)');
    return;
  }
  def.minIntervalMs = value;
}

function readSystemOptions(value: Json, def: SourceDefinition, problems: string[]): void {
  if (def.system === 'ciceron') {
    const o = isObject(value['ciceron']) ? value['ciceron'] : {};
    const doctype = o['doctype'] ?? 1;
    if (typeof doctype !== 'number' || !Number.isInteger(doctype) || doctype < 1)
      problems.push('"ciceron.doctype" must be a positive integer');
    def.ciceron = { doctype: Number(doctype), ...(text(o['diary']) ? { diary: text(o['diary'])! } : {}) };
  } else if (def.system === 'netpublicator') {
    const o = isObject(value['netpublicator']) ? value['netpublicator'] : {};
    const apiBase = text(o['apiBase'])?.replace(/\/+$/u, '') ?? DEFAULT_NETPUBLICATOR_API;
    if (!isHttpUrl(apiBase)) problems.push('"netpublicator.apiBase" must be an http(s) URL');
    const page = text(o['page']);
    if (page !== undefined && !isHttpUrl(page)) problems.push('"netpublicator.page" must be an http(s) URL');
    for (const key of ['reader', 'rootId'] as const) {
      const v = text(o[key]);
      if (v !== undefined && !/^[A-Za-z0-9_.~-]{1,100}$/u.test(v))
        problems.push(`"netpublicator.${key}" must be a reader name or id ([A-Za-z0-9_.~-])`);
    }
    def.netpublicator = {
      apiBase,
      ...(page ? { page } : {}),
      ...(text(o['reader']) ? { reader: text(o['reader'])! } : {}),
      ...(text(o['rootId']) ? { rootId: text(o['rootId'])! } : {}),
    };
  } else if (def.system === 'sitevision') {
    const folders =
      isObject(value['sitevision']) && Array.isArray(value['sitevision']['folders'])
        ? value['sitevision']['folders']
        : [];
    def.sitevision = {
      folders: folders.map((f, i) => readFolder(f, i, problems)).filter((f): f is SiteVisionFolder => f !== undefined),
    };
  }
  problems.push(...(def.status === 'active' ? missingOptions(def) : []));
}

function readFolder(value: unknown, index: number, problems: string[]): SiteVisionFolder | undefined {
  const where = `"sitevision.folders[${index}]"`;
  if (!isObject(value) || !text(value['body'])) {
    problems.push(`${where} needs a "body"`);
    return undefined;
  }
  const kind = value['kind'] ?? 'mixed';
  if (kind !== 'protocols' && kind !== 'mixed') problems.push(`${where}.kind must be "protocols" or "mixed"`);
  const folder: SiteVisionFolder = { body: text(value['body'])!, kind: kind === 'protocols' ? 'protocols' : 'mixed' };
  const share = value['fileShare'];
  if (isObject(share)) {
    const appresource = text(share['appresource']) ?? '';
    const folderId = text(share['folderId']) ?? '';
    if (!/^\/appresource\/[\w.]+\/[\w.]+\/files$/u.test(appresource) || !/^19\.[\w]+$/u.test(folderId)) {
      problems.push(`${where}.fileShare needs "appresource" (/appresource/4.x/12.y/files) and "folderId" (19.z)`);
    }
    folder.fileShare = { appresource, folderId };
  }
  const page = text(value['page']);
  if (page !== undefined) {
    if (!isHttpUrl(page)) problems.push(`${where}.page must be an http(s) URL`);
    folder.page = page;
  }
  if ((folder.fileShare === undefined) === (folder.page === undefined))
    problems.push(`${where} needs exactly one of "fileShare" and "page"`);
  return folder;
}

/** What an active source still lacks to be harvested (an unverified one may be incomplete until it is checked). */
export function missingOptions(def: SourceDefinition): string[] {
  if (def.system === 'netpublicator') {
    const o = def.netpublicator;
    if (!o || (!(o.reader && o.rootId) && !o.page))
      return ['"netpublicator" needs "reader" and "rootId", or a "page" that embeds the reader'];
  }
  if (def.system === 'sitevision' && (def.sitevision?.folders.length ?? 0) === 0)
    return ['"sitevision.folders" must list at least one folder'];
  return [];
}

/** The hosts (host[:port]) a source reads: its base URL and the system's own API host. */
export function sourceHosts(def: SourceDefinition): string[] {
  const urls = [
    def.baseUrl,
    def.netpublicator?.apiBase,
    def.netpublicator?.page,
    ...(def.sitevision?.folders.map((f) => f.page) ?? []),
  ];
  const hosts = urls.filter((u): u is string => u !== undefined).map((u) => new URL(u).host);
  return [...new Set(hosts)];
}
