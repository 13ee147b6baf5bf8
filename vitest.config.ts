import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two tiers, both run by `npm test`:
 *  - fast: in-process tests (unit, golden, property, API through app.request, CDK template assertions, contract suites
 *    of the memory and filesystem stores). `npm run test:fast` while working.
 *  - slow: what starts processes or measures the machine: the CLI and server as real processes, s3rver, Chromium,
 *    bundling with esbuild, poppler as an oracle and rasteriser, the OCR engine on real scans, the bench smoke run,
 *    heap measurements. `npm run test:slow`.
 * A test file belongs to the slow tier by being listed here; everything else under test/ is fast.
 */
const SLOW = [
  'test/e2e/**/*.test.ts',
  'test/ocr/**/*.test.ts',
  'test/api/serve-cli.test.ts',
  'test/contract/s3-blob-store.test.ts',
  'test/contract/*-s3rver.test.ts',
  'test/infra/bundle.test.ts',
  'test/unit/bench-smoke.test.ts',
  'test/unit/document-extractor.test.ts',
  'test/unit/ocr-extractor.test.ts',
  'test/unit/render-memory.test.ts',
];

export default defineConfig({
  test: {
    // Timeouts only catch a hang: no test's outcome may depend on how fast or busy the machine is. The slowest test
    // takes about 8 s on an idle 2-core machine; this leaves room for a loaded CI runner many times over.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SLOW] },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
