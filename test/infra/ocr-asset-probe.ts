/**
 * Checks the OCR folder of a synthesized ingest asset the way Lambda would use it: copied away from the repository
 * (so nothing can be resolved from node_modules), loaded in a fresh Node process, reading a real scanned line.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BUNDLED } from '../../functions/adapters/ocr/ocr-assets.ts';
import { WASM_CORES } from '../../infra/ocr-asset.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

/** Zipped size of the asset folder, as Lambda stores it (zip -9). */
function zippedBytes(dir: string): number {
  const zip = join(mkdtempSync(join(tmpdir(), 'paragraf-zip-')), 'asset.zip');
  execFileSync('zip', ['-qr9', zip, '.'], { cwd: dir });
  const size = statSync(zip).size;
  rmSync(zip, { force: true });
  return size;
}

export function expectSelfContainedOcr(assetDir: string, pgm: string): void {
  const files = filesUnder(assetDir);
  expect(
    files.filter((f) => f.endsWith('.node')),
    'no native addons in the asset',
  ).toEqual([]);
  for (const name of [BUNDLED.tesseract, BUNDLED.worker, BUNDLED.trainedData, ...WASM_CORES]) {
    expect(files, `ocr/${name} in the asset`).toContain(join('ocr', name));
  }
  const copy = mkdtempSync(join(tmpdir(), 'paragraf-ocr-asset-'));
  try {
    cpSync(join(assetDir, 'ocr'), join(copy, 'ocr'), { recursive: true });
    const script = `
      const { join } = require('node:path');
      const dir = join(process.cwd(), 'ocr');
      const t = require(join(dir, '${BUNDLED.tesseract}'));
      (async () => {
        const w = await t.createWorker('swe', t.OEM.LSTM_ONLY, { workerPath: join(dir, '${BUNDLED.worker}'), langPath: dir,
          gzip: true, cacheMethod: 'none', workerBlobURL: false });
        const r = await w.recognize(require('node:fs').readFileSync(${JSON.stringify(pgm)}));
        await w.terminate();
        process.stdout.write(r.data.text);
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const text = execFileSync(process.execPath, ['-e', script], {
      cwd: copy,
      env: { PATH: process.env.PATH ?? '' },
    }).toString();
    expect(text).toMatch(/Cykelplan/u);
    const unzipped = files.reduce((sum, f) => sum + statSync(join(assetDir, f)).size, 0);
    console.log(
      `ingest asset: ${(unzipped / 1e6).toFixed(1)} MB unzipped, ${(zippedBytes(assetDir) / 1e6).toFixed(1)} MB zipped`,
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
