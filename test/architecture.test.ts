import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, isBuiltin, reachable, readSource, sourceFiles } from './support/import-graph.ts';

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

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gu;

function specifiers(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('architecture: functions/core is pure', () => {
  const sources = files(core);

  it('finds the core files', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(specifiers('import { x } from \'node:fs\';\nexport { y } from "hono";')).toEqual(['node:fs', 'hono']);
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
        if (spec.startsWith('.'))
          expect(join(file, '..', spec).startsWith(core), `${name} leaves the core: ${spec}`).toBe(true);
      }
      expect(code, `${name} reads the environment`).not.toMatch(/process\.env|\bprocess\./u);
      expect(code, `${name} reads the clock`).not.toMatch(/Date\.now\(|new Date\(\s*\)/u);
    });
  }
});

/**
 * The whole dependency rule (docs/architecture.md): which layer may import which, read from every import of
 * functions/ and infra/. `core ← store, published ← pipeline ← {handlers, cli}`; the API reads through published and
 * never reaches the store or the publisher (the admin, functions/admin, may call pipeline use cases through one entry,
 * pipeline/use-cases.ts); pages never import routes; adapters implement ports and only handlers
 * and the CLI choose them; lib is Node-only helpers without project knowledge.
 */
type Layer =
  | 'core'
  | 'lib'
  | 'ports'
  | 'store'
  | 'published'
  | 'adapters'
  | 'pipeline'
  | 'api'
  | 'admin'
  | 'handlers'
  | 'cli'
  | 'infra';

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  lib: ['lib'],
  ports: ['core', 'ports'],
  store: ['core', 'lib', 'ports', 'store'],
  published: ['core', 'lib', 'ports', 'published'],
  adapters: ['core', 'lib', 'ports', 'adapters'],
  pipeline: ['core', 'lib', 'ports', 'store', 'published', 'pipeline'],
  api: ['core', 'lib', 'ports', 'published', 'api'],
  admin: ['core', 'lib', 'ports', 'published', 'api', 'admin'],
  handlers: ['core', 'lib', 'ports', 'store', 'published', 'adapters', 'pipeline', 'api', 'admin', 'handlers'],
  cli: ['core', 'lib', 'ports', 'store', 'published', 'adapters', 'pipeline', 'api', 'admin', 'cli'],
  infra: ['core', 'store', 'published', 'infra'],
};

/** Packages a layer must not import: the SDK and the web framework stay at the edges, the contracts stay plain. */
const NO_PACKAGES: Partial<Record<Layer, RegExp>> = {
  core: /^(?:node:|@aws-sdk\/|hono$|@hono\/)/u,
  lib: /^(?!node:)/u,
  ports: /^/u,
  store: /^(?:@aws-sdk\/|hono$|@hono\/)/u,
  published: /^(?:@aws-sdk\/|hono$|@hono\/)/u,
  pipeline: /^(?:@aws-sdk\/|hono$|@hono\/)/u,
  api: /^@aws-sdk\//u,
  admin: /^@aws-sdk\//u,
};

/** Inside the API: what its parts may not import. Pages render, routes answer /v1; both read the read model. */
const API_PARTS_MAY_NOT: Record<string, readonly string[]> = {
  pages: ['routes'],
  'read-model': ['routes', 'pages', 'http', 'request', 'schema'],
  request: ['routes', 'pages', 'read-model', 'http', 'schema'],
  http: ['routes', 'pages'],
};

/** The admin's one door into the pipeline: the use cases (the API itself never reaches the pipeline). */
const ADMIN_ENTRY = { from: 'functions/admin/', to: 'functions/pipeline/use-cases.ts' };

/**
 * What infra reads besides the layouts of store/ and published/, each for the same reason: the stack must agree with
 * the code about data it deploys. The OCR engine's asset folder (infra/ocr-asset.ts builds what the adapter reads),
 * and the harvest source files (infra/harvest-config.ts schedules the sources the CLI reads from the same files).
 */
const INFRA_ALSO_READS = ['functions/adapters/ocr/ocr-assets.ts', 'functions/pipeline/harvest/source-files.ts'];

/**
 * Known exceptions, each with its reason; type-only, and checked to still be needed. The privacy gate is pure (it
 * imports only the core) and belongs in core/privacy; it moves there on the privacy branch, which removes this.
 */
const EXCEPTIONS = [
  {
    from: 'functions/store/meeting-record.ts',
    to: 'functions/pipeline/privacy-gate.ts',
    why: 'the record stores the gate’s HoldReason and PrivateReviewParagraph types; the pure gate moves to core/privacy',
  },
];

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

function layerOf(file: string): Layer | undefined {
  if (file.startsWith('infra/')) return 'infra';
  const m = /^functions\/([^/]+)\//u.exec(file);
  return m && m[1]! in MAY_IMPORT ? (m[1] as Layer) : undefined;
}

/** An adapter is a file of adapters/, or a folder of them (adapters/ocr/): the unit that implements a port. */
function adapterOf(file: string): string {
  const m = /^functions\/adapters\/([^/]+)\//u.exec(file);
  return m ? `functions/adapters/${m[1]}/` : file;
}

function apiPart(file: string): string | undefined {
  return /^functions\/api\/([^/]+)\//u.exec(file)?.[1];
}

/** Every import in `sources` (repository path → source text) that breaks the rule. */
function dependencyViolations(sources: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  const usedExceptions = new Set<string>();
  const adapterImporters = new Map<string, string[]>();
  for (const [file, source] of sources) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const r of importsOf(file, source)) {
      const bad = (rule: string) => out.push({ file, specifier: r.specifier, rule });
      if (r.packageName !== undefined) {
        if (NO_PACKAGES[from]?.test(r.packageName) || (from === 'core' && isBuiltin(r.packageName)))
          bad(`${from} imports no ${r.packageName}`);
        continue;
      }
      const target = r.target!;
      const to = layerOf(target);
      if (to === undefined) {
        bad(`${from} imports only functions/ and infra/`);
        continue;
      }
      if (to === 'adapters' && from !== 'adapters')
        adapterImporters.set(adapterOf(target), [...(adapterImporters.get(adapterOf(target)) ?? []), file]);
      const exception = EXCEPTIONS.find((e) => e.from === file && e.to === target);
      if (exception && r.kind === 'type') {
        usedExceptions.add(`${exception.from} → ${exception.to}`);
        continue;
      }
      if (from === 'admin' && to === 'pipeline' && file.startsWith(ADMIN_ENTRY.from) && target === ADMIN_ENTRY.to)
        continue;
      if (from === 'infra' && INFRA_ALSO_READS.includes(target)) continue;
      if (!MAY_IMPORT[from].includes(to)) bad(`${from} may not import ${to}`);
      const part = apiPart(file);
      const targetPart = apiPart(target);
      if (from === 'api' && to === 'api' && part && targetPart && API_PARTS_MAY_NOT[part]?.includes(targetPart))
        bad(`api/${part} may not import api/${targetPart}`);
    }
  }
  // Adapters implement ports: one that code outside adapters uses must implement a port (helpers of adapters need not).
  for (const [adapter, importers] of adapterImporters) {
    const files = [...sources.keys()].filter((f) => f === adapter || (adapter.endsWith('/') && f.startsWith(adapter)));
    if (files.length === 0) continue;
    const implementsPort = files.some((f) =>
      importsOf(f, sources.get(f)!).some((r) => r.target !== undefined && layerOf(r.target) === 'ports'),
    );
    if (!implementsPort)
      out.push({
        file: importers[0]!,
        specifier: adapter,
        rule: 'an adapter used outside adapters/ implements a port',
      });
  }
  for (const e of EXCEPTIONS) {
    if (sources.has(e.from) && !usedExceptions.has(`${e.from} → ${e.to}`))
      out.push({ file: e.from, specifier: e.to, rule: `exception no longer needed: remove it (${e.why})` });
  }
  return out;
}

describe('architecture: the dependency rule', () => {
  it('catches a violating import (self-test)', () => {
    const tree = new Map<string, string>([
      [
        'functions/api/routes/bad.ts',
        "import { readManifest } from '../../pipeline/publish/commit.ts';\nimport { putJson } from '../../store/json.ts';",
      ],
      ['functions/api/pages/bad.ts', "import { sendJson } from '../routes/respond.ts';"],
      [
        'functions/admin/ok.ts',
        "import { release } from '../pipeline/use-cases.ts';\nimport type { X } from '../published/manifest.ts';\nimport { html } from '../api/pages/html.ts';",
      ],
      ['functions/admin/bad.ts', "import { commitManifest } from '../pipeline/publish/commit.ts';"],
      ['functions/api/routes/admin-bad.ts', "import { createAdminApp } from '../../admin/admin-app.ts';"],
      [
        'functions/pipeline/bad.ts',
        "import { FsBlobStore } from '../adapters/fs-blob-store.ts';\nimport { S3Client } from '@aws-sdk/client-s3';",
      ],
      ['functions/published/bad.ts', "import { recordKey } from '../store/keys.ts';"],
      [
        'functions/core/bad.ts',
        "import { readFile } from 'node:fs/promises';\nconst later = () => import('../pipeline/x.ts');",
      ],
      ['functions/adapters/fs-blob-store.ts', "import { join } from 'node:path';"],
      [
        'functions/cli/ok.ts',
        "import { FsBlobStore } from '../adapters/fs-blob-store.ts';\nimport { createApp } from '../api/create-app.ts';",
      ],
      ['functions/handlers/bad.ts', "import { main } from '../cli/main.ts';"],
      [
        'infra/bad.ts',
        "import { publishDatasets } from '../functions/pipeline/publish-datasets.ts';\nimport { S3BlobStore } from '../functions/adapters/s3-blob-store.ts';",
      ],
      // A folder of adapters is one adapter: its configuration helper may be used by a composition root.
      ['functions/adapters/ocr/ocr-assets.ts', "import { join } from 'node:path';"],
      [
        'functions/adapters/ocr/engine.ts',
        "import type { Ocr } from '../../ports/ocr.ts';\nimport { join } from 'node:path';",
      ],
      ['functions/cli/ocr.ts', "import { locate } from '../adapters/ocr/ocr-assets.ts';"],
      ['infra/asset.ts', "import { BUNDLED } from '../functions/adapters/ocr/ocr-assets.ts';"],
      // Comments and strings that look like imports are not imports.
      [
        'functions/core/ok.ts',
        "// import { x } from '../pipeline/y.ts';\n/* export * from 'node:fs'; */\nexport const s = 'no import here';",
      ],
    ]);
    const found = dependencyViolations(tree).map((v) => `${v.file} → ${v.specifier}: ${v.rule}`);
    expect(found).toEqual([
      'functions/api/routes/bad.ts → ../../pipeline/publish/commit.ts: api may not import pipeline',
      'functions/api/routes/bad.ts → ../../store/json.ts: api may not import store',
      'functions/api/pages/bad.ts → ../routes/respond.ts: api/pages may not import api/routes',
      'functions/admin/bad.ts → ../pipeline/publish/commit.ts: admin may not import pipeline',
      'functions/api/routes/admin-bad.ts → ../../admin/admin-app.ts: api may not import admin',
      'functions/pipeline/bad.ts → ../adapters/fs-blob-store.ts: pipeline may not import adapters',
      'functions/pipeline/bad.ts → @aws-sdk/client-s3: pipeline imports no @aws-sdk/client-s3',
      'functions/published/bad.ts → ../store/keys.ts: published may not import store',
      'functions/core/bad.ts → node:fs/promises: core imports no node:fs',
      'functions/core/bad.ts → ../pipeline/x.ts: core may not import pipeline',
      'functions/handlers/bad.ts → ../cli/main.ts: handlers may not import cli',
      'infra/bad.ts → ../functions/pipeline/publish-datasets.ts: infra may not import pipeline',
      'infra/bad.ts → ../functions/adapters/s3-blob-store.ts: infra may not import adapters',
      'functions/pipeline/bad.ts → functions/adapters/fs-blob-store.ts: an adapter used outside adapters/ implements a port',
    ]);
  });

  it('holds for every import of functions/ and infra/', () => {
    const files = [...sourceFiles('functions'), ...sourceFiles('infra')];
    expect(files.length).toBeGreaterThan(150);
    const found = dependencyViolations(new Map(files.map((f) => [f, readSource(f)])));
    expect(found.map((v) => `${v.file} → ${v.specifier}: ${v.rule}`)).toEqual([]);
  });

  it('paragraf serve loads the server and the API, not the PDF reader or the Parquet writer', () => {
    const serve = reachable(['functions/cli/main.ts', 'functions/cli/commands/serve.ts']);
    expect(serve.files).toContain('functions/api/create-app.ts');
    expect(serve.files.filter((f) => /pdf|parquet|document-extractor|pipeline\//u.test(f))).toEqual([]);
    expect(serve.packages).not.toContain('unpdf');
    expect(serve.packages).not.toContain('hyparquet-writer');
    // The API Lambda likewise: the published format and the app, no publisher.
    expect(reachable(['functions/handlers/api.ts']).files.filter((f) => f.startsWith('functions/pipeline/'))).toEqual(
      [],
    );
  });
});
