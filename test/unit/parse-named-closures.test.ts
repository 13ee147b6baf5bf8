import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The parser makes no named closure inside a function. The CLI, `npm start` and the bench load the TypeScript sources
 * through tsx, which compiles them with esbuild's keepNames: each `const f = () => …` inside a function is wrapped in
 * `__name(…, "f")`, an Object.defineProperty on every closure as it is made. Made per § or per line, that cost 3.9 % of
 * a parse's CPU time on the goal's protocols (issue 11); a module function taking what it reads costs nothing. Anonymous
 * callbacks (`list.filter((s) => …)`) are not renamed and stay allowed.
 */
const root = join(import.meta.dirname, '..', '..');
const parse = join(root, 'functions', 'core', 'parse');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The lines where keepNames renames a closure inside a function: an indented `__name(` of a function expression (at
 * the top level esbuild does not indent; the name may stand lines further down, after a closure's body).
 */
function namedClosures(source: string): string[] {
  const { code } = transformSync(source, { loader: 'ts', format: 'esm', keepNames: true });
  return [...code.matchAll(/^[ \t]+(.*?__name\((?:\(|function\b|async\b).*)$/gmu)].map((m) => m[1] ?? '');
}

describe('the parser makes no named closure inside a function', () => {
  it('tells a named closure inside a function from module-level and anonymous ones', () => {
    const source = [
      'const atTop = (x: number) => x + 1;',
      'export function f(xs: number[], k: number): number[] {',
      '  const inner = (x: number) => x * k;',
      '  const longer = (x: number) => {',
      '    const y = x * 2;',
      '    return y;',
      '  };',
      '  return xs.map((x) => inner(x) + longer(x) + atTop(x));',
      '}',
    ].join('\n');
    const found = namedClosures(source);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('"inner"');
    expect(found[1]).toMatch(/^const longer = /u);
  });

  const sources = files(parse);
  it('finds the parser files', () => expect(sources.length).toBeGreaterThan(20));
  for (const file of sources) {
    it(relative(root, file), () => expect(namedClosures(readFileSync(file, 'utf8'))).toEqual([]));
  }
});
