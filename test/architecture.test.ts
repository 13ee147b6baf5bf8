import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core is pure: no Node built-ins, no AWS SDK, no hono, no clock, no environment (ARCHITECTURE.md, "Pure staged
 * parser"). Every import specifier in functions/core is read; relative imports must stay inside the core, and
 * packages may only be pure libraries (never a Node built-in, the AWS SDK or hono).
 */
const root = join(import.meta.dirname, '..');
const core = join(root, 'functions', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gu;

function specifiers(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('architecture: functions/core is pure', () => {
  const sources = files(core);

  it('finds the core files', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(specifiers("import { x } from 'node:fs';\nexport { y } from \"hono\";")).toEqual(['node:fs', 'hono']);
    expect(builtinModules).toContain('fs');
  });

  for (const file of sources) {
    const name = relative(root, file);
    it(`${name} imports only core files`, () => {
      const source = readFileSync(file, 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"`])\/\/.*$/gmu, '$1');
      for (const spec of specifiers(source)) {
        expect(spec, `${name} imports ${spec}`).not.toMatch(/^node:|^@aws-sdk|^hono(?:\/|$)|^@hono/u);
        expect(builtinModules.includes(spec.split('/')[0] ?? ''), `${name} imports built-in ${spec}`).toBe(false);
        if (spec.startsWith('.')) expect(join(file, '..', spec).startsWith(core), `${name} leaves the core: ${spec}`).toBe(true);
      }
      expect(code, `${name} reads the environment`).not.toMatch(/process\.env|\bprocess\./u);
      expect(code, `${name} reads the clock`).not.toMatch(/Date\.now\(|new Date\(\s*\)/u);
    });
  }
});
