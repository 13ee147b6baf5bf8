import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseSourceDefinition,
  SourceDefinitionError,
  type SourceDefinition,
} from '../../core/harvest/source-definition.ts';

/** Where the shipped source lists live (one file per system; any *.json file in the folder is read). */
export const DEFAULT_SOURCES_PATH = 'data/sources';

/** One or more source files could not be used; `problems` names the file and entry of each. */
export class SourceFilesError extends Error {
  override name = 'SourceFilesError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid harvest sources:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Every source in a file (`{"sources":[…]}` or a bare list) or in every *.json file of a folder, in file order.
 * All problems of all files are reported together; two sources with one id are a problem too. Synchronous, so the CDK
 * app (which builds its stack synchronously) reads the same files the same way as the CLI.
 */
export function loadSources(path: string = DEFAULT_SOURCES_PATH): SourceDefinition[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(path, name))
    : [path];
  const problems: string[] = [];
  const sources: SourceDefinition[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      problems.push(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { sources?: unknown } | null)?.sources;
    if (!Array.isArray(list)) {
      problems.push(`${file}: expected {"sources": [...]} or a list of sources`);
      continue;
    }
    list.forEach((entry, i) => {
      try {
        sources.push(parseSourceDefinition(entry, `${file}: sources[${i}]`));
      } catch (error) {
        if (!(error instanceof SourceDefinitionError)) throw error;
        problems.push(error.message);
      }
    });
  }
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.id)) problems.push(`source id "${s.id}" is used twice`);
    seen.add(s.id);
  }
  if (problems.length > 0) throw new SourceFilesError(problems);
  return sources;
}
