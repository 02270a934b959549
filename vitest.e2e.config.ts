import { defineConfig } from 'vitest/config';

// Tests of the built package (packed tarball, browser) and the public types. They need `dist/`,
// which the global setup builds when it is missing or older than src/; `npm test` stays build-free.
export default defineConfig({
  test: {
    include: ['test/package/**/*.e2e.ts', 'test/browser/**/*.e2e.ts'],
    globalSetup: ['test/package/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/types/tsconfig.json',
    },
  },
});
