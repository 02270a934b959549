import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // TINYGRAD_BACKEND=ts|wasm runs the whole suite on one kernel set (see docs/performance.md)
    setupFiles: ['test/kernels/backend-setup.ts'],
  },
});
