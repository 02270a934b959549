import { defineConfig } from 'tsup';

export default defineConfig({
  // The testing entry shares the library's code through a common chunk (in CJS too: splitting), so a
  // Tensor from 'tinygrad-ts' and one made by 'tinygrad-ts/testing' come from one copy; fast-check stays external.
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  splitting: true,
  external: ['fast-check'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
