// Same seed → bit-identical parameters after N training steps: across runs, across processes, and between the ESM
// and CJS builds. The builds are made fresh from tsup.config.ts into a private directory, so the test never reads a
// stale dist/ and never races a concurrent `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tg from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(root, 'test/reliability/fixtures/train.cjs');
const { train } = createRequire(import.meta.url)(fixture) as { train: (lib: unknown, steps: number, seed: number) => { hash: string; sample: number[] } };
const STEPS = 60;

describe('determinism', () => {
  it('the same seed gives bit-identical parameters on every run; another seed gives others', () => {
    const a = train(tg, STEPS, 7);
    const b = train(tg, STEPS, 7);
    expect(a.hash).toBe(b.hash); // sha256 of the raw bytes: bit-identical, not merely close
    expect(train(tg, STEPS, 8).hash).not.toBe(a.hash);
    expect(a.sample.every(Number.isFinite)).toBe(true);
  });

  describe('built ESM and CJS bundles', () => {
    let dir = '';
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tinygrad-determinism-'));
      const { build } = await import('tsup');
      // the repository's tsup.config.ts (formats, target, platform), but without types and into our own directory
      await build({ config: join(root, 'tsup.config.ts'), outDir: join(dir, 'dist'), dts: false, sourcemap: false, silent: true });
    }, 120_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the ESM build, the CJS build and the sources agree bit for bit, each in its own process', () => {
      // a suite forced onto one kernel set (TINYGRAD_BACKEND, see test/kernels/backend-setup.ts) forces the children too
      const sameBackend = "if (['ts', 'wasm'].includes(process.env.TINYGRAD_BACKEND)) lib.setBackend(process.env.TINYGRAD_BACKEND);\n";
      writeFileSync(join(dir, 'run.mjs'),
        `import { createRequire } from 'node:module';\nimport * as lib from './dist/index.js';\n` +
        `const { train } = createRequire(import.meta.url)(${JSON.stringify(fixture)});\n${sameBackend}console.log(JSON.stringify(train(lib, ${STEPS}, 7)));\n`);
      writeFileSync(join(dir, 'run.cjs'),
        `const lib = require('./dist/index.cjs');\nconst { train } = require(${JSON.stringify(fixture)});\n${sameBackend}console.log(JSON.stringify(train(lib, ${STEPS}, 7)));\n`);
      const runIn = (file: string): { hash: string } => {
        const child = spawnSync(process.execPath, [join(dir, file)], { encoding: 'utf8', timeout: 60_000 });
        expect(child.status, child.stderr).toBe(0);
        return JSON.parse(child.stdout.trim()) as { hash: string };
      };
      const esm = runIn('run.mjs');
      const cjs = runIn('run.cjs');
      expect(esm.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(cjs.hash).toBe(esm.hash);
      expect(train(tg, STEPS, 7).hash).toBe(esm.hash);
    }, 60_000);
  });
});
