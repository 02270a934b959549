// The consumer projects of the pack-and-import smoke test: each computes a gradient through the installed package.
export interface Project {
  /** Directory name and test title. */
  readonly name: string;
  /** Files to write, by relative path. */
  readonly files: Readonly<Record<string, string>>;
  /** Programs to run with node after the build step; each prints one JSON line. */
  readonly run: readonly string[];
  /** How to build: nothing, tsc, or tsc (type check) then an esbuild bundle. */
  readonly build: 'none' | 'tsc' | 'tsc+bundle';
}

// d/dx Σ x² = 2x, in float64; plus the testing entry when the package exports it.
const jsBody = (testingLine: string): string => `
const x = Tensor.from([1, 2, 3], { dtype: 'float64' });
const g = grad((t) => t.mul(t).sum())(x);
${testingLine}
console.log(JSON.stringify({ grad: g.toArray(), dtype: g.dtype, testing }));`;

const tsBody = (testingLine: string): string => `
const f = (t: Tensor): Tensor => t.mul(t).sum();
const x: Tensor = Tensor.from([1, 2, 3], { dtype: 'float64' });
const g: Tensor = grad(f)(x);
const [value, dx]: [Tensor, Tensor] = valueAndGrad(f)(x);
// @ts-expect-error grad takes a function, not a tensor
const misuse = (): unknown => grad(x);
void misuse;
${testingLine}
console.log(JSON.stringify({ grad: g.toArray(), dtype: g.dtype, value: value.item(), same: dx.toArray(), testing }));`;

const pkg = (type: 'module' | 'commonjs'): string => JSON.stringify({ name: `consumer-${type}`, private: true, type });

const tsconfig = (module: string, moduleResolution: string, extra: object = {}): string =>
  JSON.stringify({
    compilerOptions: { target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'], strict: true, outDir: 'out', skipLibCheck: false, types: [], ...extra },
    include: ['src'],
  });

/** The consumer projects; `withTesting` adds an import of 'tinygrad-ts/testing'. */
export function projects(withTesting: boolean): Project[] {
  const esmTesting = withTesting ? `import * as t from 'tinygrad-ts/testing';\nconst testing = Object.keys(t).length;` : 'const testing = null;';
  const cjsTesting = withTesting ? `const testing = Object.keys(require('tinygrad-ts/testing')).length;` : 'const testing = null;';
  const tsNode = (name: string, mode: string): Project => ({
    name,
    build: 'tsc',
    run: ['out/index.js', 'out/cjs.cjs'],
    files: {
      'package.json': pkg('module'),
      'tsconfig.json': tsconfig(mode, mode),
      'src/index.ts': `import { Tensor, grad, valueAndGrad } from 'tinygrad-ts';\n${esmTesting.replace('const testing', 'const testing: number | null')}\n${tsBody('')}`,
      // A .cts file compiles to require(): the CJS build and its .d.cts types.
      'src/cjs.cts': `import { Tensor, grad, valueAndGrad } from 'tinygrad-ts';\n${withTesting ? `import * as t from 'tinygrad-ts/testing';\nconst testing: number | null = Object.keys(t).length;` : 'const testing: number | null = null;'}\n${tsBody('')}`,
    },
  });
  return [
    {
      name: 'esm',
      build: 'none',
      run: ['index.js'],
      files: { 'package.json': pkg('module'), 'index.js': `import { Tensor, grad } from 'tinygrad-ts';\n${esmTesting}\n${jsBody('')}` },
    },
    {
      name: 'cjs',
      build: 'none',
      run: ['index.js'],
      files: { 'package.json': pkg('commonjs'), 'index.js': `const { Tensor, grad } = require('tinygrad-ts');\n${cjsTesting}\n${jsBody('')}` },
    },
    tsNode('ts-node16', 'node16'),
    tsNode('ts-nodenext', 'nodenext'),
    {
      name: 'ts-bundler',
      build: 'tsc+bundle',
      run: ['out/bundle.mjs'],
      files: {
        'package.json': pkg('module'),
        'tsconfig.json': tsconfig('esnext', 'bundler', { noEmit: true }),
        'src/index.ts': `import { Tensor, grad, valueAndGrad } from 'tinygrad-ts';\n${esmTesting.replace('const testing', 'const testing: number | null')}\n${tsBody('')}`,
      },
    },
  ];
}
