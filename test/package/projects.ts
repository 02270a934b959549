// The consumer projects of the pack-and-import smoke test: each computes a gradient through the installed package
// and, when the package has the `tinygrad-ts/testing` entry, property-tests a custom op with it.
export interface Project {
  /** Directory name and test title. */
  readonly name: string;
  /** Files to write, by relative path. */
  readonly files: Readonly<Record<string, string>>;
  /** Programs to run with node after the build step; each prints one JSON line. */
  readonly run: readonly string[];
  /** How to build: nothing, tsc, or tsc (type check only) then an esbuild bundle. */
  readonly build: 'none' | 'tsc' | 'tsc+bundle';
}

type Flavour = 'js' | 'ts';
type Loader = 'import' | 'require';

const MAIN = ['Tensor', 'grad', 'valueAndGrad', 'defineOp'];
const TESTING = ['checkOpGradients', 'shapeArb', 'tensorArb'];

function imports(loader: Loader, names: string[], from: string): string {
  return loader === 'import' ? `import { ${names.join(', ')} } from '${from}';` : `const { ${names.join(', ')} } = require('${from}');`;
}

/** d/dx Σx² = 2x in float64; then a Square op with a hand-written rule, property-tested through the testing entry. */
function program(flavour: Flavour, loader: Loader, withTesting: boolean): string {
  const ts = flavour === 'ts';
  const T = (s: string): string => (ts ? s : '');
  const lines = [
    imports(loader, MAIN, 'tinygrad-ts'),
    withTesting ? imports(loader, TESTING, 'tinygrad-ts/testing') : '',
    `const f = (t${T(': Tensor')})${T(': Tensor')} => t.mul(t).sum();`,
    `const x = Tensor.from([1, 2, 3], { dtype: 'float64' });`,
    `const g = grad(f)(x);`,
    `const [value, again] = valueAndGrad(f)(x);`,
    T(`// @ts-expect-error grad takes a function, not a tensor\nconst misuse = (): unknown => grad(x);\nvoid misuse;`),
    `let testing${T(': string | null')} = null;`,
  ];
  if (withTesting) {
    lines.push(
      `const Square = defineOp${T('<[Tensor]>')}({`,
      `  name: 'Square',`,
      `  forward: ([v]) => v.mul(v),`,
      `  backward: (gy, { inputs: [v] }) => [gy.mul(v).mul(2)],`,
      `});`,
      `checkOpGradients(Square, { arbitrary: shapeArb({ maxRank: 2, maxDim: 3 }).chain((s) => tensorArb(s)).map((v) => [v]${T(' as [Tensor]')}), runs: 5 });`,
      `testing = 'checkOpGradients passed';`,
    );
  }
  lines.push(`console.log(JSON.stringify({ grad: g.toArray(), dtype: g.dtype, value: value.item(), again: again.toArray(), testing }));`);
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

const pkg = (type: 'module' | 'commonjs'): string => JSON.stringify({ name: `consumer-${type}`, private: true, type });

const tsconfig = (module: string, moduleResolution: string, extra: object = {}): string =>
  JSON.stringify({
    compilerOptions: { target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'], strict: true, outDir: 'out', skipLibCheck: false, types: [], ...extra },
    include: ['src'],
  });

/** The consumer projects; `withTesting` adds the 'tinygrad-ts/testing' entry to each. */
export function projects(withTesting: boolean): Project[] {
  const tsNode = (name: string, mode: string): Project => ({
    name,
    build: 'tsc',
    run: ['out/index.js', 'out/cjs.cjs'],
    files: {
      'package.json': pkg('module'),
      'tsconfig.json': tsconfig(mode, mode),
      'src/index.ts': program('ts', 'import', withTesting),
      // A .cts file compiles to require(): the CJS build and its .d.cts types.
      'src/cjs.cts': program('ts', 'import', withTesting),
    },
  });
  return [
    { name: 'esm', build: 'none', run: ['index.js'], files: { 'package.json': pkg('module'), 'index.js': program('js', 'import', withTesting) } },
    { name: 'cjs', build: 'none', run: ['index.js'], files: { 'package.json': pkg('commonjs'), 'index.js': program('js', 'require', withTesting) } },
    tsNode('ts-node16', 'node16'),
    tsNode('ts-nodenext', 'nodenext'),
    {
      name: 'ts-bundler',
      build: 'tsc+bundle',
      run: ['out/bundle.mjs'],
      files: {
        'package.json': pkg('module'),
        'tsconfig.json': tsconfig('esnext', 'bundler', { noEmit: true }),
        'src/index.ts': program('ts', 'import', withTesting),
      },
    },
  ];
}
