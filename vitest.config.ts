import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timeouts only catch a hang: no test's outcome may depend on how fast or busy the machine is. The slowest test
    // takes about 8 s on an idle 2-core machine; this leaves room for a loaded CI runner many times over.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
