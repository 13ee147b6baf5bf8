/**
 * The project's import graph, read from the sources as text: what each file imports (static, type-only or dynamic),
 * resolved to repository paths or package names. Used by test/architecture.test.ts to enforce the dependency rule,
 * and runnable to measure what an entry point loads:
 *
 *   node bin/run-ts.js test/support/import-graph.ts functions/cli/main.ts functions/cli/commands/serve.ts
 *
 * prints the project files and the packages reachable through runtime imports (static imports and the entries
 * given; `import type` is erased by TypeScript and not followed; a dynamic import() is followed only when its
 * target is given as an entry, as `paragraf serve` loads main.ts and then the serve command).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type ImportKind = 'static' | 'type' | 'dynamic';

export interface ImportRef {
  specifier: string;
  kind: ImportKind;
  /** Repository path (forward slashes) of a relative import, or undefined for a package or built-in. */
  target?: string;
  /** The package name of a bare specifier ("@aws-sdk/client-s3", "hono"), or the built-in ("node:fs"). */
  packageName?: string;
}

const STATIC_RE = /(?:^|\n|;)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gu;
const DYNAMIC_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gu;

/** Comments removed (they mention imports in prose), strings kept. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"`\\])\/\/.*$/gmu, '$1');
}

/** Every import of a source text; `file` (repository path) resolves relative ones. */
export function importsOf(file: string, source: string): ImportRef[] {
  const code = withoutComments(source);
  const refs: ImportRef[] = [];
  for (const m of code.matchAll(STATIC_RE)) refs.push(ref(file, m[3]!, m[2] ? 'type' : 'static'));
  for (const m of code.matchAll(DYNAMIC_RE)) refs.push(ref(file, (m[1] ?? m[2])!, 'dynamic'));
  return refs;
}

function ref(file: string, specifier: string, kind: ImportKind): ImportRef {
  if (specifier.startsWith('.'))
    return { specifier, kind, target: join(dirname(file), specifier).split(sep).join('/') };
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return { specifier, kind, packageName };
}

/** True for node:fs, fs, fs/promises … */
export function isBuiltin(packageName: string): boolean {
  return packageName.startsWith('node:') || builtinModules.includes(packageName);
}

/** Every .ts/.js file below `dir` (repository path), sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(join(REPO, d)).sort()) {
      const path = `${d}/${name}`;
      if (statSync(join(REPO, path)).isDirectory()) walk(path);
      else if (/\.(?:ts|js)$/u.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

export function readSource(file: string): string {
  return readFileSync(join(REPO, file), 'utf8');
}

export interface Reach {
  files: string[];
  packages: string[];
}

/** The project files and packages loaded when `entries` are loaded: runtime imports only (see the top of the file). */
export function reachable(entries: readonly string[], read: (file: string) => string = readSource): Reach {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const r of importsOf(file, read(file))) {
      if (r.kind !== 'static') continue;
      if (r.target !== undefined) queue.push(r.target);
      else if (r.packageName !== undefined && !isBuiltin(r.packageName)) packages.add(r.packageName);
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = process.argv.slice(2).map((f) => relative(REPO, resolve(f)).split(sep).join('/'));
  const missing = entries.filter((f) => !existsSync(join(REPO, f)));
  if (entries.length === 0 || missing.length > 0) {
    console.error(
      `usage: node bin/run-ts.js test/support/import-graph.ts ENTRY.ts… ${missing.length ? `(missing: ${missing.join(', ')})` : ''}`,
    );
    process.exit(2);
  }
  const reach = reachable(entries);
  console.log(`${reach.files.length} project files, ${reach.packages.length} packages: ${reach.packages.join(', ')}`);
  if (process.env.LIST) for (const f of reach.files) console.log(`  ${f}`);
}
