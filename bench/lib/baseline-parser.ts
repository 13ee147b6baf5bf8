import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ParseInput } from '../../functions/core/records/types.ts';

/**
 * The parser a speed goal was set against, rebuilt from the repository's own history, so that the parse suite can
 * compare with it in the same process (a ratio holds on any machine; an absolute §/s figure only on the machine it was
 * measured on). Issue 11's goal "text → records ≥ 20,000 §/s on one core (today 20,233)" was measured on main just
 * before issue 11 landed, on the corpus of that day: commit ce2d0a4 and the protocols in test/golden at that commit.
 */
export const PRE_ISSUE_11 = {
  commit: 'ce2d0a41c430f8eea48ef60d003376a841abf530',
  label: 'parser before issue 11 (ce2d0a4)',
  /** The goal as the issue states it, and the figure the baseline parser reached when it was set. */
  goal: 20_000,
  measuredThen: 20_233,
} as const;

/** The two functions of a parser build the suite calls. */
export interface ParserModule {
  parseProtocol(input: ParseInput): { paragraphs: readonly unknown[] };
  fileNameHints(fileName: string): ParseInput['hints'];
}

/** The baseline cannot be built here: no git, a shallow clone without that commit, or the build failed. */
export class BaselineUnavailableError extends Error {
  override name = 'BaselineUnavailableError';
}

/** How a parser build is loaded: its TypeScript sources module by module, or one esbuild bundle. */
export type ParserForm = 'sources' | 'bundle';

/**
 * Imports the parser of `commit` in the given form: `git archive` of its functions/ folder, extracted once per commit
 * under `workDir` (inside the repository, so module resolution finds today's node_modules). 'sources' imports its
 * TypeScript modules through the loader the bench itself runs under (tsx), as the goal was measured then; 'bundle'
 * imports an esbuild bundle of them, as a Lambda handler runs the parser.
 */
export async function loadParserAt(
  repoRoot: string,
  commit: string,
  workDir: string,
  form: ParserForm,
): Promise<ParserModule> {
  const dir = join(workDir, `parser-${commit.slice(0, 12)}`);
  const entry = join(dir, 'entry.ts');
  if (!existsSync(entry)) {
    const archive = spawnSync('git', ['-C', repoRoot, 'archive', '--format=tar', commit, 'functions'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    if (archive.status !== 0)
      throw new BaselineUnavailableError(
        `git archive ${commit.slice(0, 7)} failed: ${archive.error?.message ?? archive.stderr.toString().trim()}`,
        { cause: archive.error },
      );
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0)
      throw new BaselineUnavailableError(`tar failed: ${untar.error?.message ?? untar.stderr.toString().trim()}`, {
        cause: untar.error,
      });
    writeEntry(entry, dir);
  }
  return loadParser(entry, form);
}

/** Today's parser (the working tree's functions/) in the given form, built the same way as an old one. */
export async function loadWorkingParser(repoRoot: string, workDir: string, form: ParserForm): Promise<ParserModule> {
  const dir = join(workDir, 'parser-working-tree');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  writeEntry(entry, repoRoot);
  return loadParser(entry, form);
}

function writeEntry(entry: string, root: string): void {
  const from = (file: string) => {
    const path = relative(dirname(entry), join(root, 'functions', file))
      .split(sep)
      .join('/');
    return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
  };
  writeFileSync(
    entry,
    `export { parseProtocol } from ${from('core/parse/parse-protocol.ts')};\n` +
      `export { fileNameHints } from ${from('pipeline/file-name-hints.ts')};\n`,
  );
}

async function loadParser(entry: string, form: ParserForm): Promise<ParserModule> {
  if (form === 'sources') return (await import(pathToFileURL(entry).href)) as ParserModule;
  const bundle = entry.replace(/\.ts$/u, '.bundle.mjs');
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: bundle,
      logLevel: 'silent',
    });
  } catch (error) {
    throw new BaselineUnavailableError(`bundling the parser at ${entry} failed`, { cause: error });
  }
  return (await import(pathToFileURL(bundle).href)) as ParserModule;
}

/** The base names of the corpus files (PDF, text, Markdown) that `dir` held at `commit`. */
export function corpusNamesAt(repoRoot: string, commit: string, dir: string): Set<string> {
  const listed = spawnSync('git', ['-C', repoRoot, 'ls-tree', '--name-only', `${commit}:${dir}`], { encoding: 'utf8' });
  if (listed.status !== 0)
    throw new BaselineUnavailableError(`git ls-tree ${commit.slice(0, 7)} failed: ${listed.stderr.trim()}`, {
      cause: listed.error,
    });
  return new Set(listed.stdout.split('\n').filter((f) => /\.(?:pdf|txt|md)$/u.test(f)));
}
