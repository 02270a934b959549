// Pack the package as npm would publish it, install the tarball into fresh ESM, CJS and TypeScript
// (node16, nodenext, bundler) projects, and compute a gradient in each through both entry points.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projects } from './projects.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const withTesting = './testing' in manifest.exports;
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'tinygrad-ts-pack-'));
let tarball = '';

const sh = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root)) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  // What npm publishes: dist/ plus the always-included files, nothing else.
  const paths = packed[0]!.files.map((f) => f.path);
  expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  test('the ESM build bundles for the browser: no Node built-in is imported, statically or dynamically', async () => {
    // esbuild with platform 'browser' cannot resolve node:* modules, so any import of one fails the bundle
    // (source text inside strings, such as a worker's code, is not an import and does not count).
    for (const entry of ['index.js', 'testing.js'].filter((f) => existsSync(join(root, 'dist', f)))) {
      const result = await build({
        entryPoints: [join(root, 'dist', entry)], bundle: true, platform: 'browser', format: 'esm',
        write: false, logLevel: 'silent', external: ['fast-check'],
      }).catch((e: { errors?: { text: string }[] }) => ({ errors: e.errors ?? [{ text: String(e) }] }));
      expect(result.errors.map((e) => e.text), entry).toEqual([]);
    }
  });

  test.each(projects(withTesting).map((p) => [p.name, p] as const))('%s project: installs, computes d/dx Σx² = 2x, property-tests an op', async (_name, project) => {
    const dir = join(work, project.name);
    for (const [rel, text] of Object.entries(project.files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--offline', tarball], dir);
    // tinygrad-ts/testing's optional peer: linked from this repo, so no network is needed.
    const fastCheck = join(root, 'node_modules', 'fast-check');
    if (withTesting && existsSync(fastCheck)) symlinkSync(fastCheck, join(dir, 'node_modules', 'fast-check'), 'dir');
    if (project.build !== 'none') sh(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
    if (project.build === 'tsc+bundle') {
      await build({ entryPoints: [join(dir, 'src/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: join(dir, 'out/bundle.mjs'), logLevel: 'silent' });
    }
    for (const program of project.run) {
      const result = JSON.parse(sh(process.execPath, [program], dir)) as { grad: number[]; dtype: string; value: number; testing: string | null };
      expect(result.dtype, program).toBe('float64');
      expect(result.grad.length, program).toBe(3);
      result.grad.forEach((g, i) => expect(Math.abs(g - 2 * (i + 1)), `${program} grad[${i}]`).toBeLessThan(1e-12));
      expect(Math.abs(result.value - 14), `${program} value`).toBeLessThan(1e-12);
      expect(result.testing, `${program}: tinygrad-ts/testing`).toBe(withTesting ? 'checkOpGradients passed' : null);
    }
  });
});
