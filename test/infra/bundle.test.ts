/**
 * A real synth with bundling, as `cdk synth` / `cdk deploy` do it: local esbuild (no Docker, no network), ESM
 * output. Checks what would be uploaded: one index.mjs per function with the require banner, within the size
 * goals, and importable in a fresh Node process with a `handler` export.
 *
 * The second suite bundles the real functions/handlers/*.ts and FAILS (it is not skipped) while a handler file is
 * missing: a stack that cannot be bundled cannot be deployed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/bundling.ts';
import { importInFreshNode } from '../../infra/bundle-probe.ts';
import { buildParagrafApp, handlerEntries, PROJECT_ROOT } from '../../infra/paragraf-app.ts';
import type { HandlerEntries } from '../../infra/paragraf-stack.ts';
import { rasterise, readPnm } from '../support/image-pdf.ts';
import { HARVEST_CONTEXT } from './harvest-context.ts';
import { expectSelfContainedOcr } from './ocr-asset-probe.ts';
import { FIXTURE_ENTRIES, TEST_CONTEXT } from './stack-fixture.ts';

/** The top fifth of a page raster (heading and title of a §), so the engine has little to read. */
function cropPgm(bytes: Uint8Array): Uint8Array {
  const { width, height, data } = readPnm(bytes);
  const rows = Math.round(height / 5);
  return Buffer.concat([Buffer.from(`P5\n${width} ${rows}\n255\n`, 'latin1'), data.subarray(0, width * rows)]);
}

/** Goals of the issue, in bytes (1 KB = 1000 B). */
const MAX_BYTES = {
  api: 500_000,
  ingest: 3_000_000,
  publish: 3_000_000,
  harvest: 1_500_000,
  admin: 1_000_000,
} as const;
const FUNCTION_PATHS = {
  ingest: 'Ingest/Function',
  publish: 'Publish/Function',
  api: 'Site/ApiFunction',
  harvest: 'Harvest/Function',
  admin: 'Admin/Function',
} as const;
/** The admin is deployed once the site's URL is known. */
const ADMIN_CONTEXT = { publicBaseUrl: 'https://d111111abcdef8.cloudfront.net' };
type Name = keyof typeof FUNCTION_PATHS;

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes with bundling and returns each function's bundle file in the cloud assembly. */
function synthWithBundling(entries: HandlerEntries): Record<Name, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'paragraf-bundle-'));
  outdirs.push(outdir);
  const { app, stack } = buildParagrafApp({
    outdir,
    entries,
    context: { ...TEST_CONTEXT, ...HARVEST_CONTEXT, ...ADMIN_CONTEXT },
  });
  const assembly = app.synth();
  const template = assembly.getStackArtifact(stack.artifactId).template as { Resources: Record<string, any> };
  const bundles = {} as Record<Name, string>;
  for (const [name, path] of Object.entries(FUNCTION_PATHS) as [Name, string][]) {
    const fn = stack.node.findChild(path.split('/')[0]!).node.findChild(path.split('/')[1]!);
    const logicalId = stack.resolve((fn.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;
    const key = template.Resources[logicalId].Properties.Code.S3Key as string;
    bundles[name] = join(outdir, `asset.${key.replace(/\.zip$/u, '')}`, 'index.mjs');
  }
  return bundles;
}

async function expectDeployableBundles(bundles: Record<Name, string>): Promise<void> {
  for (const [name, file] of Object.entries(bundles) as [Name, string][]) {
    expect(existsSync(file), `${name}: ${file}`).toBe(true);
    expect(readFileSync(file, 'utf8').startsWith(ESM_REQUIRE_BANNER), `${name} starts with the require banner`).toBe(
      true,
    );
    expect(statSync(file).size, `${name} bundle bytes`).toBeLessThanOrEqual(MAX_BYTES[name]);
    const probe = await importInFreshNode(file);
    expect(probe.handlerType, `${name} exports handler`).toBe('function');
  }
}

describe('bundling with the stack settings (stand-in handlers)', () => {
  it('produces an importable ESM bundle per function with local esbuild, within the size goals', async () => {
    await expectDeployableBundles(synthWithBundling(FIXTURE_ENTRIES));
  }, 300_000);
});

describe('bundling the real handlers (functions/handlers)', () => {
  it('finds every handler entry file of the contract', () => {
    const missing = Object.values(handlerEntries())
      .filter((entry) => !existsSync(entry))
      .map((e) => relative(PROJECT_ROOT, e));
    expect(missing, 'handler entry files missing').toEqual([]);
  });

  it('bundles them into importable ESM bundles within the size goals, ingest with a self-contained OCR engine', async () => {
    const entries = handlerEntries();
    const missing = Object.values(entries).filter((entry) => !existsSync(entry));
    expect(missing, 'cannot bundle: handler entry files missing').toEqual([]);
    const bundles = synthWithBundling(entries);
    await expectDeployableBundles(bundles);
    // Swedish text stays UTF-8 (esbuild's --charset=utf8), not \u escapes that take three times the bytes.
    expect(readFileSync(bundles.api, 'utf8')).toContain('14 Upplands Väsby,'); // the municipality list, a string literal
    // The same files on arm64 and x86_64: WebAssembly and JavaScript only, read from the asset, never fetched.
    const page = join(outdirs[0]!, 'page.pgm');
    writeFileSync(
      page,
      cropPgm(
        rasterise(join(PROJECT_ROOT, 'test/golden/alingsas-tekniska-namnden-2026-05-18.pdf'), {
          dpi: 200,
          format: 'pgm',
          first: 9,
          last: 9,
        })[0]!.bytes,
      ),
    );
    expectSelfContainedOcr(dirname(bundles.ingest), page);
  }, 300_000);
});
