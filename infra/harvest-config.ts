/**
 * The harvest part of the deployment configuration (CDK context), read with the rest in config.ts:
 *   harvestSources      source ids to harvest, comma-separated or a list (default: none, no harvest function)
 *   harvestSourcesPath  the sources file or folder (default data/sources)
 *   harvestContact      e-mail address or URL sent in the User-Agent (required with harvestSources)
 *   harvestHour         UTC hour of the first source's daily run (default 2); the others follow 10 minutes apart
 * Every named source must exist and have status "active": an unverified URL is never put on a schedule.
 */
import { join, resolve } from 'node:path';
import type { Node } from 'constructs';
import { checkedContact, InvalidContactError } from '../functions/core/harvest/contact.ts';
import type { SourceDefinition } from '../functions/core/harvest/source-definition.ts';
import { loadSources, SourceFilesError } from '../functions/pipeline/harvest/source-files.ts';

export interface HarvestSettings {
  readonly sources: readonly SourceDefinition[];
  readonly contact: string;
  readonly firstRunHourUtc: number;
}

export const DEFAULT_HARVEST_HOUR_UTC = 2;

export function readHarvestSettings(node: Node, projectRoot: string, problems: string[]): HarvestSettings | undefined {
  const ids = idList(node.tryGetContext('harvestSources'));
  if (ids === undefined) return undefined;
  if (ids.length === 0) {
    problems.push('context "harvestSources" must name at least one source id (data/sources/*.json)');
    return undefined;
  }
  const path = resolve(projectRoot, String(node.tryGetContext('harvestSourcesPath') ?? join('data', 'sources')));
  let all: SourceDefinition[];
  try {
    all = loadSources(path);
  } catch (error) {
    problems.push(
      error instanceof SourceFilesError ? error.message : `cannot read harvest sources at ${path}: ${String(error)}`,
    );
    return undefined;
  }
  const sources: SourceDefinition[] = [];
  for (const id of ids) {
    const source = all.find((s) => s.id === id);
    if (source === undefined) problems.push(`harvest source "${id}" is not in ${path}`);
    else if (source.status !== 'active')
      problems.push(
        `harvest source "${id}" is ${source.status}: confirm its URL and set "status": "active" first (${source.check ?? 'docs/harvest.md'})`,
      );
    else sources.push(source);
  }
  let contact = '';
  try {
    contact = checkedContact(node.tryGetContext('harvestContact') as string | undefined);
  } catch (error) {
    if (!(error instanceof InvalidContactError)) throw error;
    problems.push(`context "harvestContact": ${error.message}`);
  }
  const hour = Number(node.tryGetContext('harvestHour') ?? DEFAULT_HARVEST_HOUR_UTC);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    problems.push('context "harvestHour" must be an hour 0–23 (UTC)');
  return { sources, contact, firstRunHourUtc: hour };
}

function idList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
